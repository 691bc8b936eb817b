// Reading (or, to simulate tampering, writing) the server's database directly from a test.
#pragma once

#include <QString>
#include <QVariant>
#include <QVariantMap>

namespace skillex::testutils {

// Runs one statement on the database at url (sqlite:... or postgres://...) with named
// bindings, and returns the first column of the first row (invalid when there is none).
// error, when given, says why a statement failed.
QVariant sqlScalar(const QString &url, const QString &sql, const QVariantMap &bindings = {},
                   QString *error = nullptr);
bool sqlExec(const QString &url, const QString &sql, const QVariantMap &bindings = {},
             QString *error = nullptr);

} // namespace skillex::testutils
