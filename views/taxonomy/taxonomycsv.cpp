// taxonomyCsv: fields are quoted when they hold a comma, quote or line break.
#include "views/taxonomy/taxonomycsv.h"

#include "models/taxonomymodel.h"
#include "views/taxonomy/namesgrid.h"

#include <QSaveFile>

namespace skillex::views {

using models::TaxonomyModel;

namespace {

QString field(QString text)
{
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r'))
        return u'"' + text.replace(u'"', QStringLiteral("\"\"")) + u'"';
    return text;
}

QString row(const QModelIndex &node, qint64 categoryId)
{
    const QVariantMap names = node.data(TaxonomyModel::NamesRole).toMap();
    QStringList missing, cells;
    cells << node.data(TaxonomyModel::KindRole).toString()
          << QString::number(node.data(TaxonomyModel::IdRole).toLongLong())
          << QString::number(categoryId)
          << node.siblingAtColumn(TaxonomyModel::Slug).data().toString()
          << node.siblingAtColumn(TaxonomyModel::Status).data().toString();
    for (const QString &code : NamesGrid::languages()) {
        const QString name = names.value(code).toString();
        cells << name;
        if (name.isEmpty())
            missing << code;
    }
    cells << missing.join(u' ')
          << node.data(TaxonomyModel::AliasesRole).toStringList().join(QStringLiteral("; "));
    for (QString &c : cells)
        c = field(c);
    return cells.join(u',') + QStringLiteral("\r\n");
}

} // namespace

QString taxonomyCsv(const TaxonomyModel &model)
{
    QString out = QStringLiteral("kind,id,category_id,slug,status,name_en,name_de,name_it,"
                                 "name_hi,missing_translations,aliases\r\n");
    for (int c = 0; c < model.rowCount(); ++c) {
        const QModelIndex category = model.index(c, 0);
        const qint64 categoryId = category.data(TaxonomyModel::IdRole).toLongLong();
        out += row(category, categoryId);
        for (int s = 0; s < model.rowCount(category); ++s)
            out += row(model.index(s, 0, category), categoryId);
    }
    return out;
}

bool writeTaxonomyCsv(const TaxonomyModel &model, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.write(taxonomyCsv(model).toUtf8());
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace skillex::views
