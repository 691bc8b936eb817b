// RFC 9457 problem details: the one error shape of the API, and the problem types it uses.
#pragma once

#include "protocol/decode.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

namespace skillex::protocol {

// Problem type URIs. Each is documented in docs/api.md; clients branch on these, never on titles.
namespace problemtype {
inline const QString kBadRequest = QStringLiteral("urn:skillex:problem:bad-request");
inline const QString kValidation = QStringLiteral("urn:skillex:problem:validation");
inline const QString kMalformedJson = QStringLiteral("urn:skillex:problem:malformed-json");
inline const QString kPayloadTooLarge = QStringLiteral("urn:skillex:problem:payload-too-large");
inline const QString kUnauthenticated = QStringLiteral("urn:skillex:problem:unauthenticated");
inline const QString kTokenExpired = QStringLiteral("urn:skillex:problem:token-expired");
inline const QString kInvalidCredentials =
    QStringLiteral("urn:skillex:problem:invalid-credentials");
inline const QString kInvalidRefreshToken =
    QStringLiteral("urn:skillex:problem:invalid-refresh-token");
inline const QString kRefreshTokenReused =
    QStringLiteral("urn:skillex:problem:refresh-token-reused");
inline const QString kAccountDisabled = QStringLiteral("urn:skillex:problem:account-disabled");
inline const QString kForbidden = QStringLiteral("urn:skillex:problem:forbidden");
inline const QString kNotFound = QStringLiteral("urn:skillex:problem:not-found");
inline const QString kMethodNotAllowed = QStringLiteral("urn:skillex:problem:method-not-allowed");
inline const QString kConflict = QStringLiteral("urn:skillex:problem:conflict");
inline const QString kPreconditionFailed =
    QStringLiteral("urn:skillex:problem:precondition-failed");
inline const QString kPreconditionRequired =
    QStringLiteral("urn:skillex:problem:precondition-required");
inline const QString kIdempotencyMismatch =
    QStringLiteral("urn:skillex:problem:idempotency-key-reused");
inline const QString kUnsupportedMediaType =
    QStringLiteral("urn:skillex:problem:unsupported-media-type");
inline const QString kInsufficientCredits =
    QStringLiteral("urn:skillex:problem:insufficient-credits");
inline const QString kTransferConflict = QStringLiteral("urn:skillex:problem:transfer-conflict");
inline const QString kPendingResolved = QStringLiteral("urn:skillex:problem:pending-resolved");
inline const QString kInvalidSignature = QStringLiteral("urn:skillex:problem:invalid-signature");
inline const QString kInvalidState = QStringLiteral("urn:skillex:problem:invalid-state");
inline const QString kRateLimited = QStringLiteral("urn:skillex:problem:rate-limited");
inline const QString kInternal = QStringLiteral("urn:skillex:problem:internal");
inline const QString kUnavailable = QStringLiteral("urn:skillex:problem:unavailable");

// Admin API: moderation (cases, sanctions, appeals, ban approvals).

// Admin API: finance (adjustments, refunds, reconciliation).

// Admin API: taxonomy, audit, staff.

// Admin API: sync and the event stream.
// GET /admin/sync/snapshot with a resource the server does not have (the body lists them).
inline const QString kUnknownResource = QStringLiteral("urn:skillex:problem:unknown-resource");
// An event stream frame, after sign-in, that is not a stream message (the stream goes on).
inline const QString kStreamProtocol = QStringLiteral("urn:skillex:problem:stream-protocol");
// No "auth" message in time, or silent past the heartbeat timeout.
inline const QString kStreamTimeout = QStringLiteral("urn:skillex:problem:stream-timeout");
} // namespace problemtype

struct Problem {
    QString type;
    QString title;
    int status = 0;
    QString detail;
    QMap<QString, QString> errors; // field -> message, for validation problems
    QString requestId;
    QJsonObject extensions; // further members, e.g. "current" for 409/412

    QJsonObject toJson() const;
    QByteArray toBytes() const;
    static Decoded<Problem> fromJson(const QJsonObject &object);
    static Decoded<Problem> fromBytes(const QByteArray &body);
};

inline const QByteArray kProblemContentType = QByteArrayLiteral("application/problem+json");
inline const QByteArray kJsonContentType = QByteArrayLiteral("application/json");

} // namespace skillex::protocol
