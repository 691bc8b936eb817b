// CannedReasonList: the moderation team's reason templates (GET /admin/canned-reasons), kept in
// the cache's meta table so they are there offline too, and filled in for a preview exactly as
// the server fills them ({member_name}, {category}, {duration_days}, {case_id}, and any other
// placeholder the moderator types).
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QStringList>

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

struct CannedReason {
    qint64 id = 0;
    QString title;
    QString templateText;
    QStringList actions; // empty: any action
    QStringList placeholders;

    bool fits(const QString &action) const { return actions.isEmpty() || actions.contains(action); }
    // The standard placeholders the server fills itself.
    static bool isStandard(const QString &placeholder);
    // The template with values put in; unknown placeholders stay as {name}.
    QString fill(const QMap<QString, QString> &values) const;
};

class CannedReasonList : public QObject {
    Q_OBJECT

public:
    explicit CannedReasonList(client::Workspace *workspace, QObject *parent = nullptr);

    // From the cache at once, then from the server when online.
    void load();
    QList<CannedReason> reasons() const { return m_reasons; }
    QList<CannedReason> forAction(const QString &action) const;
    std::optional<CannedReason> find(qint64 id) const;

signals:
    void changed();

private:
    void parse(const QJsonObject &list);

    client::Workspace *m_workspace = nullptr;
    QList<CannedReason> m_reasons;
};

} // namespace skillex::views
