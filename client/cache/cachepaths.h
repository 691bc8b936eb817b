// Where a cache file lives: one per server profile and staff account, under a cache folder.
#pragma once

#include <QString>
#include <QUrl>

namespace skillex::client {

struct CachePaths {
    // The folder holding every cache: --cache-dir when given, else the per-user data folder.
    static QString baseDir(const QString &override = {});
    // <base>/<profile>-<hash of the server URL>/staff-<id>.sqlite. The server's hash keeps a
    // profile that is pointed at another server from reading the old server's rows.
    static QString cacheFile(const QString &base, const QString &profile, const QUrl &server,
                             qint64 staffId);
    // A file-name-safe form of a profile name.
    static QString slug(const QString &text);
};

} // namespace skillex::client
