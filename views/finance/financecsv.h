// financecsv: the Finance area's CSV exports (RFC 4180), of any table model as it is shown.
#pragma once

#include <QString>

class QAbstractItemModel;
class QWidget;

namespace skillex::views::finance {

// The model's header and rows (display text) as CSV.
QString modelToCsv(const QAbstractItemModel *model);
bool writeCsvFile(const QString &path, const QString &csv, QString *error);
// Asks where (file dialog, starting at suggestedName), writes, and says so on failure.
// Returns the path written, or "" when cancelled or failed.
QString exportModelCsv(QWidget *parent, const QAbstractItemModel *model,
                       const QString &suggestedName);

} // namespace skillex::views::finance
