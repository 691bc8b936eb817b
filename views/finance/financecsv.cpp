// financecsv: quoting per RFC 4180, UTF-8, CRLF line ends (what spreadsheets expect).
#include "views/finance/financecsv.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QSaveFile>

namespace skillex::views::finance {

namespace {

QString field(QString text)
{
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') ||
        text.contains(u'\r')) {
        text.replace(u'"', QStringLiteral("\"\""));
        return u'"' + text + u'"';
    }
    return text;
}

} // namespace

QString modelToCsv(const QAbstractItemModel *model)
{
    QString out;
    QStringList cells;
    const int columns = model->columnCount();
    for (int c = 0; c < columns; ++c)
        cells << field(model->headerData(c, Qt::Horizontal).toString());
    out += cells.join(u',') + QStringLiteral("\r\n");
    for (int r = 0; r < model->rowCount(); ++r) {
        cells.clear();
        for (int c = 0; c < columns; ++c)
            cells << field(model->index(r, c).data().toString());
        out += cells.join(u',') + QStringLiteral("\r\n");
    }
    return out;
}

bool writeCsvFile(const QString &path, const QString &csv, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv.toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QString exportModelCsv(QWidget *parent, const QAbstractItemModel *model,
                       const QString &suggestedName)
{
    const QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export CSV"),
                                                      QDir::home().filePath(suggestedName),
                                                      QObject::tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return {};
    QString error;
    if (!writeCsvFile(path, modelToCsv(model), &error)) {
        QMessageBox::warning(parent, QObject::tr("Export CSV"),
                             QObject::tr("Could not write %1: %2").arg(path, error));
        return {};
    }
    return path;
}

} // namespace skillex::views::finance
