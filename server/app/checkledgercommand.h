// `skillex-server admin check-ledger`: the five ledger invariants, from the command line.
#pragma once

#include <QStringList>
#include <QTextStream>

namespace skillex::server {

// Exit code 0 when every invariant holds, 1 when one breaks (or the database is unreachable).
int runCheckLedger(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace skillex::server
