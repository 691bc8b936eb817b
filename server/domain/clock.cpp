// Wall-clock time.
#include "server/domain/clock.h"

#include <QDateTime>

namespace skillex::server {

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace skillex::server
