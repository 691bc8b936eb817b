// StatementCache: prepare once, bind and run many times; every failure becomes a CacheError.
#include "client/cache/statementcache.h"

#include "client/cache/cacheerror.h"

namespace skillex::client {

QSqlQuery &StatementCache::prepare(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it != m_statements.end()) {
        (*it)->finish();
        return **it;
    }
    auto query = std::make_shared<QSqlQuery>(m_db);
    query->setForwardOnly(true);
    if (!query->prepare(sql))
        throw CacheError(QStringLiteral("prepare \"%1\"").arg(sql), query->lastError());
    return *m_statements.insert(sql, std::move(query)).value();
}

QSqlQuery &StatementCache::run(const QString &sql, const QVariantList &values)
{
    QSqlQuery &query = prepare(sql);
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        // The SQLite driver binds a null QString as SQL NULL; a missing JSON string is an
        // empty one. SQL NULL is asked for with a null QVariant instead.
        if (value.typeId() == QMetaType::QString && !value.isNull() && value.toString().isNull())
            query.bindValue(i, QStringLiteral(""));
        else
            query.bindValue(i, value);
    }
    if (!query.exec())
        throw CacheError(QStringLiteral("exec \"%1\"").arg(sql), query.lastError());
    return query;
}

void execDirect(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        throw CacheError(QStringLiteral("exec \"%1\"").arg(sql), query.lastError());
}

} // namespace skillex::client
