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
// A case move not in the state table (409; body: current_state, allowed, current).
inline const QString kCaseState = QStringLiteral("urn:skillex:problem:case-state");
// A moderator acting on a case claimed by someone else (409; body: current).
inline const QString kCaseAssigned = QStringLiteral("urn:skillex:problem:case-assigned");
// The action does not fit the case (no member to sanction, nothing to remove) (409).
inline const QString kActionNotApplicable =
    QStringLiteral("urn:skillex:problem:action-not-applicable");
// A ban proposal already waits for the member (409), or the proposal was decided (409).
inline const QString kBanPending = QStringLiteral("urn:skillex:problem:ban-pending");
inline const QString kBanApprovalState = QStringLiteral("urn:skillex:problem:ban-approval-state");
// The proposer cannot approve their own ban (403): a second person must.
inline const QString kSecondApproverRequired =
    QStringLiteral("urn:skillex:problem:second-approver-required");
// The staff member who took the case's action cannot decide its appeal (403).
inline const QString kSameDecider = QStringLiteral("urn:skillex:problem:same-decider");
// Reinstating a member who has no active suspension or ban (409).
inline const QString kNotSanctioned = QStringLiteral("urn:skillex:problem:not-sanctioned");

// Admin API: finance (adjustments, refunds, reconciliation).
// The maker of a credit adjustment tried to approve or reject it: another person must.
inline const QString kFourEyes = QStringLiteral("urn:skillex:problem:four-eyes");
// An uploaded settlement report is not a layout of that provider (or not CSV at all).
inline const QString kSettlementLayout = QStringLiteral("urn:skillex:problem:settlement-layout");

// Admin API: taxonomy, audit, staff.
// users, audit, staff
inline const QString kLastAdmin = QStringLiteral("urn:skillex:problem:last-admin");
inline const QString kSelfLockout = QStringLiteral("urn:skillex:problem:self-lockout");

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
