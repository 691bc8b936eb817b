// SIGINT/SIGTERM end the event loop cleanly (connections closed, WAL checkpointed).
#pragma once

namespace skillex::server {

void quitOnTerminationSignals();

} // namespace skillex::server
