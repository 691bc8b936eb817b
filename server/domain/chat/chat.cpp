// Chat rules. A member reaches a conversation only through conversation_members; anything
// outside the member's conversations answers 404, so ids of others' chats cannot be probed.
#include "server/domain/chat/chat.h"

#include "protocol/timestamps.h"
#include "server/domain/chat/attachments.h"
#include "server/domain/chat/memberstatus.h"
#include "server/domain/domainerror.h"
#include "server/storage/sqlquery.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <limits>

namespace skillex::server {

using namespace protocol;

namespace {

QJsonValue optionalTime(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(toWireTime(*ms)) : QJsonValue();
}

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts.push_back(QString::number(id));
    return parts.join(QLatin1Char(','));
}

DomainError notFound(const QString &what)
{
    return DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                       QStringLiteral("There is no %1 of yours with that id.").arg(what));
}

DomainError invalid(const QMap<QString, QString> &errors)
{
    QStringList parts;
    for (auto it = errors.begin(); it != errors.end(); ++it)
        parts.push_back(it.key() + QLatin1Char(' ') + it.value());
    return DomainError(400, problemtype::kValidation, QStringLiteral("Invalid message"),
                       parts.join(QStringLiteral("; ")))
        .withFieldErrors(errors);
}

} // namespace

QJsonObject Conversation::toJson() const
{
    QJsonArray people;
    for (const auto &m : members)
        people.push_back(
            QJsonObject{{QStringLiteral("id"), m.id}, {QStringLiteral("name"), m.name}});
    return {{QStringLiteral("id"), id},
            {QStringLiteral("members"), people},
            {QStringLiteral("created_at"), toWireTime(createdAt)},
            {QStringLiteral("last_message_at"), toWireTime(lastMessageAt)}};
}

QJsonObject Message::toJson() const
{
    const QString status = deletedAt  ? QStringLiteral("deleted")
                           : hiddenAt ? QStringLiteral("hidden")
                                      : QStringLiteral("visible");
    const bool shown = status == QStringLiteral("visible");
    QJsonArray files;
    if (shown) {
        for (const auto &a : attachments)
            files.push_back(QJsonObject{{QStringLiteral("sha256"), a.sha256},
                                        {QStringLiteral("file_name"), a.fileName},
                                        {QStringLiteral("mime"), a.mime},
                                        {QStringLiteral("size"), a.size}});
    }
    return {{QStringLiteral("id"), id},
            {QStringLiteral("conversation_id"), conversationId},
            {QStringLiteral("sender_id"), senderId},
            {QStringLiteral("status"), status},
            {QStringLiteral("body"), shown ? QJsonValue(body) : QJsonValue()},
            {QStringLiteral("attachments"), files},
            {QStringLiteral("created_at"), toWireTime(createdAt)},
            {QStringLiteral("edited_at"), optionalTime(editedAt)}};
}

Chat::Chat(Database &db, const Clock &clock, EventLog &events)
    : m_db(db)
    , m_clock(clock)
    , m_events(events)
{}

QString Chat::bodyProblem(const QString &body)
{
    if (body.trimmed().isEmpty())
        return QStringLiteral("must not be empty");
    if (body.size() > kMaxBodyLength)
        return QStringLiteral("must be at most %1 characters").arg(kMaxBodyLength);
    return {};
}

QString Chat::fileNameProblem(const QString &name)
{
    if (name.trimmed().isEmpty() || name.size() > kMaxFileNameLength)
        return QStringLiteral("must be 1 to %1 characters").arg(kMaxFileNameLength);
    if (name == QStringLiteral(".") || name == QStringLiteral(".."))
        return QStringLiteral("is not a file name");
    for (const QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QLatin1Char('/') ||
            c == QLatin1Char('\\'))
            return QStringLiteral("must not contain control characters or slashes");
    }
    return {};
}

void Chat::requireMember(QSqlDatabase &db, qint64 userId, qint64 conversationId)
{
    SqlQuery q(db, QStringLiteral("SELECT 1 FROM conversation_members WHERE conversation_id = :c "
                                  "AND user_id = :u"));
    q.bind(QStringLiteral(":c"), conversationId).bind(QStringLiteral(":u"), userId).exec();
    if (!q.next())
        throw notFound(QStringLiteral("conversation"));
}

std::pair<Conversation, bool> Chat::open(qint64 userId, qint64 otherMemberId)
{
    if (otherMemberId == userId)
        throw invalid({{QStringLiteral("member_id"),
                        QStringLiteral("must be another member, not yourself")}});
    try {
        return openOnce(userId, otherMemberId);
    } catch (const DbError &e) {
        // Two first messages at once on PostgreSQL: the pair key let one in; use that one.
        if (e.kind() != DbError::Kind::Constraint)
            throw;
        return openOnce(userId, otherMemberId);
    }
}

std::pair<Conversation, bool> Chat::openOnce(qint64 userId, qint64 otherMemberId)
{
    return m_db.write([&](QSqlDatabase &tx) {
        chat::requireActiveMember(tx, userId);
        SqlQuery other(tx, QStringLiteral("SELECT 1 FROM users u LEFT JOIN member_profiles p ON "
                                          "p.user_id = u.id WHERE u.id = :u AND u.kind = 'member' "
                                          "AND p.deleted_at IS NULL"));
        other.bind(QStringLiteral(":u"), otherMemberId).exec();
        if (!other.next())
            throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                              QStringLiteral("There is no member %1.").arg(otherMemberId));
        SqlQuery existing(
            tx, QStringLiteral(
                    "SELECT c.id FROM conversations c "
                    "JOIN conversation_members a ON a.conversation_id = c.id AND a.user_id = :a "
                    "JOIN conversation_members b ON b.conversation_id = c.id AND b.user_id = :b "
                    "WHERE (SELECT COUNT(*) FROM conversation_members x WHERE x.conversation_id = "
                    "c.id) = 2 ORDER BY c.id LIMIT 1"));
        existing.bind(QStringLiteral(":a"), userId)
            .bind(QStringLiteral(":b"), otherMemberId)
            .exec();
        if (existing.next())
            return std::pair{loadConversations(tx, {existing.int64(0)}).value(0), false};

        const qint64 now = m_clock.nowMs();
        const QString pairKey = QStringLiteral("%1:%2")
                                    .arg(std::min(userId, otherMemberId))
                                    .arg(std::max(userId, otherMemberId));
        SqlQuery insert(tx, QStringLiteral("INSERT INTO conversations (created_at, "
                                           "last_message_at, pair_key) VALUES (:t, :t2, :k) "
                                           "RETURNING id"));
        insert.bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":t2"), now)
            .bind(QStringLiteral(":k"), pairKey)
            .exec();
        const qint64 id = insert.scalar().value_or(0).toLongLong();
        for (const qint64 member : {userId, otherMemberId})
            SqlQuery(tx, QStringLiteral("INSERT INTO conversation_members (conversation_id, "
                                        "user_id) VALUES (:c, :u)"))
                .bind(QStringLiteral(":c"), id)
                .bind(QStringLiteral(":u"), member)
                .exec();
        m_events.append(tx, {QStringLiteral("conversation.started"),
                             userId,
                             QStringLiteral("conversation"),
                             QString::number(id),
                             {{QStringLiteral("members"), QJsonArray{userId, otherMemberId}}}});
        return std::pair{loadConversations(tx, {id}).value(0), true};
    });
}

QList<Conversation> Chat::loadConversations(QSqlDatabase &db, const QList<qint64> &ids) const
{
    QList<Conversation> out;
    if (ids.isEmpty())
        return out;
    QHash<qint64, Conversation> byId;
    SqlQuery q(db, QStringLiteral("SELECT id, created_at, last_message_at FROM conversations "
                                  "WHERE id IN (%1)")
                       .arg(idList(ids)));
    q.exec();
    while (q.next()) {
        Conversation c;
        c.id = q.int64(0);
        c.createdAt = q.int64(1);
        c.lastMessageAt = q.int64(2);
        byId.insert(c.id, c);
    }
    SqlQuery m(db, QStringLiteral("SELECT cm.conversation_id, u.id, u.name FROM "
                                  "conversation_members cm JOIN users u ON u.id = cm.user_id "
                                  "WHERE cm.conversation_id IN (%1) ORDER BY u.id")
                       .arg(idList(ids)));
    m.exec();
    while (m.next()) {
        auto it = byId.find(m.int64(0));
        if (it != byId.end())
            it->members.push_back({m.int64(1), m.string(2)});
    }
    for (qint64 id : ids) {
        if (byId.contains(id))
            out.push_back(byId.value(id));
    }
    return out;
}

QList<Conversation> Chat::conversations(qint64 userId,
                                        const std::optional<ConversationCursor> &after, int limit)
{
    return m_db.read([&](QSqlDatabase &db) {
        // Keyset on (last_message_at, id), both descending; the first page starts above any key.
        const ConversationCursor from = after.value_or(ConversationCursor{
            std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::max()});
        SqlQuery q(db, QStringLiteral(
                           "SELECT c.id FROM conversations c JOIN conversation_members m ON "
                           "m.conversation_id = c.id WHERE m.user_id = :u AND "
                           "(c.last_message_at < :t OR (c.last_message_at = :t2 AND c.id < :id)) "
                           "ORDER BY c.last_message_at DESC, c.id DESC LIMIT :limit"));
        q.bind(QStringLiteral(":u"), userId)
            .bind(QStringLiteral(":t"), from.lastMessageAt)
            .bind(QStringLiteral(":t2"), from.lastMessageAt)
            .bind(QStringLiteral(":id"), from.id)
            .bind(QStringLiteral(":limit"), limit + 1)
            .exec();
        QList<qint64> ids;
        while (q.next())
            ids.push_back(q.int64(0));
        return loadConversations(db, ids);
    });
}

QList<Message> Chat::loadMessages(QSqlDatabase &db, const QString &where,
                                  const QList<std::pair<QString, QVariant>> &bindings) const
{
    SqlQuery q(db, QStringLiteral("SELECT id, conversation_id, sender_id, body, created_at, "
                                  "edited_at, deleted_at, hidden_at FROM messages ") +
                       where);
    for (const auto &[name, value] : bindings)
        q.bind(name, value);
    q.exec();
    QList<Message> out;
    while (q.next()) {
        Message m;
        m.id = q.int64(0);
        m.conversationId = q.int64(1);
        m.senderId = q.int64(2);
        m.body = q.string(3);
        m.createdAt = q.int64(4);
        m.editedAt = q.optionalInt64(5);
        m.deletedAt = q.optionalInt64(6);
        m.hiddenAt = q.optionalInt64(7);
        out.push_back(m);
    }
    attachFiles(db, out);
    return out;
}

void Chat::attachFiles(QSqlDatabase &db, QList<Message> &messages) const
{
    if (messages.isEmpty())
        return;
    QList<qint64> ids;
    QHash<qint64, qsizetype> index;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        ids.push_back(messages.at(i).id);
        index.insert(messages.at(i).id, i);
    }
    SqlQuery q(db, QStringLiteral("SELECT ma.message_id, ma.sha256, ma.file_name, a.mime, a.size "
                                  "FROM message_attachments ma JOIN attachments a ON a.sha256 = "
                                  "ma.sha256 WHERE ma.message_id IN (%1) ORDER BY ma.message_id, "
                                  "ma.file_name, ma.sha256")
                       .arg(idList(ids)));
    q.exec();
    while (q.next())
        messages[index.value(q.int64(0))].attachments.push_back(
            {q.string(1), q.string(2), q.string(3), q.int64(4)});
}

QList<Message> Chat::messages(qint64 userId, qint64 conversationId, std::optional<qint64> afterId,
                              bool newestFirst, int limit)
{
    return m_db.read([&](QSqlDatabase &db) {
        requireMember(db, userId, conversationId);
        const qint64 from =
            afterId.value_or(newestFirst ? std::numeric_limits<qint64>::max() : qint64(0));
        const QString where = newestFirst ? QStringLiteral("WHERE conversation_id = :c AND id < :a "
                                                           "ORDER BY id DESC LIMIT :l")
                                          : QStringLiteral("WHERE conversation_id = :c AND id > :a "
                                                           "ORDER BY id ASC LIMIT :l");
        return loadMessages(db, where,
                            {{QStringLiteral(":c"), conversationId},
                             {QStringLiteral(":a"), from},
                             {QStringLiteral(":l"), limit + 1}});
    });
}

Message Chat::send(qint64 userId, qint64 conversationId, const QString &body,
                   const QList<NewAttachment> &attachments)
{
    QMap<QString, QString> errors;
    if (const QString p = bodyProblem(body); !p.isEmpty())
        errors.insert(QStringLiteral("body"), p);
    if (attachments.size() > kMaxAttachments)
        errors.insert(QStringLiteral("attachments"),
                      QStringLiteral("must have at most %1 items").arg(kMaxAttachments));
    QSet<QString> seen;
    for (qsizetype i = 0; i < attachments.size() && i < kMaxAttachments; ++i) {
        const auto &a = attachments.at(i);
        const QString key = QStringLiteral("attachments[%1]").arg(i);
        if (!Attachments::isSha256(a.sha256))
            errors.insert(key + QStringLiteral(".sha256"),
                          QStringLiteral("must be 64 lower-case hex digits"));
        else if (seen.contains(a.sha256))
            errors.insert(key + QStringLiteral(".sha256"), QStringLiteral("is listed twice"));
        seen.insert(a.sha256);
        if (const QString p = fileNameProblem(a.fileName); !p.isEmpty())
            errors.insert(key + QStringLiteral(".file_name"), p);
    }
    if (!errors.isEmpty())
        throw invalid(errors);

    return m_db.write([&](QSqlDatabase &tx) {
        chat::requireActiveMember(tx, userId);
        requireMember(tx, userId, conversationId);
        const qint64 now = m_clock.nowMs();
        SqlQuery recent(tx, QStringLiteral("SELECT COUNT(*) FROM messages WHERE sender_id = :u "
                                           "AND created_at > :since"));
        recent.bind(QStringLiteral(":u"), userId)
            .bind(QStringLiteral(":since"), now - 60 * 1000)
            .exec();
        if (recent.scalar().value_or(0).toLongLong() >= kMaxMessagesPerMinute)
            throw DomainError(429, problemtype::kRateLimited, QStringLiteral("Too many messages"),
                              QStringLiteral("Slow down: at most %1 messages a minute.")
                                  .arg(kMaxMessagesPerMinute))
                .withHeader("Retry-After", "60")
                .withExtension(QStringLiteral("retry_after"), 60);
        // A member attaches only files they uploaded themselves, so a message cannot be used to
        // reach someone else's file by its hash.
        for (qsizetype i = 0; i < attachments.size(); ++i) {
            SqlQuery own(tx, QStringLiteral("SELECT 1 FROM attachment_uploads WHERE sha256 = :h "
                                            "AND user_id = :u"));
            own.bind(QStringLiteral(":h"), attachments.at(i).sha256)
                .bind(QStringLiteral(":u"), userId)
                .exec();
            if (!own.next())
                errors.insert(QStringLiteral("attachments[%1].sha256").arg(i),
                              QStringLiteral("is not a file you uploaded"));
        }
        if (!errors.isEmpty())
            throw invalid(errors);

        SqlQuery insert(tx, QStringLiteral("INSERT INTO messages (conversation_id, sender_id, "
                                           "body, created_at) VALUES (:c, :u, :b, :t) "
                                           "RETURNING id"));
        insert.bind(QStringLiteral(":c"), conversationId)
            .bind(QStringLiteral(":u"), userId)
            .bind(QStringLiteral(":b"), body)
            .bind(QStringLiteral(":t"), now)
            .exec();
        const qint64 id = insert.scalar().value_or(0).toLongLong();
        for (const auto &a : attachments)
            SqlQuery(tx, QStringLiteral("INSERT INTO message_attachments (message_id, sha256, "
                                        "file_name) VALUES (:m, :h, :n)"))
                .bind(QStringLiteral(":m"), id)
                .bind(QStringLiteral(":h"), a.sha256)
                .bind(QStringLiteral(":n"), a.fileName)
                .exec();
        SqlQuery(tx, QStringLiteral("UPDATE conversations SET last_message_at = :t WHERE id = :c "
                                    "AND last_message_at < :t2"))
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":c"), conversationId)
            .bind(QStringLiteral(":t2"), now)
            .exec();
        m_events.append(tx, {QStringLiteral("message.sent"),
                             userId,
                             QStringLiteral("message"),
                             QString::number(id),
                             {{QStringLiteral("conversation_id"), conversationId},
                              {QStringLiteral("attachments"), attachments.size()}}});
        return loadMessages(tx, QStringLiteral("WHERE id = :id"), {{QStringLiteral(":id"), id}})
            .value(0);
    });
}

std::pair<qint64, qint64> Chat::messageInMyConversation(QSqlDatabase &tx, qint64 userId,
                                                        qint64 messageId) const
{
    SqlQuery q(tx, QStringLiteral("SELECT m.conversation_id, m.sender_id FROM messages m JOIN "
                                  "conversation_members cm ON cm.conversation_id = "
                                  "m.conversation_id AND cm.user_id = :u WHERE m.id = :m"));
    q.bind(QStringLiteral(":u"), userId).bind(QStringLiteral(":m"), messageId).exec();
    if (!q.next())
        throw notFound(QStringLiteral("message"));
    if (q.int64(1) != userId)
        throw DomainError(403, problemtype::kForbidden, QStringLiteral("Forbidden"),
                          QStringLiteral("Only the sender may change or delete a message."));
    return {q.int64(0), q.int64(1)};
}

Message Chat::edit(qint64 userId, qint64 messageId, const QString &body)
{
    if (const QString p = bodyProblem(body); !p.isEmpty())
        throw invalid({{QStringLiteral("body"), p}});
    return m_db.write([&](QSqlDatabase &tx) {
        chat::requireActiveMember(tx, userId);
        const qint64 conversationId = messageInMyConversation(tx, userId, messageId).first;
        const qint64 now = m_clock.nowMs();
        SqlQuery update(tx, QStringLiteral("UPDATE messages SET body = :b, edited_at = :t WHERE "
                                           "id = :m AND deleted_at IS NULL AND hidden_at IS NULL"));
        update.bind(QStringLiteral(":b"), body)
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":m"), messageId)
            .exec();
        if (update.rowsAffected() != 1)
            throw DomainError(409, problemtype::kConflict, QStringLiteral("Message not editable"),
                              QStringLiteral("A deleted or hidden message cannot be edited."));
        m_events.append(tx, {QStringLiteral("message.edited"),
                             userId,
                             QStringLiteral("message"),
                             QString::number(messageId),
                             {{QStringLiteral("conversation_id"), conversationId}}});
        return loadMessages(tx, QStringLiteral("WHERE id = :id"),
                            {{QStringLiteral(":id"), messageId}})
            .value(0);
    });
}

void Chat::remove(qint64 userId, qint64 messageId)
{
    m_db.write([&](QSqlDatabase &tx) {
        const qint64 conversationId = messageInMyConversation(tx, userId, messageId).first;
        SqlQuery update(tx, QStringLiteral("UPDATE messages SET deleted_at = :t WHERE id = :m AND "
                                           "deleted_at IS NULL"));
        update.bind(QStringLiteral(":t"), m_clock.nowMs())
            .bind(QStringLiteral(":m"), messageId)
            .exec();
        if (update.rowsAffected() != 1)
            return; // deleted already: nothing changes, so no event
        m_events.append(tx, {QStringLiteral("message.deleted"),
                             userId,
                             QStringLiteral("message"),
                             QString::number(messageId),
                             {{QStringLiteral("conversation_id"), conversationId}}});
    });
}

} // namespace skillex::server
