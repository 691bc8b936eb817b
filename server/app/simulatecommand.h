// `skillex-server simulate`: fills a database with a realistic marketplace history, and with
// --live keeps it going in real time.
#pragma once

#include <QStringList>
#include <QTextStream>

namespace skillex::server {

// arguments: what follows "simulate". Returns the process exit code.
int runSimulate(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace skillex::server
