// The transition table.
#include "server/domain/moderation/casestates.h"

#include "server/domain/domainerror.h"

#include <QHash>
#include <QJsonArray>

namespace skillex::server::casestates {
namespace {

const QHash<QString, QStringList> &table()
{
    static const QHash<QString, QStringList> moves = {
        {kOpen, {kAssigned, kEscalated, kResolved, kDismissed}},
        {kAssigned, {kOpen, kEscalated, kResolved, kDismissed}},
        {kEscalated, {kAssigned, kResolved, kDismissed}},
        {kResolved, {kAppealed}},
        {kDismissed, {}},
        {kAppealed, {kAppealUpheld, kAppealOverturned}},
        {kAppealUpheld, {}},
        {kAppealOverturned, {}},
    };
    return moves;
}

} // namespace

bool allowed(const QString &from, const QString &to)
{
    return table().value(from).contains(to);
}

QStringList allowedFrom(const QString &from)
{
    return table().value(from);
}

bool isFinal(const QString &state)
{
    return table().contains(state) && table().value(state).isEmpty();
}

Mover requiredMover(const QString &from, const QString &to)
{
    if (from == kResolved && to == kAppealed)
        return Mover::Member;
    if (from == kEscalated || from == kAppealed)
        return Mover::Senior;
    return Mover::Moderator;
}

const QStringList &allStates()
{
    static const QStringList states{kOpen,      kAssigned, kEscalated,    kResolved,
                                    kDismissed, kAppealed, kAppealUpheld, kAppealOverturned};
    return states;
}

void require(const QString &from, const QString &to, const QString &what,
             const QJsonObject &current)
{
    if (allowed(from, to))
        return;
    DomainError e(409, protocol::problemtype::kCaseState,
                  QStringLiteral("Not possible in this state"),
                  QStringLiteral("Cannot %1: the case is %2.").arg(what, from));
    e.withExtension(QStringLiteral("current_state"), from)
        .withExtension(QStringLiteral("allowed"), QJsonArray::fromStringList(allowedFrom(from)));
    if (!current.isEmpty())
        e.withExtension(QStringLiteral("current"), current);
    throw e;
}

} // namespace skillex::server::casestates
