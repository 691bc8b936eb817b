// SqlQuery: failures become DbError carrying the statement, for the log only (never the client).
#include "server/storage/sqlquery.h"

#include <QMetaType>
#include <QSqlError>

namespace skillex::server {
namespace {

bool isConstraintViolation(const QSqlError &error)
{
    // SQLite: 19 (SQLITE_CONSTRAINT) and its extended codes; PostgreSQL: SQLSTATE class 23.
    const QString code = error.nativeErrorCode();
    return code == QStringLiteral("19") || code.startsWith(QStringLiteral("23")) ||
           (code.size() == 4 && code.endsWith(QStringLiteral("67"))) || // 2067 unique
           error.databaseText().contains(QStringLiteral("UNIQUE constraint"));
}

} // namespace

SqlQuery::SqlQuery(const QSqlDatabase &db, const QString &sql)
    : m_sql(sql)
{
    QString error;
    m_lease = statements::acquire(db, sql, &error);
    if (m_lease.query) {
        m_query = m_lease.query;
        return;
    }
    if (!error.isEmpty())
        throw DbError(DbError::Kind::Query,
                      QStringLiteral("prepare failed: %1 [%2]").arg(error, sql));
    // The cached statement is busy further up the stack: prepare one of our own.
    m_own = std::make_unique<QSqlQuery>(db);
    m_own->setForwardOnly(true);
    if (!m_own->prepare(sql))
        throw DbError(
            DbError::Kind::Query,
            QStringLiteral("prepare failed: %1 [%2]").arg(m_own->lastError().text(), sql));
    m_query = m_own.get();
}

SqlQuery::~SqlQuery()
{
    statements::release(m_lease);
}

SqlQuery &SqlQuery::bind(const QString &placeholder, const QVariant &value)
{
    // Qt binds a null QString as SQL NULL; an empty text here means '' (NULL goes through
    // bindOptional).
    if (value.typeId() == QMetaType::QString && value.toString().isNull())
        m_query->bindValue(placeholder, QString::fromLatin1(""));
    else
        m_query->bindValue(placeholder, value);
    return *this;
}

SqlQuery &SqlQuery::bindOptional(const QString &placeholder, const std::optional<qint64> &value)
{
    m_query->bindValue(placeholder,
                       value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>()));
    return *this;
}

SqlQuery &SqlQuery::bindOptional(const QString &placeholder, const std::optional<QString> &value)
{
    m_query->bindValue(placeholder,
                       value ? QVariant(*value) : QVariant(QMetaType::fromType<QString>()));
    return *this;
}

SqlQuery &SqlQuery::exec()
{
    if (!m_query->exec()) {
        const QSqlError error = m_query->lastError();
        throw DbError(isConstraintViolation(error) ? DbError::Kind::Constraint
                                                   : DbError::Kind::Query,
                      QStringLiteral("%1 [%2]").arg(error.text(), m_sql));
    }
    return *this;
}

void SqlQuery::execDirect(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        throw DbError(DbError::Kind::Schema,
                      QStringLiteral("%1 [%2]").arg(q.lastError().text(), sql));
}

std::optional<qint64> SqlQuery::optionalInt64(int column) const
{
    if (m_query->isNull(column))
        return std::nullopt;
    return m_query->value(column).toLongLong();
}

std::optional<QVariant> SqlQuery::scalar()
{
    if (!m_query->next())
        return std::nullopt;
    return m_query->value(0);
}

} // namespace skillex::server
