// AliasChips: a skill's aliases as chips, with a field to add one (Enter) and Delete or the
// Remove button to take the selected one away. Edits stay here until the pane saves them.
#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace skillex::views {

class AliasChips : public QWidget {
    Q_OBJECT

public:
    explicit AliasChips(QWidget *parent = nullptr);

    void setAliases(const QStringList &aliases);
    QStringList aliases() const;
    // Shows a set as an edit of the saved one (a refused change put back to correct).
    void showEdited(const QStringList &aliases);
    bool isEdited() const;
    // Empty when the set can be sent; else what is wrong. ownNames: the skill's names, which
    // an alias may not repeat (the server refuses it).
    QString validate(const QStringList &ownNames) const;
    void setReadOnly(bool readOnly);
    QLineEdit *input() const { return m_input; }

signals:
    void edited();

private:
    void addFromInput();
    void removeSelected();
    void updateEmptyHint();

    QStringList m_saved;
    QListWidget *m_chips = nullptr;
    QLabel *m_empty = nullptr;
    QLineEdit *m_input = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace skillex::views
