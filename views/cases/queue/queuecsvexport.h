// QueueCsvExport: the queue as the person sees it (tab, filters, search, sort; visible columns
// in their order) written to a CSV file, with progress and Cancel for long lists.
#pragma once

#include <QString>

class QTableView;
class QWidget;

namespace skillex::views::queuecsv {

// Writes every row of the view's model; false with `error` set on failure or cancel.
// progressParent: where the progress dialog shows (null: none, e.g. in tests).
bool write(QTableView *view, const QString &path, QWidget *progressParent, QString *error);

// One CSV field (RFC 4180 quoting).
QString field(const QString &text);

} // namespace skillex::views::queuecsv
