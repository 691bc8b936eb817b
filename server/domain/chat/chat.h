// Conversations between members and their messages: one conversation per pair, messages with
// up to five attachments, edits and soft deletes by the sender. Every change is an event.
#pragma once

#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/storage/database.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace skillex::server {

struct ConversationMember {
    qint64 id = 0;
    QString name;
};

struct Conversation {
    qint64 id = 0;
    QList<ConversationMember> members;
    qint64 createdAt = 0;
    qint64 lastMessageAt = 0;

    QJsonObject toJson() const;
};

struct MessageAttachment {
    QString sha256;
    QString fileName;
    QString mime;
    qint64 size = 0;
};

struct Message {
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 senderId = 0;
    QString body;
    qint64 createdAt = 0;
    std::optional<qint64> editedAt;
    std::optional<qint64> deletedAt;
    std::optional<qint64> hiddenAt;
    QList<MessageAttachment> attachments;

    // A deleted or hidden message keeps its place but shows neither text nor attachments.
    QJsonObject toJson() const;
};

struct NewAttachment {
    QString sha256;
    QString fileName;
};

struct ConversationCursor {
    qint64 lastMessageAt = 0;
    qint64 id = 0;
};

class Chat {
public:
    Chat(Database &db, const Clock &clock, EventLog &events);

    // The conversation between the two members, created when there is none (second: created).
    // Throws DomainError 400 for oneself, 404 for an unknown member, 403 for a member who may
    // not post.
    std::pair<Conversation, bool> open(qint64 userId, qint64 otherMemberId);
    // The member's conversations, newest activity first; up to limit + 1 rows so that the
    // caller can tell whether there is a next page.
    QList<Conversation> conversations(qint64 userId, const std::optional<ConversationCursor> &after,
                                      int limit);
    // Messages by id (oldest first, or newest first), after the cursor id; limit + 1 rows.
    // Throws DomainError 404 unless the member is in the conversation.
    QList<Message> messages(qint64 userId, qint64 conversationId, std::optional<qint64> afterId,
                            bool newestFirst, int limit);
    // Throws DomainError 400 (body, attachments), 403 (may not post), 404 (not in the
    // conversation), 429 (too many messages a minute).
    Message send(qint64 userId, qint64 conversationId, const QString &body,
                 const QList<NewAttachment> &attachments);
    // The sender edits the text. 404 (no such message in the member's conversations), 403 (not
    // the sender), 409 (deleted or hidden).
    Message edit(qint64 userId, qint64 messageId, const QString &body);
    // The sender deletes the message (soft: the text stays for evidence). Deleting twice is a
    // no-op. 404 and 403 as for edit.
    void remove(qint64 userId, qint64 messageId);

    static constexpr int kMaxBodyLength = 4000;
    static constexpr int kMaxAttachments = 5;
    static constexpr int kMaxFileNameLength = 255;
    static constexpr int kMaxMessagesPerMinute = 60;

    // Field errors for a message body ("body" -> reason), empty when it is fine.
    static QString bodyProblem(const QString &body);
    static QString fileNameProblem(const QString &name);

private:
    std::pair<Conversation, bool> openOnce(qint64 userId, qint64 otherMemberId);
    QList<Conversation> loadConversations(QSqlDatabase &db, const QList<qint64> &ids) const;
    QList<Message> loadMessages(QSqlDatabase &db, const QString &where,
                                const QList<std::pair<QString, QVariant>> &bindings) const;
    void attachFiles(QSqlDatabase &db, QList<Message> &messages) const;
    // The message's conversation and sender, checked to be one the member is in (else 404).
    std::pair<qint64, qint64> messageInMyConversation(QSqlDatabase &tx, qint64 userId,
                                                      qint64 messageId) const;
    static void requireMember(QSqlDatabase &db, qint64 userId, qint64 conversationId);

    Database &m_db;
    const Clock &m_clock;
    EventLog &m_events;
};

} // namespace skillex::server
