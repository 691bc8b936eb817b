// Durations as the queue shows them: "1h 05m", "-2h 10m" (breached), "3d".
#pragma once

#include <QString>

namespace skillex::models::timetext {

// Time left until a due time; negative when past it.
QString countdown(qint64 ms);
// How long ago: "45s", "12m", "3h", "2d".
QString age(qint64 ms);

} // namespace skillex::models::timetext
