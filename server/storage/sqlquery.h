// A prepared query that throws DbError instead of returning false, so domain code reads straight.
#pragma once

#include "server/storage/database.h"
#include "server/storage/dberror.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>
#include <optional>

namespace skillex::server {

class SqlQuery {
public:
    SqlQuery(const QSqlDatabase &db, const QString &sql);
    ~SqlQuery();
    SqlQuery(const SqlQuery &) = delete;
    SqlQuery &operator=(const SqlQuery &) = delete;

    SqlQuery &bind(const QString &placeholder, const QVariant &value);
    // Binds a null of the column's type when the optional is empty.
    SqlQuery &bindOptional(const QString &placeholder, const std::optional<qint64> &value);
    SqlQuery &bindOptional(const QString &placeholder, const std::optional<QString> &value);
    SqlQuery &exec();

    bool next() { return m_query->next(); }
    QVariant value(int column) const { return m_query->value(column); }
    qint64 int64(int column) const { return m_query->value(column).toLongLong(); }
    QString string(int column) const { return m_query->value(column).toString(); }
    bool isNull(int column) const { return m_query->isNull(column); }
    std::optional<qint64> optionalInt64(int column) const;
    int rowsAffected() const { return m_query->numRowsAffected(); }

    // The first column of the first row, or nullopt when there is no row.
    std::optional<QVariant> scalar();

    // Runs a statement without preparing it: PostgreSQL cannot PREPARE DDL (CREATE, ALTER).
    static void execDirect(const QSqlDatabase &db, const QString &sql);

private:
    QString m_sql;
    statements::Lease m_lease;        // the cached statement, when it was free
    std::unique_ptr<QSqlQuery> m_own; // else a statement of our own
    QSqlQuery *m_query = nullptr;
};

} // namespace skillex::server
