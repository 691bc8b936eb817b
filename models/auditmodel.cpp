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

void AuditModel::setFilter(const AuditFilter &filter)
{
    m_actor = filter.actorId;
    m_action = filter.action;
    m_targetType = filter.targetType;
    m_targetId = filter.targetId;
    m_from = filter.from;
    m_to = filter.to;
    apply();
}

AuditFilter AuditModel::filter() const
{
    return AuditFilter{m_actor, m_action, m_targetType, m_targetId, m_from, m_to};
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
    if (!m_targetType.isEmpty()) {
        where << QStringLiteral("a.target_type = ?");
        values << m_targetType;
    }
    if (!m_targetId.isEmpty()) {
        where << QStringLiteral("a.target_id = ?");
        values << m_targetId;
    }
    if (m_from.isValid()) {
        where << QStringLiteral("a.at >= ?");
        values << m_from.toMSecsSinceEpoch();
    }
    if (m_to.isValid()) {
        where << QStringLiteral("a.at < ?");
        values << m_to.toMSecsSinceEpoch();
    }
    setQuery(SortSpec{QStringLiteral("a.at"), m_order},
             SqlFilter{where.join(QStringLiteral(" AND ")), values});
}

} // namespace skillex::models
