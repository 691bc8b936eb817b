// Idempotency-Key handling for mutating requests: the first response for a (caller, key) is
// stored; the same key with the same request replays it, with another request it is a 422.
#pragma once

#include "server/domain/clock.h"
#include "server/http/httpmessage.h"
#include "server/storage/database.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace skillex::server {

class IdempotencyStore {
public:
    // A pending key older than this is taken over by a retry: its first request died between
    // reserving the key and storing the answer.
    static constexpr qint64 kPendingTakeoverMs = 60 * 1000;
    static constexpr qint64 kRetentionMs = 48LL * 3600 * 1000;

    IdempotencyStore(Database &db, const Clock &clock);

    enum class Outcome { Fresh, Replay, Mismatch, InProgress };
    struct Begin {
        Outcome outcome = Outcome::Fresh;
        HttpResponse stored; // with Replay
    };

    // Reserves the key for this request (Fresh), or says what was there already.
    Begin begin(const QString &scope, const QString &key, const QString &fingerprint);
    void complete(const QString &scope, const QString &key, const HttpResponse &response);
    // Frees the key (the request failed on the server), so that a retry runs again.
    void abandon(const QString &scope, const QString &key);
    // Deletes keys older than the retention; returns how many.
    int purgeExpired();

    static bool isValidKey(const QByteArray &key);
    static QString fingerprint(const HttpRequest &request);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace skillex::server
