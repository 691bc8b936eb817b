// EventApplier: one place that knows which event types change which cache rows.
#include "client/sync/eventapplier.h"

#include "client/cache/cacheerror.h"
#include "client/cache/cachewritetx.h"
#include "client/cache/caserecords.h"
#include "client/cache/directoryrecords.h"

#include <QHash>

namespace skillex::client::eventapplier {

namespace {

QJsonObject withId(QJsonObject data, qint64 id)
{
    if (!data.contains(QStringLiteral("id")))
        data.insert(QStringLiteral("id"), id);
    return data;
}

} // namespace

qint64 cursor(CacheWriteTx &tx)
{
    return tx.scalar(QStringLiteral("SELECT last_seq FROM event_cursor WHERE id = 1")).toLongLong();
}

bool applyOne(CacheWriteTx &tx, const QJsonObject &event, qint64 nowMs)
{
    const QString type = event.value(QStringLiteral("type")).toString();
    const QJsonObject subject = event.value(QStringLiteral("subject")).toObject();
    const qint64 subjectId = qint64(subject.value(QStringLiteral("id")).toDouble());
    const QJsonObject data = event.value(QStringLiteral("data")).toObject();
    const QString subjectType = subject.value(QStringLiteral("type")).toString();

    if (type.startsWith(QLatin1String("case.")) && subjectType == QLatin1String("case") &&
        data.contains(QStringLiteral("status"))) {
        // Case events carry the case summary (docs/api.md, "Audit and events").
        caserecords::upsertCase(tx, withId(data, subjectId), nowMs);
        return true;
    }
    if (type == QLatin1String("case.priorities_refreshed")) {
        // Which cases moved, not where to: SyncEngine fetches them again.
        return true;
    }
    if (type.startsWith(QLatin1String("staff.")) && data.contains(QStringLiteral("email"))) {
        QJsonObject account = withId(data, subjectId);
        if (!account.contains(QStringLiteral("kind")))
            account.insert(QStringLiteral("kind"), QStringLiteral("staff"));
        directoryrecords::upsertUser(tx, account, nowMs);
        directoryrecords::upsertStaff(tx, account, nowMs);
        return true;
    }
    if (type == QLatin1String("user.suspended") || type == QLatin1String("user.banned") ||
        type == QLatin1String("user.reinstated")) {
        // {user: {id, name, status}, ...}: the status moved; the rest of the row stays.
        const QJsonObject user = data.value(QStringLiteral("user")).toObject();
        directoryrecords::updateUserStatus(
            tx, qint64(user.value(QStringLiteral("id")).toDouble(subjectId)),
            user.value(QStringLiteral("status")).toString(), nowMs);
        return true;
    }
    if (type.startsWith(QLatin1String("taxonomy."))) {
        // Every node the write changed, whole.
        for (const QJsonValue node : data.value(QStringLiteral("categories")).toArray())
            directoryrecords::upsertCategory(tx, node.toObject(), nowMs);
        for (const QJsonValue node : data.value(QStringLiteral("skills")).toArray())
            directoryrecords::upsertSkill(tx, node.toObject(), nowMs);
        return true;
    }
    return false;
}

QList<std::pair<QString, qint64>> needsFetch(const QJsonObject &event)
{
    const QString type = event.value(QStringLiteral("type")).toString();
    const QJsonObject data = event.value(QStringLiteral("data")).toObject();
    const qint64 subjectId = qint64(
        event.value(QStringLiteral("subject")).toObject().value(QStringLiteral("id")).toDouble());
    QList<std::pair<QString, qint64>> out;
    if (type == QLatin1String("member.registered") ||
        type == QLatin1String("member.profile_updated"))
        out.push_back({QStringLiteral("user"), subjectId});
    if (type == QLatin1String("case.priorities_refreshed")) {
        for (const QJsonValue id : data.value(QStringLiteral("case_ids")).toArray())
            out.push_back({QStringLiteral("case"), qint64(id.toDouble())});
    }
    return out;
}

namespace {

// A case event that carries the whole list item: a later one in the same batch makes an
// earlier one's write pointless (a flurry of reports on one case is one row write).
bool isWholeCase(const QJsonObject &event)
{
    const QJsonObject data = event.value(QStringLiteral("data")).toObject();
    return event.value(QStringLiteral("subject")).toObject().value(QStringLiteral("type")) ==
               QLatin1String("case") &&
           data.contains(QStringLiteral("status")) && data.contains(QStringLiteral("version")) &&
           data.contains(QStringLiteral("priority")) && data.contains(QStringLiteral("opened_at"));
}

qint64 subjectIdOf(const QJsonObject &event)
{
    return qint64(
        event.value(QStringLiteral("subject")).toObject().value(QStringLiteral("id")).toDouble());
}

int versionOf(const QJsonObject &event)
{
    return event.value(QStringLiteral("data")).toObject().value(QStringLiteral("version")).toInt();
}

bool isCaseData(const QJsonObject &event)
{
    return event.value(QStringLiteral("subject")).toObject().value(QStringLiteral("type")) ==
               QLatin1String("case") &&
           event.value(QStringLiteral("data")).toObject().contains(QStringLiteral("status"));
}

} // namespace

Outcome apply(CacheWriteTx &tx, const QJsonArray &events, qint64 nowMs)
{
    Outcome outcome;
    qint64 last = cursor(tx);
    // The last whole-case event per case in this batch: its position and version.
    QHash<qint64, std::pair<qsizetype, int>> lastWhole;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject event = events.at(i).toObject();
        if (isWholeCase(event))
            lastWhole.insert(subjectIdOf(event), {i, versionOf(event)});
    }
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject event = events.at(i).toObject();
        const qint64 seq = qint64(event.value(QStringLiteral("seq")).toDouble());
        if (seq <= last) {
            ++outcome.skipped;
            continue;
        }
        if (seq != last + 1)
            throw CacheError(
                QStringLiteral("event %1 follows %2: events are missing").arg(seq).arg(last));
        // Skipped only when a later whole event of the same case in this batch is at least as
        // new: a later event with an older version would itself be refused as stale.
        const auto whole = lastWhole.constFind(subjectIdOf(event));
        const bool superseded = whole != lastWhole.constEnd() && whole->first > i &&
                                isCaseData(event) && whole->second >= versionOf(event);
        if (superseded)
            ++outcome.applied;
        else if (applyOne(tx, event, nowMs))
            ++outcome.applied;
        else
            ++outcome.ignored;
        last = seq;
        outcome.lastAt = caserecords::timeMs(event.value(QStringLiteral("at")), outcome.lastAt);
    }
    outcome.lastSeq = last;
    tx.run(
        QStringLiteral("UPDATE event_cursor SET last_seq = ?, head = MAX(head, ?), "
                       "last_event_at = COALESCE(?, last_event_at), updated_at = ? WHERE id = 1"),
        {last, last,
         outcome.lastAt > 0 ? QVariant(outcome.lastAt) : QVariant(QMetaType(QMetaType::LongLong)),
         nowMs});
    return outcome;
}

} // namespace skillex::client::eventapplier
