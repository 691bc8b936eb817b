// The check every member action of chat and moderation intake starts with, inside its own
// transaction: the caller is a member (not staff) whose account may act (not suspended or
// banned). Sign-in already refuses such accounts; this closes the window between the request's
// authentication and its transaction.
#pragma once

#include <QSqlDatabase>

namespace skillex::server::chat {

// Throws DomainError 403 (forbidden for staff accounts, account-disabled for suspended,
// banned or disabled members).
void requireActiveMember(QSqlDatabase &tx, qint64 userId);

// For filing an appeal only: a member who is active, suspended or banned (the appeal exists for
// the sanctioned member). Throws DomainError 403 for staff and for disabled accounts.
void requireMemberWhoMayAppeal(QSqlDatabase &tx, qint64 userId);

} // namespace skillex::server::chat
