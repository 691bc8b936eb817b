// AuditModel: time, actor, action, target, reason.
#include "models/auditmodel.h"

#include <QDateTime>
#include <QLocale>

namespace skillex::models {

AuditModel::AuditModel(client::CacheDb *db, QObject *parent)
    : WindowedSqlModel(db, parent)
{
    const auto left = Qt::AlignLeft | Qt::AlignVCenter;
    setSource(
        QStringLiteral("audit_entries a"), QStringLiteral("audit_entries"), QStringLiteral("a.id"),
        {
            {tr("Time"), QStringLiteral("a.at"),
             [](const QVariantList &v) {
                 return QLocale().toString(QDateTime::fromMSecsSinceEpoch(v.at(Time).toLongLong()),
                                           QLocale::ShortFormat);
             },
             left, QStringLiteral("a.at")},
            {tr("Actor"), QStringLiteral("a.actor_label"), {}, left, {}},
            {tr("Action"), QStringLiteral("a.action"), {}, left, {}},
            {tr("Target"),
             QStringLiteral("CASE WHEN a.target_type = '' THEN '' ELSE a.target_type || "
                            "' ' || a.target_id END"),
             {},
             left,
             {}},
            {tr("Reason"), QStringLiteral("a.reason"), {}, left, {}},
        });
    apply();
}

void AuditModel::setActor(std::optional<qint64> actorId)
{
    m_actor = actorId;
    apply();
}

void AuditModel::setAction(const QString &action)
{
    m_action = action;
    apply();
}

void AuditModel::sort(int column, Qt::SortOrder order)
{
    if (column != Time)
        return;
    m_order = order;
    apply();
}

void AuditModel::apply()
{
    QStringList where;
    QVariantList values;
    if (m_actor) {
        where << QStringLiteral("a.actor_id = ?");
        values << *m_actor;
    }
    if (m_action.endsWith(u'.')) {
        where << QStringLiteral("substr(a.action, 1, ?) = ?");
        values << m_action.size() << m_action;
    } else if (!m_action.isEmpty()) {
        where << QStringLiteral("a.action = ?");
        values << m_action;
    }
    setQuery(SortSpec{QStringLiteral("a.at"), m_order},
             SqlFilter{where.join(QStringLiteral(" AND ")), values});
}

} // namespace skillex::models
