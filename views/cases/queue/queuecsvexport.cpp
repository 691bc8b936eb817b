// QueueCsvExport: reads the windowed model page by page (it never holds more than a few pages).
#include "views/cases/queue/queuecsvexport.h"

#include <QCoreApplication>
#include <QFile>
#include <QHeaderView>
#include <QProgressDialog>
#include <QSaveFile>
#include <QTableView>
#include <QTextStream>

#include <memory>

namespace skillex::views::queuecsv {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("skillex::views::QueueCsvExport", text);
}
} // namespace

QString field(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') &&
        !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

bool write(QTableView *view, const QString &path, QWidget *progressParent, QString *error)
{
    QAbstractItemModel *model = view->model();
    QHeaderView *header = view->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns << logical;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QTextStream out(&file);
    out.setEncoding(QStringConverter::Utf8);
    QStringList line;
    for (int column : columns)
        line << field(model->headerData(column, Qt::Horizontal).toString());
    out << line.join(u',') << '\n';

    const int rows = model->rowCount();
    std::unique_ptr<QProgressDialog> progress;
    if (progressParent && rows > 2000) {
        progress = std::make_unique<QProgressDialog>(tr("Exporting %1 cases…").arg(rows),
                                                     tr("Cancel"), 0, rows, progressParent);
        progress->setWindowModality(Qt::WindowModal);
        progress->setMinimumDuration(300);
    }
    for (int row = 0; row < rows; ++row) {
        line.clear();
        for (int column : columns)
            line << field(model->index(row, column).data().toString());
        out << line.join(u',') << '\n';
        if (progress && row % 500 == 0) {
            progress->setValue(row);
            if (progress->wasCanceled()) {
                file.cancelWriting();
                if (error)
                    *error = tr("Export cancelled; no file was written.");
                return false;
            }
        }
    }
    out.flush();
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace skillex::views::queuecsv
