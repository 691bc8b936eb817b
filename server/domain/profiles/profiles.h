// Member profiles: one's own (read, and update under a version precondition) and the public
// view others see (never email or phone).
#pragma once

#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/profiles/memberskills.h"
#include "server/domain/taxonomy/localizednames.h"
#include "server/domain/versionprecondition.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

#include <optional>

namespace skillex::server {

inline constexpr int kMaxProfileLanguages = 10;
inline constexpr int kMaxBioLength = 2000; // code points
inline constexpr int kMaxNameLength = 200;
inline constexpr int kMaxAvatarUrlLength = 2048;
inline constexpr qint64 kRatingWindowMs = 365LL * 24 * 3600 * 1000; // "the last 12 months"

struct Profile {
    qint64 userId = 0;
    QString email;
    bool emailVerified = false;
    QString name;
    QString phone;
    QString avatarUrl;
    QStringList languages; // ISO 639-1
    QString timezone;      // IANA
    QString bio;
    QString referralCode;
    qint64 memberSince = 0;
    int version = 1;

    QJsonObject toJson() const;
};

struct ProfilePatch {
    std::optional<QString> name;
    std::optional<QString> phone;
    std::optional<QString> avatarUrl;
    std::optional<QStringList> languages;
    std::optional<QString> timezone;
    std::optional<QString> bio;

    QStringList fieldNames() const; // the wire names of the fields it sets
};

// Field -> what is wrong, for each field of the patch that breaks a rule; empty when valid.
QMap<QString, QString> profilePatchProblems(const ProfilePatch &patch);

// What an If-Match allows: any version ("*") or one of those listed.
struct PublicProfile {
    qint64 userId = 0;
    QString name;
    QString avatarUrl;
    QString bio;
    QStringList languages;
    QString timezone;
    qint64 memberSince = 0;
    QList<MemberSkill> skills;
    std::optional<double> rating; // mean of the review ratings in the window; none without reviews
    int ratingCount = 0;
    int completedAsTeacher = 0;
    int completedAsLearner = 0;

    QJsonObject toJson(Language language) const;
};

class Profiles {
public:
    Profiles(Database &db, const Clock &clock, EventLog &events);

    // Throws DomainError 404 when the user has no member profile.
    Profile own(qint64 userId);
    // Throws DomainError 400 (invalid fields), 404, and 412 with the current profile (as
    // "current", and its ETag) when the precondition does not admit the current version.
    Profile update(qint64 userId, const VersionPrecondition &precondition,
                   const ProfilePatch &patch);
    // Throws DomainError 404 for staff, unknown, deleted, banned or disabled accounts.
    PublicProfile publicProfile(qint64 userId);

    static QByteArray etag(int version); // "\"3\""

private:
    Database &m_db;
    const Clock &m_clock;
    EventLog &m_events;
};

} // namespace skillex::server
