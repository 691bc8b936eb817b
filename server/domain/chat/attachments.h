// Chat attachments: stored once by SHA-256, typed by content, readable only by the members who
// uploaded those bytes and by the members of a conversation where they are attached.
#pragma once

#include "server/domain/clock.h"
#include "server/domain/events/eventlog.h"
#include "server/domain/marketplaceconfig.h"
#include "server/storage/database.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace skillex::server {

struct StoredAttachment {
    QString sha256;
    QString mime;
    qint64 size = 0;

    QJsonObject toJson() const;
};

struct AttachmentContent {
    QString sha256;
    QString mime;
    QByteArray data;
};

class Attachments {
public:
    Attachments(Database &db, const Clock &clock, EventLog &events,
                const MarketplaceConfig &config);

    // Throws DomainError: 400 for an empty body, 413 over the size limit, 415 when the content
    // is not PNG, JPEG, GIF, WebP or PDF, 429 past the daily upload allowance, 403 when the
    // member may not post (suspended, banned).
    StoredAttachment upload(qint64 userId, const QByteArray &data);
    // Throws DomainError 404 when there is no such attachment or the member may not read it
    // (the answer is the same, so hashes of other members' files cannot be probed).
    AttachmentContent download(qint64 userId, const QString &sha256);

    static bool isSha256(const QString &text);
    // Uploads (new bytes or new uploader) a member may make in 24 hours.
    static constexpr int kMaxUploadsPerDay = 50;

private:
    Database &m_db;
    const Clock &m_clock;
    EventLog &m_events;
    const MarketplaceConfig &m_config;
};

} // namespace skillex::server
