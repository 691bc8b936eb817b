// Parsing of database URLs.
#include "server/storage/databaseurl.h"

#include <QUrl>

namespace skillex::server {

protocol::Decoded<DatabaseUrl> DatabaseUrl::parse(const QString &text)
{
    using Result = protocol::Decoded<DatabaseUrl>;
    DatabaseUrl url;
    if (text.startsWith(QStringLiteral("sqlite:"))) {
        url.dialect = Dialect::Sqlite;
        url.path = text.mid(7);
        if (url.path.startsWith(QStringLiteral("//")))
            url.path = url.path.mid(2);
        if (url.path.isEmpty())
            return Result::failure(QStringLiteral(
                "sqlite: needs a file path, e.g. sqlite:/var/lib/skillex/skillex.db"));
        return Result::success(url);
    }
    if (text.startsWith(QStringLiteral("postgres://")) ||
        text.startsWith(QStringLiteral("postgresql://"))) {
        const QUrl u(text, QUrl::StrictMode);
        if (!u.isValid() || u.host().isEmpty())
            return Result::failure(QStringLiteral(
                "not a valid postgres URL; expected postgres://user:password@host:port/database"));
        url.dialect = Dialect::Postgres;
        url.host = u.host();
        url.port = u.port(5432);
        url.user = u.userName();
        url.password = u.password();
        url.name = u.path().mid(1);
        if (url.name.isEmpty())
            return Result::failure(QStringLiteral("the postgres URL names no database, e.g. "
                                                  "postgres://skillex@127.0.0.1:5432/skillex"));
        return Result::success(url);
    }
    return Result::failure(QStringLiteral("unknown database URL \"%1\": use sqlite:PATH or "
                                          "postgres://user:password@host:port/database")
                               .arg(text.left(200)));
}

QString DatabaseUrl::redacted() const
{
    if (dialect == Dialect::Sqlite)
        return QStringLiteral("sqlite:") + path;
    return QStringLiteral("postgres://%1@%2:%3/%4").arg(user, host).arg(port).arg(name);
}

QString DatabaseUrl::dialectName() const
{
    return dialect == Dialect::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgres");
}

} // namespace skillex::server
