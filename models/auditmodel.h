// AuditModel: the audit entries the console has seen, newest first, windowed.
#pragma once

#include "models/auditfilter.h"
#include "models/windowed/windowedsqlmodel.h"

namespace skillex::models {

class AuditModel : public WindowedSqlModel {
    Q_OBJECT

public:
    enum Column { Time, Actor, Action, Target, Reason };
    Q_ENUM(Column)

    explicit AuditModel(client::CacheDb *db, QObject *parent = nullptr);

    void setActor(std::optional<qint64> actorId);
    // An action name ("case.dismiss") or a prefix of one ending in "." ("case.").
    void setAction(const QString &action);
    // Every filter at once (actor, action, target, dates), as AuditFetcher asks the server.
    void setFilter(const AuditFilter &filter);
    AuditFilter filter() const;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void apply();

    std::optional<qint64> m_actor;
    QString m_action;
    QString m_targetType;
    QString m_targetId;
    QDateTime m_from;
    QDateTime m_to;
    Qt::SortOrder m_order = Qt::DescendingOrder;
};

} // namespace skillex::models
