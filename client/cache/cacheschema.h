// The cache's schema as numbered migrations, applied one step at a time.
#pragma once

#include <QList>
#include <QString>

#include <functional>

namespace skillex::client {

class CacheWriteTx;

struct CacheMigration {
    int version = 0;
    QString name;
    // Runs inside the step's transaction on the writer connection; throws CacheError to refuse.
    std::function<void(CacheWriteTx &)> apply;
};

// Every step this console knows, in order. Versions only grow: a released step never changes.
QList<CacheMigration> cacheMigrations();
int latestCacheVersion();

} // namespace skillex::client
