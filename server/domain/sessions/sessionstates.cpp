// The transition table.
#include "server/domain/sessions/sessionstates.h"

#include "server/domain/domainerror.h"

#include <QHash>

namespace skillex::server::sessionstates {
namespace {

const QHash<QString, QStringList> &table()
{
    static const QHash<QString, QStringList> moves = {
        {kScheduled, {kBooked, kCancelled}},
        {kBooked, {kScheduled, kCompleted, kCancelled, kNoShow}},
        {kCompleted, {}},
        {kCancelled, {}},
        {kNoShow, {}},
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

void require(const QString &from, const QString &to, const QString &what)
{
    if (!allowed(from, to))
        throw DomainError(409, protocol::problemtype::kInvalidState,
                          QStringLiteral("Not possible in this state"),
                          QStringLiteral("Cannot %1: the session is %2.").arg(what, from))
            .withExtension(QStringLiteral("current_state"), from);
}

} // namespace skillex::server::sessionstates
