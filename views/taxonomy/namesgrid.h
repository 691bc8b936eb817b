// NamesGrid: a node's names in English, German, Italian and Hindi side by side with their
// state — "Missing" (an empty translation, which members see in English) or "Edited".
#pragma once

#include <QJsonObject>
#include <QVariantMap>
#include <QWidget>

class QLabel;
class QLineEdit;

namespace skillex::views {

class NamesGrid : public QWidget {
    Q_OBJECT

public:
    explicit NamesGrid(QWidget *parent = nullptr);

    static QStringList languages()
    {
        return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("it"),
                QStringLiteral("hi")};
    }

    // Shows names as saved; clears the edits.
    void setNames(const QVariantMap &names);
    QVariantMap savedNames() const { return m_saved; }
    // The languages whose text differs from what is saved, trimmed ("" clears a translation).
    QJsonObject edits() const;
    bool isEdited() const { return !edits().isEmpty(); }
    // Empty when the edits can be sent; else what is wrong, naming the language.
    QString validate() const;
    void setReadOnly(bool readOnly);
    QLineEdit *editor(const QString &language) const;

    // Re-marks the states after the editors were set from code.
    void refresh() { refreshStates(); }

signals:
    void edited();

private:
    void refreshStates();

    QVariantMap m_saved;
    QHash<QString, QLineEdit *> m_edits;
    QHash<QString, QLabel *> m_states;
};

} // namespace skillex::views
