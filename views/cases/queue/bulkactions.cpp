// BulkActions: the words of the confirmation and the outbox actions, one per case.
#include "views/cases/queue/bulkactions.h"

#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/outbox/actions.h"
#include "client/outbox/outbox.h"
#include "client/workspace/workspace.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QStringList>

namespace skillex::views::bulkactions {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("skillex::views::BulkActions", text, nullptr, n);
}

} // namespace

QString verbTitle(BulkVerb verb)
{
    switch (verb) {
    case BulkVerb::Claim:
        return tr("Claim");
    case BulkVerb::Release:
        return tr("Release");
    case BulkVerb::Dismiss:
        return tr("Dismiss");
    case BulkVerb::Warn:
        return tr("Warn");
    case BulkVerb::Escalate:
        return tr("Escalate");
    }
    return {};
}

bool needsReason(BulkVerb verb)
{
    return verb == BulkVerb::Dismiss || verb == BulkVerb::Warn || verb == BulkVerb::Escalate;
}

QString confirmationText(BulkVerb verb, const QList<qint64> &caseIds)
{
    constexpr int kNamed = 12;
    QStringList ids;
    for (int i = 0; i < caseIds.size() && i < kNamed; ++i)
        ids << QStringLiteral("#%1").arg(caseIds.at(i));
    QString list = ids.join(QStringLiteral(", "));
    if (caseIds.size() > kNamed)
        list += tr(" and %n more", int(caseIds.size() - kNamed));
    //: "Dismiss 3 cases: #12, #15, #19"
    if (caseIds.size() == 1)
        return tr("%1 1 case: %2").arg(verbTitle(verb), list);
    return tr("%1 %n cases: %2", int(caseIds.size())).arg(verbTitle(verb), list);
}

QString effectText(BulkVerb verb)
{
    switch (verb) {
    case BulkVerb::Claim:
        return tr("Each open case is assigned to you.");
    case BulkVerb::Release:
        return tr("Each case you hold goes back to the unassigned queue.");
    case BulkVerb::Dismiss:
        return tr("Each case is closed as dismissed; no member is sanctioned.");
    case BulkVerb::Warn:
        return tr("Each case's member gets a warning (a strike) with this reason, and the case "
                  "is resolved.");
    case BulkVerb::Escalate:
        return tr("Each case goes to the senior moderators with this note, unassigned.");
    }
    return {};
}

int enqueue(client::Workspace *workspace, BulkVerb verb, const QList<qint64> &caseIds,
            const QString &reason)
{
    client::CacheReader *reader = workspace->cache()->reader();
    if (!reader || caseIds.isEmpty())
        return 0;
    // The version each case has in the cache: the one the person saw when they chose.
    QHash<qint64, int> versions;
    for (qint64 id : caseIds) {
        const QVariant v =
            reader->scalar(QStringLiteral("SELECT version FROM cases WHERE id = ?"), {id});
        if (v.isValid())
            versions.insert(id, v.toInt());
    }
    QList<QFuture<client::CacheWriteResult>> writes;
    for (qint64 id : caseIds) {
        if (!versions.contains(id))
            continue;
        const int version = versions.value(id);
        client::Action action;
        switch (verb) {
        case BulkVerb::Claim:
            action = client::actions::claimCase(id, version);
            break;
        case BulkVerb::Release:
            action = client::actions::releaseCase(id, version);
            break;
        case BulkVerb::Dismiss:
            action = client::actions::dismissCase(id, version, reason);
            break;
        case BulkVerb::Warn:
            action = client::actions::warnMember(id, version, reason);
            break;
        case BulkVerb::Escalate:
            action = client::actions::escalateCase(id, version, reason);
            break;
        }
        writes << workspace->outbox()->enqueue(action);
    }
    int queued = 0;
    for (QFuture<client::CacheWriteResult> &write : writes) {
        write.waitForFinished();
        if (write.result().ok)
            ++queued;
    }
    return queued;
}

} // namespace skillex::views::bulkactions
