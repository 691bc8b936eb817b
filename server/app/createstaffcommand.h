// `skillex-server admin create-staff`: the way an operator makes the first admin account.
#pragma once

#include <QStringList>
#include <QTextStream>

namespace skillex::server {

// arguments: what follows "admin create-staff". Reads the password from in when
// --password-stdin is given. Returns the process exit code; messages go to out and err.
int runCreateStaff(const QStringList &arguments, QTextStream &in, QTextStream &out,
                   QTextStream &err);

} // namespace skillex::server
