// Serialises changes to one member's profile, availability and skills.
#pragma once

#include <QSqlDatabase>

namespace skillex::server {

// Takes the row lock of the member's profile for the rest of the transaction, so that two
// concurrent replacements of the availability (or additions of skills) queue instead of
// interleaving on PostgreSQL. False when the user has no live member profile.
bool lockMember(QSqlDatabase &tx, qint64 userId);

} // namespace skillex::server
