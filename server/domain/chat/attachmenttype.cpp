// Magic numbers from the formats' own specifications (PNG signature, JPEG SOI + marker,
// GIF87a/GIF89a, RIFF....WEBP, %PDF-).
#include "server/domain/chat/attachmenttype.h"

namespace skillex::server::chat {

std::optional<QString> sniffAttachmentType(const QByteArray &data)
{
    if (data.startsWith(QByteArrayLiteral("\x89PNG\r\n\x1a\n")))
        return QStringLiteral("image/png");
    if (data.startsWith(QByteArrayLiteral("\xff\xd8\xff")))
        return QStringLiteral("image/jpeg");
    if (data.startsWith(QByteArrayLiteral("GIF87a")) ||
        data.startsWith(QByteArrayLiteral("GIF89a")))
        return QStringLiteral("image/gif");
    if (data.size() >= 12 && data.startsWith(QByteArrayLiteral("RIFF")) &&
        data.mid(8, 4) == QByteArrayLiteral("WEBP"))
        return QStringLiteral("image/webp");
    if (data.startsWith(QByteArrayLiteral("%PDF-")))
        return QStringLiteral("application/pdf");
    return std::nullopt;
}

QString extensionFor(const QString &mime)
{
    if (mime == QStringLiteral("image/png"))
        return QStringLiteral("png");
    if (mime == QStringLiteral("image/jpeg"))
        return QStringLiteral("jpg");
    if (mime == QStringLiteral("image/gif"))
        return QStringLiteral("gif");
    if (mime == QStringLiteral("image/webp"))
        return QStringLiteral("webp");
    if (mime == QStringLiteral("application/pdf"))
        return QStringLiteral("pdf");
    return QStringLiteral("bin");
}

} // namespace skillex::server::chat
