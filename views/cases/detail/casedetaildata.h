// CaseDetailData: one case as the cache holds it (the row, the stored detail JSON, its files'
// metadata), read in one go on the GUI thread so the pane renders from a consistent picture.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace skillex::client {
class CacheReader;
}

namespace skillex::views {

struct CaseAttachmentInfo {
    QString sha256;
    qint64 size = 0;
    QString contentType;
    QString fileName;
    bool cached = false; // the bytes are in attachment_blobs

    bool isImage() const { return contentType.startsWith(QLatin1String("image/")); }
};

struct CaseDetailData {
    qint64 id = 0;
    QString status;
    QString severity;
    QString category;
    QString subjectType;
    qint64 subjectId = 0;
    qint64 subjectUserId = 0;
    QString subjectLabel;
    qint64 assigneeId = 0;
    QString assigneeName;
    int version = 0;
    double priority = 0;
    int reportCount = 0;
    qint64 openedAt = 0;
    qint64 slaDueAt = 0;
    qint64 closedAt = 0;
    QJsonObject detail; // GET /admin/cases/{id} as last fetched; empty until then
    qint64 detailAt = 0;
    QList<CaseAttachmentInfo> attachments; // every file of the case's evidence

    bool hasDetail() const { return !detail.isEmpty(); }
    bool isClosed() const;
    // The detail's list under key, empty when absent.
    QJsonArray list(const QString &key) const { return detail.value(key).toArray(); }
    QJsonObject object(const QString &key) const { return detail.value(key).toObject(); }
    std::optional<CaseAttachmentInfo> attachment(const QString &sha256) const;

    // Reads case `id`; nullopt when the cache has no such case.
    static std::optional<CaseDetailData> load(client::CacheReader &reader, qint64 id);
    // The bytes of a file, empty when not cached.
    static QByteArray attachmentBytes(client::CacheReader &reader, const QString &sha256);
    // A staff member's name from the cache ("#5" when unknown).
    static QString staffName(client::CacheReader &reader, qint64 staffId);
};

} // namespace skillex::views
