// The admin event stream's wire messages (ARCHITECTURE.md "The event stream"): JSON text
// frames with an "op", encoded and decoded here for both the server and the console.
#pragma once

#include "protocol/decode.h"
#include "protocol/problem.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace skillex::protocol {

// Close codes the server uses; the console branches on them.
namespace streamclose {
constexpr int kUnauthenticated = 4401; // missing, bad or expired token (sign in again)
constexpr int kForbidden = 4403;       // the account may not watch the stream (not staff)
constexpr int kTimeout = 4408;         // no auth message in time, or silent past the timeout
constexpr int kResync = 4409;          // after a "resync" op: take a REST snapshot, then resume
constexpr int kProtocolError = 4400;   // a frame that is not a stream message
} // namespace streamclose

// One entry of the event log, as streamed: {seq, type, at, actor, subject: {type, id}, data}.
struct StreamEvent {
    qint64 seq = 0;
    QString type;
    qint64 atMs = 0; // "at" on the wire, ISO 8601 with milliseconds
    std::optional<qint64> actorId;
    QString subjectType;
    QString subjectId; // a number on the wire when it is one (ids), else a string
    QJsonObject data;

    QJsonObject toJson() const;
    static Decoded<StreamEvent> fromJson(const QJsonObject &object);
};

struct StreamMessage {
    enum class Op { Auth, Ready, Event, Ping, Pong, Presence, Resync, Error };

    Op op = Op::Ping;
    QString token;      // auth
    qint64 after = 0;   // auth: the last seq the client holds (0: none)
    qint64 head = 0;    // ready: the latest seq when the stream started
    StreamEvent event;  // event
    qint64 caseId = 0;  // presence
    QString state;      // presence: "viewing" or "left"
    qint64 staffId = 0; // presence from the server: who
    QString staffName;  // presence from the server
    QString reason;     // resync
    Problem problem;    // error

    static StreamMessage auth(const QString &token, qint64 after);
    static StreamMessage ready(qint64 head);
    static StreamMessage eventMessage(const StreamEvent &event);
    static StreamMessage ping();
    static StreamMessage pong();
    // From a client: no staff; from the server: the staff member it is about.
    static StreamMessage presence(qint64 caseId, const QString &state, qint64 staffId = 0,
                                  const QString &staffName = {});
    static StreamMessage resync(const QString &reason);
    static StreamMessage error(const Problem &problem);

    QJsonObject toJson() const;
    // A compact JSON text frame.
    QString encode() const;
    static Decoded<StreamMessage> fromJson(const QJsonObject &object);
    static Decoded<StreamMessage> decode(const QString &frame);
};

QString streamOpName(StreamMessage::Op op);
std::optional<StreamMessage::Op> streamOpFromName(const QString &name);

inline const QString kPresenceViewing = QStringLiteral("viewing");
inline const QString kPresenceLeft = QStringLiteral("left");

// resync reasons
inline const QString kResyncCursorUnknown = QStringLiteral("cursor-unknown");
inline const QString kResyncBacklog = QStringLiteral("backlog");

} // namespace skillex::protocol
