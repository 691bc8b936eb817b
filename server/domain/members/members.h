// Member accounts: registration (with the starter and referral bonuses), email verification.
#pragma once

#include "server/domain/audit/auditlog.h"
#include "server/domain/auth/accounts.h"
#include "server/domain/auth/authservice.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/ledger/ledger.h"
#include "server/domain/marketplaceconfig.h"
#include "server/storage/database.h"

#include <QString>

#include <optional>

namespace skillex::server {

struct Registration {
    QString email;
    QString password;
    QString name;
    std::optional<QString> referralCode;
    // Set by the simulator to skip argon2 for thousands of members; never from the API.
    std::optional<QString> precomputedPasswordHash;
};

struct RegisteredMember {
    qint64 id = 0;
    QString referralCode;
    QString verificationToken; // also recorded in notifications; no mail leaves from here
};

class Members {
public:
    Members(Database &db, const Clock &clock, const PasswordHasher &hasher, Ledger &ledger,
            EventLog &events, const MarketplaceConfig &config);

    // Throws DomainError 400 (validation; an unknown referral code is a field error) and 409
    // (email in use). The account, its profile, the bonuses and the event commit together.
    RegisteredMember registerMember(const Registration &r);
    // Throws DomainError 400 for an unknown, used or expired token.
    qint64 verifyEmail(const QString &token);

    static QString hashToken(const QString &token);

private:
    QString newReferralCode(QSqlDatabase &tx);

    Database &m_db;
    const Clock &m_clock;
    const PasswordHasher &m_hasher;
    Ledger &m_ledger;
    EventLog &m_events;
    const MarketplaceConfig &m_config;
};

} // namespace skillex::server
