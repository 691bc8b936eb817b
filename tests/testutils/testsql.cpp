// One short-lived connection per call: tests read rarely, and this keeps them independent.
#include "tests/testutils/testsql.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace skillex::testutils {
namespace {

template <typename Fn>
bool withConnection(const QString &url, QString *error, Fn &&fn)
{
    const QString name = QStringLiteral("testsql-") + QUuid::createUuid().toString(QUuid::Id128);
    bool ok = false;
    {
        QSqlDatabase db;
        if (url.startsWith(QStringLiteral("sqlite:"))) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(url.mid(7));
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        } else {
            const QUrl u(url);
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(u.host());
            db.setPort(u.port(5432));
            db.setUserName(u.userName());
            db.setPassword(u.password());
            db.setDatabaseName(u.path().mid(1));
        }
        if (!db.open()) {
            if (error)
                *error = db.lastError().text();
        } else {
            ok = fn(db);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

bool run(QSqlDatabase &db, const QString &sql, const QVariantMap &bindings, QVariant *first,
         QString *error)
{
    QSqlQuery q(db);
    if (!q.prepare(sql)) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    for (auto it = bindings.begin(); it != bindings.end(); ++it)
        q.bindValue(it.key(), it.value());
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    if (first && q.next())
        *first = q.value(0);
    return true;
}

} // namespace

QVariant sqlScalar(const QString &url, const QString &sql, const QVariantMap &bindings,
                   QString *error)
{
    QVariant result;
    withConnection(url, error,
                   [&](QSqlDatabase &db) { return run(db, sql, bindings, &result, error); });
    return result;
}

bool sqlExec(const QString &url, const QString &sql, const QVariantMap &bindings, QString *error)
{
    return withConnection(url, error,
                          [&](QSqlDatabase &db) { return run(db, sql, bindings, nullptr, error); });
}

} // namespace skillex::testutils
