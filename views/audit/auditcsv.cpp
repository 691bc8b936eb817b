// AuditCsv: rows are read through the windowed model, a page at a time, so a long list is
// never held whole.
#include "views/audit/auditcsv.h"

#include "models/auditmodel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSaveFile>
#include <QTextStream>

namespace skillex::views::auditcsv {

namespace {
QString field(QString s)
{
    if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n') || s.contains(u'\r'))
        s = u'"' + s.replace(u'"', QStringLiteral("\"\"")) + u'"';
    return s;
}
} // namespace

bool write(models::AuditModel *model, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error =
                QCoreApplication::translate("skillex::views::AuditCsv", "Could not write %1: %2")
                    .arg(path, file.errorString());
        return false;
    }
    QTextStream out(&file);
    out << "id,at,actor,action,target,reason\r\n";
    using C = models::AuditModel::Column;
    for (int r = 0; r < model->rowCount(); ++r) {
        const qint64 at =
            model->index(r, C::Time).data(models::WindowedSqlModel::RawRole).toLongLong();
        out << model->idAt(r) << ','
            << QDateTime::fromMSecsSinceEpoch(at, Qt::UTC).toString(Qt::ISODateWithMs) << ','
            << field(model->index(r, C::Actor).data().toString()) << ','
            << field(model->index(r, C::Action).data().toString()) << ','
            << field(model->index(r, C::Target).data().toString()) << ','
            << field(model->index(r, C::Reason).data().toString()) << "\r\n";
    }
    out.flush();
    if (!file.commit()) {
        if (error)
            *error =
                QCoreApplication::translate("skillex::views::AuditCsv", "Could not write %1: %2")
                    .arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace skillex::views::auditcsv
