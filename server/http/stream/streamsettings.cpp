// Each bound keeps a mistyped variable from turning the stream into a busy loop or a leak.
#include "server/http/stream/streamsettings.h"

namespace skillex::server {
namespace {

bool readInt(const QProcessEnvironment &env, const char *name, qint64 min, qint64 max,
             qint64 &target, QString *error)
{
    const QString key = QString::fromLatin1(name);
    if (!env.contains(key))
        return true;
    bool ok = false;
    const qint64 value = env.value(key).toLongLong(&ok);
    if (!ok || value < min || value > max) {
        *error = QStringLiteral("%1 must be a number from %2 to %3").arg(key).arg(min).arg(max);
        return false;
    }
    target = value;
    return true;
}

} // namespace

std::optional<StreamSettings> StreamSettings::fromEnvironment(const QProcessEnvironment &env,
                                                              QString *error)
{
    StreamSettings s;
    qint64 ping = s.pingIntervalMs, silence = s.silenceTimeoutMs, auth = s.authTimeoutMs,
           poll = s.pollIntervalMs, page = s.pageSize, recheck = s.recheckIntervalMs;
    const bool ok =
        readInt(env, "SKILLEX_STREAM_PING_MS", 10, 3'600'000, ping, error) &&
        readInt(env, "SKILLEX_STREAM_SILENCE_MS", 30, 3'600'000, silence, error) &&
        readInt(env, "SKILLEX_STREAM_AUTH_MS", 10, 600'000, auth, error) &&
        readInt(env, "SKILLEX_STREAM_POLL_MS", 0, 60'000, poll, error) &&
        readInt(env, "SKILLEX_STREAM_PAGE", 1, 10'000, page, error) &&
        readInt(env, "SKILLEX_STREAM_RECHECK_MS", 10, 3'600'000, recheck, error) &&
        readInt(env, "SKILLEX_STREAM_MAX_BACKLOG_BYTES", 1024, qint64(1) << 32, s.maxBacklogBytes,
                error) &&
        readInt(env, "SKILLEX_STREAM_MAX_REPLAY", 1, qint64(1) << 40, s.maxReplayEvents, error);
    if (!ok)
        return std::nullopt;
    s.pingIntervalMs = int(ping);
    s.silenceTimeoutMs = int(silence);
    s.authTimeoutMs = int(auth);
    s.pollIntervalMs = int(poll);
    s.pageSize = int(page);
    s.recheckIntervalMs = int(recheck);
    return s;
}

} // namespace skillex::server
