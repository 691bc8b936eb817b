// The session state machine of DOMAIN.md in one table: every allowed move, and nothing else.
#pragma once

#include <QString>
#include <QStringList>

namespace skillex::server::sessionstates {

inline const QString kScheduled = QStringLiteral("scheduled");
inline const QString kBooked = QStringLiteral("booked");
inline const QString kCompleted = QStringLiteral("completed");
inline const QString kCancelled = QStringLiteral("cancelled");
inline const QString kNoShow = QStringLiteral("no_show");

// scheduled -> booked | cancelled; booked -> scheduled (its last booking cancelled) |
// completed | cancelled | no_show. completed, cancelled and no_show are final.
bool allowed(const QString &from, const QString &to);
QStringList allowedFrom(const QString &from);
bool isFinal(const QString &state);

// Throws DomainError 409 "invalid-state" naming the current state when the move is not allowed.
void require(const QString &from, const QString &to, const QString &what);

} // namespace skillex::server::sessionstates
