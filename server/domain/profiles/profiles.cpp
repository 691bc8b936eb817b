// Profile updates are optimistic: the caller names the version it saw; the UPDATE is guarded on
// it too, so of two concurrent updates from one version exactly one wins and the other gets 412.
#include "server/domain/profiles/profiles.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/domain/profiles/languagecodes.h"
#include "server/domain/profiles/textrules.h"
#include "server/storage/sqlquery.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace skillex::server {
namespace {

using namespace protocol;

const QString kSelectProfile = QStringLiteral(
    "SELECT u.id, u.email, u.name, u.created_at, p.phone, p.avatar_url, p.languages, p.timezone, "
    "p.bio, p.referral_code, p.email_verified_at, p.version FROM users u "
    "JOIN member_profiles p ON p.user_id = u.id WHERE u.id = :u AND p.deleted_at IS NULL");

QStringList languagesFromText(const QString &text)
{
    QStringList out;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const auto &v : array) {
        if (v.isString())
            out.push_back(v.toString());
    }
    return out;
}

QString languagesToText(const QStringList &languages)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(languages)).toJson(QJsonDocument::Compact));
}

std::optional<Profile> loadProfile(QSqlDatabase &db, qint64 userId)
{
    SqlQuery q(db, kSelectProfile);
    q.bind(QStringLiteral(":u"), userId).exec();
    if (!q.next())
        return std::nullopt;
    Profile p;
    p.userId = q.int64(0);
    p.email = q.string(1);
    p.name = q.string(2);
    p.memberSince = q.int64(3);
    p.phone = q.string(4);
    p.avatarUrl = q.string(5);
    p.languages = languagesFromText(q.string(6));
    p.timezone = q.string(7);
    p.bio = q.string(8);
    p.referralCode = q.string(9);
    p.emailVerified = !q.isNull(10);
    p.version = q.value(11).toInt();
    return p;
}

DomainError noProfile()
{
    return DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                       QStringLiteral("There is no member profile for this account."));
}

DomainError stale(const Profile &current)
{
    return DomainError(412, problemtype::kPreconditionFailed, QStringLiteral("Version changed"),
                       QStringLiteral("The profile is at version %1; review it and try again.")
                           .arg(current.version))
        .withExtension(QStringLiteral("current"), current.toJson())
        .withHeader("ETag", Profiles::etag(current.version));
}

QString phoneProblem(const QString &phone)
{
    static const QRegularExpression allowed(QStringLiteral("^\\+?[0-9 ()\\-]+$"));
    if (phone.isEmpty())
        return {};
    const qsizetype digits =
        std::count_if(phone.cbegin(), phone.cend(), [](QChar c) { return c.isDigit(); });
    if (phone.size() > 32 || !allowed.match(phone).hasMatch() || digits < 3 || digits > 15)
        return QStringLiteral("must be a phone number: digits, spaces, ()-, an optional leading "
                              "+, 3 to 15 digits; or empty");
    return {};
}

QString avatarProblem(const QString &url)
{
    if (url.isEmpty())
        return {};
    const QUrl parsed(url, QUrl::StrictMode);
    if (url.size() > kMaxAvatarUrlLength || !parsed.isValid() ||
        parsed.scheme() != QLatin1String("https") || parsed.host().isEmpty() ||
        !parsed.userInfo().isEmpty() || !isCleanText(url, false))
        return QStringLiteral("must be an https URL of at most %1 characters, or empty")
            .arg(kMaxAvatarUrlLength);
    return {};
}

QString languagesProblem(const QStringList &languages)
{
    if (languages.size() > kMaxProfileLanguages)
        return QStringLiteral("must list at most %1 languages").arg(kMaxProfileLanguages);
    QSet<QString> seen;
    for (const QString &code : languages) {
        if (!isIso639Part1(code))
            return QStringLiteral("\"%1\" is not an ISO 639-1 code (two lower-case letters, "
                                  "e.g. \"en\", \"hi\")")
                .arg(code.left(16));
        if (seen.contains(code))
            return QStringLiteral("lists \"%1\" twice").arg(code);
        seen.insert(code);
    }
    return {};
}

QString timezoneProblem(const QString &zone)
{
    // IANA names only ("Asia/Kolkata", "UTC"); QTimeZone alone would also take "UTC+05:30".
    static const QRegularExpression iana(
        QStringLiteral("^[A-Za-z][A-Za-z0-9_+\\-]*(/[A-Za-z0-9_+\\-]+)*$"));
    if (zone.size() > 64 || !iana.match(zone).hasMatch() ||
        !QTimeZone::isTimeZoneIdAvailable(zone.toUtf8()))
        return QStringLiteral("must be an IANA time zone name, e.g. \"Europe/Berlin\"");
    return {};
}

} // namespace

QJsonObject Profile::toJson() const
{
    return {{QStringLiteral("id"), userId},
            {QStringLiteral("email"), email},
            {QStringLiteral("email_verified"), emailVerified},
            {QStringLiteral("name"), name},
            {QStringLiteral("phone"), phone},
            {QStringLiteral("avatar_url"), avatarUrl},
            {QStringLiteral("languages"), QJsonArray::fromStringList(languages)},
            {QStringLiteral("timezone"), timezone},
            {QStringLiteral("bio"), bio},
            {QStringLiteral("referral_code"), referralCode},
            {QStringLiteral("member_since"), toWireTime(memberSince)},
            {QStringLiteral("version"), version}};
}

QStringList ProfilePatch::fieldNames() const
{
    QStringList out;
    if (name)
        out << QStringLiteral("name");
    if (phone)
        out << QStringLiteral("phone");
    if (avatarUrl)
        out << QStringLiteral("avatar_url");
    if (languages)
        out << QStringLiteral("languages");
    if (timezone)
        out << QStringLiteral("timezone");
    if (bio)
        out << QStringLiteral("bio");
    return out;
}

QMap<QString, QString> profilePatchProblems(const ProfilePatch &patch)
{
    QMap<QString, QString> errors;
    const auto check = [&errors](const QString &field, const QString &problem) {
        if (!problem.isEmpty())
            errors.insert(field, problem);
    };
    if (patch.name) {
        const QString name = patch.name->trimmed();
        if (name.isEmpty() || codePointCount(name) > kMaxNameLength || !isCleanText(name, false))
            check(QStringLiteral("name"),
                  QStringLiteral("must be 1 to %1 characters, without control characters")
                      .arg(kMaxNameLength));
    }
    if (patch.phone)
        check(QStringLiteral("phone"), phoneProblem(patch.phone->trimmed()));
    if (patch.avatarUrl)
        check(QStringLiteral("avatar_url"), avatarProblem(patch.avatarUrl->trimmed()));
    if (patch.languages)
        check(QStringLiteral("languages"), languagesProblem(*patch.languages));
    if (patch.timezone)
        check(QStringLiteral("timezone"), timezoneProblem(*patch.timezone));
    if (patch.bio && (codePointCount(*patch.bio) > kMaxBioLength || !isCleanText(*patch.bio, true)))
        check(QStringLiteral("bio"),
              QStringLiteral("must be at most %1 characters, without control characters other "
                             "than line breaks and tabs")
                  .arg(kMaxBioLength));
    return errors;
}

QJsonObject PublicProfile::toJson(Language language) const
{
    QJsonArray skillArray;
    for (const MemberSkill &s : skills)
        skillArray.push_back(s.toJson(language));
    return {{QStringLiteral("id"), userId},
            {QStringLiteral("name"), name},
            {QStringLiteral("avatar_url"), avatarUrl},
            {QStringLiteral("bio"), bio},
            {QStringLiteral("languages"), QJsonArray::fromStringList(languages)},
            {QStringLiteral("timezone"), timezone},
            {QStringLiteral("member_since"), toWireTime(memberSince)},
            {QStringLiteral("skills"), skillArray},
            {QStringLiteral("rating"),
             QJsonObject{{QStringLiteral("mean"), rating ? QJsonValue(*rating) : QJsonValue()},
                         {QStringLiteral("count"), ratingCount},
                         {QStringLiteral("window_days"), 365}}},
            {QStringLiteral("completed_sessions"), completedAsTeacher + completedAsLearner},
            {QStringLiteral("completed_as_teacher"), completedAsTeacher},
            {QStringLiteral("completed_as_learner"), completedAsLearner}};
}

Profiles::Profiles(Database &db, const Clock &clock, EventLog &events)
    : m_db(db)
    , m_clock(clock)
    , m_events(events)
{}

QByteArray Profiles::etag(int version)
{
    return '"' + QByteArray::number(version) + '"';
}

Profile Profiles::own(qint64 userId)
{
    const auto p = m_db.read([&](QSqlDatabase &db) { return loadProfile(db, userId); });
    if (!p)
        throw noProfile();
    return *p;
}

Profile Profiles::update(qint64 userId, const VersionPrecondition &precondition,
                         const ProfilePatch &patch)
{
    const QStringList fields = patch.fieldNames();
    if (fields.isEmpty())
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Nothing to change"),
                          QStringLiteral("Name at least one of name, phone, avatar_url, "
                                         "languages, timezone, bio."));
    if (const auto errors = profilePatchProblems(patch); !errors.isEmpty())
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid profile"))
            .withFieldErrors(errors);

    return m_db.write([&](QSqlDatabase &tx) {
        const auto current = loadProfile(tx, userId);
        if (!current)
            throw noProfile();
        if (!precondition.admits(current->version))
            throw stale(*current);
        const qint64 now = m_clock.nowMs();
        SqlQuery update(
            tx, QStringLiteral("UPDATE member_profiles SET phone = :phone, avatar_url = :avatar, "
                               "languages = :languages, timezone = :tz, bio = :bio, "
                               "version = version + 1 WHERE user_id = :u AND version = :v"));
        update.bind(QStringLiteral(":phone"), patch.phone.value_or(current->phone).trimmed())
            .bind(QStringLiteral(":avatar"), patch.avatarUrl.value_or(current->avatarUrl).trimmed())
            .bind(QStringLiteral(":languages"),
                  languagesToText(patch.languages.value_or(current->languages)))
            .bind(QStringLiteral(":tz"), patch.timezone.value_or(current->timezone))
            .bind(QStringLiteral(":bio"), patch.bio.value_or(current->bio))
            .bind(QStringLiteral(":u"), userId)
            .bind(QStringLiteral(":v"), current->version)
            .exec();
        if (update.rowsAffected() == 0) {
            // A concurrent update committed between our read and our write.
            throw stale(loadProfile(tx, userId).value_or(*current));
        }
        if (patch.name) {
            SqlQuery(tx,
                     QStringLiteral("UPDATE users SET name = :n, updated_at = :t WHERE id = :u"))
                .bind(QStringLiteral(":n"), patch.name->trimmed())
                .bind(QStringLiteral(":t"), now)
                .bind(QStringLiteral(":u"), userId)
                .exec();
        }
        const Profile updated = loadProfile(tx, userId).value();
        // Field names only: the values (a phone number) stay out of the event stream.
        m_events.append(tx,
                        {QStringLiteral("member.profile_updated"), userId, QStringLiteral("user"),
                         QString::number(userId),
                         QJsonObject{{QStringLiteral("fields"), QJsonArray::fromStringList(fields)},
                                     {QStringLiteral("version"), updated.version}}});
        return updated;
    });
}

PublicProfile Profiles::publicProfile(qint64 userId)
{
    const qint64 since = m_clock.nowMs() - kRatingWindowMs;
    return m_db.read([&](QSqlDatabase &db) {
        SqlQuery q(db, QStringLiteral(
                           "SELECT u.id, u.name, u.created_at, p.avatar_url, p.bio, p.languages, "
                           "p.timezone FROM users u JOIN member_profiles p ON p.user_id = u.id "
                           "WHERE u.id = :u AND u.kind = 'member' AND u.status NOT IN ('banned', "
                           "'disabled') AND p.deleted_at IS NULL"));
        q.bind(QStringLiteral(":u"), userId).exec();
        if (!q.next())
            throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                              QStringLiteral("There is no member %1.").arg(userId));
        PublicProfile p;
        p.userId = q.int64(0);
        p.name = q.string(1);
        p.memberSince = q.int64(2);
        p.avatarUrl = q.string(3);
        p.bio = q.string(4);
        p.languages = languagesFromText(q.string(5));
        p.timezone = q.string(6);
        p.skills = memberSkillsOf(db, userId, 0, kMaxMemberSkills);

        // Sums, not AVG: integer arithmetic reads the same from both drivers.
        SqlQuery rating(db, QStringLiteral("SELECT COUNT(*), COALESCE(SUM(knowledge + "
                                           "communication + professionalism), 0) FROM reviews "
                                           "WHERE reviewee_id = :u AND hidden_at IS NULL AND "
                                           "deleted_at IS NULL AND created_at >= :since"));
        rating.bind(QStringLiteral(":u"), userId).bind(QStringLiteral(":since"), since).exec();
        rating.next();
        p.ratingCount = rating.value(0).toInt();
        if (p.ratingCount > 0) {
            const double mean = rating.value(1).toDouble() / (3.0 * p.ratingCount);
            p.rating = std::round(mean * 100.0) / 100.0;
        }
        SqlQuery taught(db, QStringLiteral("SELECT COUNT(*) FROM sessions WHERE teacher_id = :u "
                                           "AND status = 'completed'"));
        taught.bind(QStringLiteral(":u"), userId).exec();
        p.completedAsTeacher = taught.scalar().value_or(0).toInt();
        SqlQuery learned(db, QStringLiteral("SELECT COUNT(*) FROM bookings WHERE learner_id = :u "
                                            "AND status = 'completed'"));
        learned.bind(QStringLiteral(":u"), userId).exec();
        p.completedAsLearner = learned.scalar().value_or(0).toInt();
        return p;
    });
}

} // namespace skillex::server
