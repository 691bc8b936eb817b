// CacheWriteResult: how a write job ended, handed back through its future.
#pragma once

#include <QString>
#include <QVariant>

#include <functional>

namespace skillex::client {

class CacheWriteTx;

struct CacheWriteResult {
    bool ok = false;
    QString error;  // why the transaction was rolled back
    QVariant value; // what the job put in CacheWriteTx::setResult
};

using CacheWriteJob = std::function<void(CacheWriteTx &)>;

} // namespace skillex::client
