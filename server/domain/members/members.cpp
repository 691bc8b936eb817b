// Registration is one transaction: the user, the profile, the starter bonus, both referral
// bonuses, the verification notice and the event, or none of them.
#include "server/domain/members/members.h"

#include "server/domain/domainerror.h"
#include "server/domain/ledger/accounts.h"
#include "server/storage/sqlquery.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include <sodium.h>

namespace skillex::server {
namespace {

using namespace protocol;

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    randombytes_buf(raw.data(), static_cast<size_t>(raw.size()));
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

constexpr qint64 kVerificationLifetimeMs = 7LL * 24 * 3600 * 1000;

} // namespace

Members::Members(Database &db, const Clock &clock, const PasswordHasher &hasher, Ledger &ledger,
                 EventLog &events, const MarketplaceConfig &config)
    : m_db(db)
    , m_clock(clock)
    , m_hasher(hasher)
    , m_ledger(ledger)
    , m_events(events)
    , m_config(config)
{}

QString Members::hashToken(const QString &token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString Members::newReferralCode(QSqlDatabase &tx)
{
    // Short, unambiguous codes (no 0/O, 1/I); retried on the rare collision.
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (int attempt = 0; attempt < 10; ++attempt) {
        QString code;
        for (int i = 0; i < 8; ++i)
            code += QLatin1Char(alphabet[randombytes_uniform(sizeof alphabet - 1)]);
        SqlQuery q(tx, QStringLiteral("SELECT 1 FROM member_profiles WHERE referral_code = :c"));
        q.bind(QStringLiteral(":c"), code).exec();
        if (!q.next())
            return code;
    }
    throw std::runtime_error("could not find a free referral code");
}

RegisteredMember Members::registerMember(const Registration &r)
{
    QMap<QString, QString> errors;
    if (const auto p = Accounts::emailProblem(r.email); !p.isEmpty())
        errors.insert(QStringLiteral("email"), p);
    if (!r.precomputedPasswordHash) {
        if (const auto p = Accounts::passwordProblem(r.password); !p.isEmpty())
            errors.insert(QStringLiteral("password"), p);
    }
    if (r.name.trimmed().isEmpty() || r.name.size() > 200)
        errors.insert(QStringLiteral("name"), QStringLiteral("must be 1 to 200 characters"));
    if (r.referralCode && (r.referralCode->isEmpty() || r.referralCode->size() > 32))
        errors.insert(QStringLiteral("referral_code"), QStringLiteral("is not a referral code"));
    if (!errors.isEmpty())
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid registration"))
            .withFieldErrors(errors);

    // Hash before the transaction: argon2id must not hold SQLite's single writer.
    const QString passwordHash = r.precomputedPasswordHash.value_or(QString());
    const QString hashed = passwordHash.isEmpty() ? m_hasher.hash(r.password) : passwordHash;
    const QString email = Accounts::normaliseEmail(r.email);

    return m_db.write([&](QSqlDatabase &tx) {
        SqlQuery taken(tx, QStringLiteral("SELECT 1 FROM users WHERE email = :e"));
        taken.bind(QStringLiteral(":e"), email).exec();
        if (taken.next())
            throw DomainError(
                409, problemtype::kConflict, QStringLiteral("Email already registered"),
                QStringLiteral("An account with %1 exists already; sign in instead.").arg(email));
        std::optional<qint64> referrer;
        if (r.referralCode) {
            SqlQuery ref(
                tx, QStringLiteral(
                        "SELECT p.user_id FROM member_profiles p JOIN users u ON u.id = p.user_id "
                        "WHERE p.referral_code = :c AND u.status = 'active'"));
            ref.bind(QStringLiteral(":c"), r.referralCode->trimmed().toUpper()).exec();
            if (!ref.next())
                throw DomainError(400, problemtype::kValidation,
                                  QStringLiteral("Invalid registration"))
                    .withFieldErrors({{QStringLiteral("referral_code"),
                                       QStringLiteral("is not a known referral code")}});
            referrer = ref.int64(0);
        }
        const qint64 now = m_clock.nowMs();
        SqlQuery insert(
            tx, QStringLiteral("INSERT INTO users (email, name, password_hash, kind, status, "
                               "created_at, updated_at) "
                               "VALUES (:e, :n, :h, 'member', 'active', :t, :t2) RETURNING id"));
        insert.bind(QStringLiteral(":e"), email)
            .bind(QStringLiteral(":n"), r.name.trimmed())
            .bind(QStringLiteral(":h"), hashed)
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":t2"), now)
            .exec();
        RegisteredMember m;
        m.id = insert.scalar().value_or(0).toLongLong();
        m.referralCode = newReferralCode(tx);
        SqlQuery(tx, QStringLiteral("INSERT INTO member_profiles (user_id, referral_code, "
                                    "referred_by, last_active_at) VALUES (:u, :c, :r, :t)"))
            .bind(QStringLiteral(":u"), m.id)
            .bind(QStringLiteral(":c"), m.referralCode)
            .bindOptional(QStringLiteral(":r"), referrer)
            .bind(QStringLiteral(":t"), now)
            .exec();

        auto bonus = [&](const QString &id, const QString &from, qint64 to, qint64 amount,
                         const QString &code) {
            TransferSpec s;
            s.id = id;
            s.debit = from;
            s.credit = accounts::user(to);
            s.amount = amount;
            s.code = code;
            s.refType = QStringLiteral("user");
            s.refId = QString::number(m.id);
            m_ledger.post(tx, s);
        };
        if (m_config.starterBonus > 0)
            bonus(QStringLiteral("bonus:starter:%1").arg(m.id), accounts::kBonusStarter, m.id,
                  m_config.starterBonus, QStringLiteral("bonus_starter"));
        if (referrer && m_config.referralBonus > 0) {
            bonus(QStringLiteral("bonus:referral:%1:new").arg(m.id), accounts::kBonusReferral, m.id,
                  m_config.referralBonus, QStringLiteral("bonus_referral"));
            bonus(QStringLiteral("bonus:referral:%1:referrer").arg(m.id), accounts::kBonusReferral,
                  *referrer, m_config.referralBonus, QStringLiteral("bonus_referral"));
        }

        m.verificationToken = randomToken(24);
        SqlQuery(tx, QStringLiteral("INSERT INTO email_verifications (token_hash, user_id, "
                                    "created_at, expires_at) VALUES (:h, :u, :t, :e)"))
            .bind(QStringLiteral(":h"), hashToken(m.verificationToken))
            .bind(QStringLiteral(":u"), m.id)
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":e"), now + kVerificationLifetimeMs)
            .exec();
        const QJsonObject notice{{QStringLiteral("email"), email},
                                 {QStringLiteral("token"), m.verificationToken}};
        SqlQuery(tx, QStringLiteral("INSERT INTO notifications (user_id, kind, payload, "
                                    "created_at) VALUES (:u, 'verify_email', :p, :t)"))
            .bind(QStringLiteral(":u"), m.id)
            .bind(QStringLiteral(":p"),
                  QString::fromUtf8(QJsonDocument(notice).toJson(QJsonDocument::Compact)))
            .bind(QStringLiteral(":t"), now)
            .exec();
        m_events.append(tx, {QStringLiteral("member.registered"), m.id, QStringLiteral("user"),
                             QString::number(m.id),
                             QJsonObject{{QStringLiteral("referred_by"),
                                          referrer ? QJsonValue(*referrer) : QJsonValue()}}});
        return m;
    });
}

qint64 Members::verifyEmail(const QString &token)
{
    return m_db.write([&](QSqlDatabase &tx) {
        const qint64 now = m_clock.nowMs();
        SqlQuery q(tx, QStringLiteral("SELECT user_id, expires_at, used_at FROM "
                                      "email_verifications WHERE token_hash = :h"));
        q.bind(QStringLiteral(":h"), hashToken(token)).exec();
        if (!q.next() || !q.isNull(2) || q.int64(1) <= now)
            throw DomainError(
                400, problemtype::kValidation, QStringLiteral("Invalid verification token"),
                QStringLiteral("The link is unknown, used or expired; ask for a new one."))
                .withFieldErrors(
                    {{QStringLiteral("token"), QStringLiteral("is unknown, used or expired")}});
        const qint64 user = q.int64(0);
        SqlQuery(
            tx, QStringLiteral("UPDATE email_verifications SET used_at = :t WHERE token_hash = :h"))
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":h"), hashToken(token))
            .exec();
        SqlQuery(tx, QStringLiteral("UPDATE member_profiles SET email_verified_at = :t WHERE "
                                    "user_id = :u AND email_verified_at IS NULL"))
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":u"), user)
            .exec();
        m_events.append(tx, {QStringLiteral("member.email_verified"),
                             user,
                             QStringLiteral("user"),
                             QString::number(user),
                             {}});
        return user;
    });
}

} // namespace skillex::server
