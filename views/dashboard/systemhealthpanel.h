// SystemHealthPanel: GET /api/v1/admin/system as a panel — server version, database, request
// rates and errors, event rate and this console's backlog, connected consoles, jobs.
#pragma once

#include <QFrame>
#include <QJsonObject>

class QFormLayout;
class QLabel;

namespace skillex::views {

class SystemHealthPanel : public QFrame {
    Q_OBJECT

public:
    explicit SystemHealthPanel(QWidget *parent = nullptr);

    // The system answer, and the event sequence this console has applied (for the backlog;
    // -1 when not known, e.g. a snapshot shown offline).
    void setSystem(const QJsonObject &system, qint64 appliedSeq);
    // The label showing the row (tests read them).
    QString text(const QString &row) const;

private:
    QLabel *addRow(const QString &key, const QString &label);

    QFormLayout *m_form = nullptr;
    QHash<QString, QLabel *> m_rows;
};

} // namespace skillex::views
