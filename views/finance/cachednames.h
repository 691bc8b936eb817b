// cachednames: who an id is, from the synced cache (staff and members), for "who asked".
#pragma once

#include <QString>

namespace skillex::client {
class Workspace;
}

namespace skillex::views::finance {

// "Ada Lovelace (#3)", or "staff #3" when the cache does not know them yet.
QString staffName(client::Workspace *workspace, qint64 id);
QString memberName(client::Workspace *workspace, qint64 id);

} // namespace skillex::views::finance
