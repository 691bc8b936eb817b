// `skillex-server admin routes`: prints the route table (method, path, who may call it), so
// operators can see what a build serves and tests can check every route against the role table.
#pragma once

#include <QStringList>
#include <QTextStream>

namespace skillex::server {

int runRoutes(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace skillex::server
