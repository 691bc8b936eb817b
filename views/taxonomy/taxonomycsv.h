// The taxonomy as CSV (RFC 4180, UTF-8): one row per category and per live skill, in tree
// order, with the names in each language, missing translations, aliases and status.
#pragma once

#include <QString>

namespace skillex::models {
class TaxonomyModel;
}

namespace skillex::views {

QString taxonomyCsv(const models::TaxonomyModel &model);
// Writes it to path; false with error set when the file cannot be written.
bool writeTaxonomyCsv(const models::TaxonomyModel &model, const QString &path, QString *error);

} // namespace skillex::views
