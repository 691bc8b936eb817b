// CachePaths: naming rules for cache files.
#include "client/cache/cachepaths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QStandardPaths>

namespace skillex::client {

QString CachePaths::baseDir(const QString &override)
{
    if (!override.trimmed().isEmpty())
        return QDir(override).absolutePath();
    // The data folder rather than the OS cache folder: the outbox holds actions not yet sent,
    // which a cache cleaner must never delete.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("cache"));
}

QString CachePaths::slug(const QString &text)
{
    QString out;
    for (const QChar c : text.trimmed().toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'_')
            out += c;
        else if (!out.isEmpty() && !out.endsWith(u'-'))
            out += u'-';
    }
    while (out.endsWith(u'-'))
        out.chop(1);
    return out.isEmpty() ? QStringLiteral("profile") : out.left(48);
}

QString CachePaths::cacheFile(const QString &base, const QString &profile, const QUrl &server,
                              qint64 staffId)
{
    QUrl normal = server.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    if (normal.path() == QLatin1String("/"))
        normal.setPath(QString());
    const QByteArray serverKey = normal.toEncoded();
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(serverKey, QCryptographicHash::Sha256).toHex().left(10));
    return QDir(base).filePath(
        QStringLiteral("%1-%2/staff-%3.sqlite").arg(slug(profile), hash).arg(staffId));
}

} // namespace skillex::client
