// AuditCsv: the audit list as shown (its filter, its order) written as CSV (RFC 4180).
#pragma once

#include <QString>

namespace skillex::models {
class AuditModel;
}

namespace skillex::views::auditcsv {

// Columns: id, at (UTC, ISO 8601), actor, action, target, reason. False with the reason when the
// file cannot be written.
bool write(models::AuditModel *model, const QString &path, QString *error = nullptr);

} // namespace skillex::views::auditcsv
