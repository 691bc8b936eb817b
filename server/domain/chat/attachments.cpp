// Upload and download of attachments. The hash is computed outside the transaction (10 MiB of
// SHA-256 must not hold SQLite's single writer); the bytes are written at most once.
#include "server/domain/chat/attachments.h"

#include "server/domain/chat/attachmenttype.h"
#include "server/domain/chat/memberstatus.h"
#include "server/domain/domainerror.h"
#include "server/storage/sqlquery.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace skillex::server {

using namespace protocol;

QJsonObject StoredAttachment::toJson() const
{
    return {{QStringLiteral("sha256"), sha256},
            {QStringLiteral("mime"), mime},
            {QStringLiteral("size"), size}};
}

Attachments::Attachments(Database &db, const Clock &clock, EventLog &events,
                         const MarketplaceConfig &config)
    : m_db(db)
    , m_clock(clock)
    , m_events(events)
    , m_config(config)
{}

bool Attachments::isSha256(const QString &text)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(text).hasMatch();
}

StoredAttachment Attachments::upload(qint64 userId, const QByteArray &data)
{
    if (data.isEmpty())
        throw DomainError(400, problemtype::kBadRequest, QStringLiteral("Empty upload"),
                          QStringLiteral("Send the file's bytes as the request body."));
    if (data.size() > m_config.attachmentMaxBytes)
        throw DomainError(413, problemtype::kPayloadTooLarge, QStringLiteral("Payload too large"),
                          QStringLiteral("Attachments may be at most %1 bytes.")
                              .arg(m_config.attachmentMaxBytes));
    const auto mime = chat::sniffAttachmentType(data);
    if (!mime)
        throw DomainError(415, problemtype::kUnsupportedMediaType,
                          QStringLiteral("Unsupported attachment type"),
                          QStringLiteral("Attachments must be PNG, JPEG, GIF, WebP images or PDF "
                                         "documents; the file's content is none of these."));
    StoredAttachment stored;
    stored.sha256 =
        QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    stored.mime = *mime;
    stored.size = data.size();

    m_db.write([&](QSqlDatabase &tx) {
        chat::requireActiveMember(tx, userId);
        const qint64 now = m_clock.nowMs();
        SqlQuery mine(tx, QStringLiteral("SELECT 1 FROM attachment_uploads WHERE sha256 = :h AND "
                                         "user_id = :u"));
        mine.bind(QStringLiteral(":h"), stored.sha256).bind(QStringLiteral(":u"), userId).exec();
        if (mine.next())
            return; // the same member sending the same bytes again: nothing changes
        SqlQuery recent(tx, QStringLiteral("SELECT COUNT(*) FROM attachment_uploads WHERE user_id "
                                           "= :u AND created_at > :since"));
        recent.bind(QStringLiteral(":u"), userId)
            .bind(QStringLiteral(":since"), now - 24 * 3600 * 1000LL)
            .exec();
        if (recent.scalar().value_or(0).toLongLong() >= kMaxUploadsPerDay)
            throw DomainError(429, problemtype::kRateLimited, QStringLiteral("Too many uploads"),
                              QStringLiteral("A member may upload %1 files a day; try again "
                                             "later.")
                                  .arg(kMaxUploadsPerDay))
                .withHeader("Retry-After", "3600")
                .withExtension(QStringLiteral("retry_after"), 3600);
        SqlQuery(tx, QStringLiteral("INSERT INTO attachments (sha256, mime, size, data, "
                                    "created_at) VALUES (:h, :m, :s, :d, :t) "
                                    "ON CONFLICT (sha256) DO NOTHING"))
            .bind(QStringLiteral(":h"), stored.sha256)
            .bind(QStringLiteral(":m"), stored.mime)
            .bind(QStringLiteral(":s"), stored.size)
            .bind(QStringLiteral(":d"), data)
            .bind(QStringLiteral(":t"), now)
            .exec();
        SqlQuery(tx, QStringLiteral("INSERT INTO attachment_uploads (sha256, user_id, created_at) "
                                    "VALUES (:h, :u, :t)"))
            .bind(QStringLiteral(":h"), stored.sha256)
            .bind(QStringLiteral(":u"), userId)
            .bind(QStringLiteral(":t"), now)
            .exec();
        m_events.append(tx, {QStringLiteral("attachment.uploaded"), userId,
                             QStringLiteral("attachment"), stored.sha256, stored.toJson()});
    });
    return stored;
}

AttachmentContent Attachments::download(qint64 userId, const QString &sha256)
{
    const QString hash = sha256.toLower();
    const auto notFound = [&] {
        return DomainError(
            404, problemtype::kNotFound, QStringLiteral("Not found"),
            QStringLiteral("There is no attachment %1 that you may read.").arg(sha256.left(64)));
    };
    if (!isSha256(hash))
        throw notFound();
    return m_db.read([&](QSqlDatabase &db) {
        // Attachments of deleted or hidden messages are no longer shared with the conversation;
        // the uploader keeps access to their own file.
        SqlQuery q(db, QStringLiteral(
                           "SELECT a.mime, a.data FROM attachments a WHERE a.sha256 = :h AND ("
                           "EXISTS (SELECT 1 FROM attachment_uploads u WHERE u.sha256 = a.sha256 "
                           "AND u.user_id = :u1) OR "
                           "EXISTS (SELECT 1 FROM message_attachments ma "
                           "JOIN messages m ON m.id = ma.message_id "
                           "JOIN conversation_members cm ON cm.conversation_id = m.conversation_id "
                           "WHERE ma.sha256 = a.sha256 AND cm.user_id = :u2 "
                           "AND m.deleted_at IS NULL AND m.hidden_at IS NULL))"));
        q.bind(QStringLiteral(":h"), hash)
            .bind(QStringLiteral(":u1"), userId)
            .bind(QStringLiteral(":u2"), userId)
            .exec();
        if (!q.next())
            throw notFound();
        return AttachmentContent{hash, q.string(0), q.value(1).toByteArray()};
    });
}

} // namespace skillex::server
