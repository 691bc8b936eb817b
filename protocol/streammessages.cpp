// Unknown fields are tolerated in stream messages (unlike request bodies): a newer server may
// add fields, and an older console must keep streaming.
#include "protocol/streammessages.h"

#include "protocol/timestamps.h"

#include <QJsonDocument>

#include <array>
#include <limits>

namespace skillex::protocol {
namespace {

constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();

struct OpName {
    StreamMessage::Op op;
    const char *name;
};

constexpr std::array<OpName, 8> kOps{{
    {StreamMessage::Op::Auth, "auth"},
    {StreamMessage::Op::Ready, "ready"},
    {StreamMessage::Op::Event, "event"},
    {StreamMessage::Op::Ping, "ping"},
    {StreamMessage::Op::Pong, "pong"},
    {StreamMessage::Op::Presence, "presence"},
    {StreamMessage::Op::Resync, "resync"},
    {StreamMessage::Op::Error, "error"},
}};

} // namespace

QString streamOpName(StreamMessage::Op op)
{
    for (const auto &entry : kOps)
        if (entry.op == op)
            return QString::fromLatin1(entry.name);
    return {};
}

std::optional<StreamMessage::Op> streamOpFromName(const QString &name)
{
    for (const auto &entry : kOps)
        if (name == QLatin1String(entry.name))
            return entry.op;
    return std::nullopt;
}

QJsonObject StreamEvent::toJson() const
{
    bool numeric = false;
    const qint64 idNumber = subjectId.toLongLong(&numeric);
    return {
        {QStringLiteral("seq"), seq},
        {QStringLiteral("type"), type},
        {QStringLiteral("at"), toWireTime(atMs)},
        {QStringLiteral("actor"), actorId ? QJsonValue(*actorId) : QJsonValue()},
        {QStringLiteral("subject"),
         QJsonObject{
             {QStringLiteral("type"), subjectType},
             {QStringLiteral("id"), numeric ? QJsonValue(idNumber) : QJsonValue(subjectId)}}},
        {QStringLiteral("data"), data},
    };
}

Decoded<StreamEvent> StreamEvent::fromJson(const QJsonObject &object)
{
    FieldReader r(object);
    StreamEvent e;
    e.seq = r.requiredInteger(QStringLiteral("seq"), 1, kMaxId);
    e.type = r.requiredString(QStringLiteral("type"), 200);
    const QString at = r.requiredString(QStringLiteral("at"), 64);
    if (const auto time = fromWireTime(at))
        e.atMs = time->toMSecsSinceEpoch();
    else if (!at.isEmpty())
        r.fail(QStringLiteral("at"), QStringLiteral("must be an ISO 8601 UTC time"));
    e.actorId = r.optionalInteger(QStringLiteral("actor"), 1, kMaxId);
    const QJsonObject subject = object.value(QStringLiteral("subject")).toObject();
    e.subjectType = subject.value(QStringLiteral("type")).toString();
    const QJsonValue id = subject.value(QStringLiteral("id"));
    e.subjectId = id.isDouble() ? QString::number(id.toInteger()) : id.toString();
    if (e.subjectType.isEmpty())
        r.fail(QStringLiteral("subject"), QStringLiteral("must have a type and an id"));
    e.data = object.value(QStringLiteral("data")).toObject();
    return r.finish(e);
}

StreamMessage StreamMessage::auth(const QString &token, qint64 after)
{
    StreamMessage m;
    m.op = Op::Auth;
    m.token = token;
    m.after = after;
    return m;
}

StreamMessage StreamMessage::ready(qint64 head)
{
    StreamMessage m;
    m.op = Op::Ready;
    m.head = head;
    return m;
}

StreamMessage StreamMessage::eventMessage(const StreamEvent &event)
{
    StreamMessage m;
    m.op = Op::Event;
    m.event = event;
    return m;
}

StreamMessage StreamMessage::ping()
{
    return StreamMessage{};
}

StreamMessage StreamMessage::pong()
{
    StreamMessage m;
    m.op = Op::Pong;
    return m;
}

StreamMessage StreamMessage::presence(qint64 caseId, const QString &state, qint64 staffId,
                                      const QString &staffName)
{
    StreamMessage m;
    m.op = Op::Presence;
    m.caseId = caseId;
    m.state = state;
    m.staffId = staffId;
    m.staffName = staffName;
    return m;
}

StreamMessage StreamMessage::resync(const QString &reason)
{
    StreamMessage m;
    m.op = Op::Resync;
    m.reason = reason;
    return m;
}

StreamMessage StreamMessage::error(const Problem &problem)
{
    StreamMessage m;
    m.op = Op::Error;
    m.problem = problem;
    return m;
}

QJsonObject StreamMessage::toJson() const
{
    QJsonObject o{{QStringLiteral("op"), streamOpName(op)}};
    switch (op) {
    case Op::Auth:
        o.insert(QStringLiteral("token"), token);
        o.insert(QStringLiteral("after"), after);
        break;
    case Op::Ready:
        o.insert(QStringLiteral("head"), head);
        break;
    case Op::Event:
        o.insert(QStringLiteral("event"), event.toJson());
        break;
    case Op::Presence:
        o.insert(QStringLiteral("case"), caseId);
        o.insert(QStringLiteral("state"), state);
        if (staffId > 0)
            o.insert(QStringLiteral("staff"), QJsonObject{{QStringLiteral("id"), staffId},
                                                          {QStringLiteral("name"), staffName}});
        break;
    case Op::Resync:
        o.insert(QStringLiteral("reason"), reason);
        break;
    case Op::Error:
        o.insert(QStringLiteral("problem"), problem.toJson());
        break;
    case Op::Ping:
    case Op::Pong:
        break;
    }
    return o;
}

QString StreamMessage::encode() const
{
    return QString::fromUtf8(QJsonDocument(toJson()).toJson(QJsonDocument::Compact));
}

Decoded<StreamMessage> StreamMessage::fromJson(const QJsonObject &object)
{
    FieldReader r(object);
    const auto op = streamOpFromName(object.value(QStringLiteral("op")).toString());
    if (!op)
        return Decoded<StreamMessage>::failure(QStringLiteral("unknown op"),
                                               {{QStringLiteral("op"), QStringLiteral("unknown")}});
    StreamMessage m;
    m.op = *op;
    switch (m.op) {
    case Op::Auth:
        m.token = r.requiredString(QStringLiteral("token"), 8192);
        m.after = r.optionalInteger(QStringLiteral("after"), 0, kMaxId).value_or(0);
        break;
    case Op::Ready:
        m.head = r.requiredInteger(QStringLiteral("head"), 0, kMaxId);
        break;
    case Op::Event: {
        auto event = StreamEvent::fromJson(object.value(QStringLiteral("event")).toObject());
        if (!event)
            return Decoded<StreamMessage>::failure(event.error(), event.fieldErrors());
        m.event = event.value();
        break;
    }
    case Op::Presence: {
        m.caseId = r.requiredInteger(QStringLiteral("case"), 1, kMaxId);
        m.state = r.requiredString(QStringLiteral("state"), 16);
        if (!m.state.isEmpty() && m.state != kPresenceViewing && m.state != kPresenceLeft)
            r.fail(QStringLiteral("state"), QStringLiteral("must be viewing or left"));
        const QJsonObject staff = object.value(QStringLiteral("staff")).toObject();
        m.staffId = staff.value(QStringLiteral("id")).toInteger(0);
        m.staffName = staff.value(QStringLiteral("name")).toString();
        break;
    }
    case Op::Resync:
        m.reason = r.optionalString(QStringLiteral("reason"), 200).value_or(QString());
        break;
    case Op::Error: {
        auto problem = Problem::fromJson(object.value(QStringLiteral("problem")).toObject());
        if (!problem)
            return Decoded<StreamMessage>::failure(problem.error(), problem.fieldErrors());
        m.problem = problem.value();
        break;
    }
    case Op::Ping:
    case Op::Pong:
        break;
    }
    return r.finish(m);
}

Decoded<StreamMessage> StreamMessage::decode(const QString &frame)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(frame.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Decoded<StreamMessage>::failure(QStringLiteral("a stream frame is one JSON object"));
    return fromJson(doc.object());
}

} // namespace skillex::protocol
