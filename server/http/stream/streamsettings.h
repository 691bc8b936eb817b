// Timings and bounds of the admin event stream; production defaults, shortened by tests through
// SKILLEX_STREAM_* environment variables.
#pragma once

#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace skillex::server {

struct StreamSettings {
    int pingIntervalMs = 15'000;   // the server sends {"op":"ping"} this often
    int silenceTimeoutMs = 45'000; // a client heard from less recently than this is dropped
    int authTimeoutMs = 5'000;     // the first message ("auth") must arrive within this
    // How often the tail of the events table is polled. On PostgreSQL LISTEN skillex_events
    // wakes the reader at once and the poll is only a safety net; on SQLite it is the only
    // way to see commits, so it is short. 0: 100 ms on SQLite, 500 ms on PostgreSQL.
    int pollIntervalMs = 0;
    int pageSize = 500;                       // events per replay read
    qint64 maxBacklogBytes = 8 * 1024 * 1024; // unsent bytes to a live client before resync
    qint64 maxReplayEvents = 1'000'000;       // a cursor further behind than this: resync
    // How often a signed-in client's token and account are checked again (as AuthService does for
    // each request): expired or revoked token, disabled account or a role without ViewDashboards
    // ends the stream. A token is also checked at its expiry, whatever this is.
    int recheckIntervalMs = 30'000;

    // Reads SKILLEX_STREAM_PING_MS, _SILENCE_MS, _AUTH_MS, _POLL_MS, _PAGE, _MAX_BACKLOG_BYTES
    // _MAX_REPLAY and _RECHECK_MS; an error message names the first bad one.
    static std::optional<StreamSettings> fromEnvironment(const QProcessEnvironment &env,
                                                         QString *error);
};

} // namespace skillex::server
