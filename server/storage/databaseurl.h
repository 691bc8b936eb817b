// Where the database is: "sqlite:PATH" or "postgres://user:password@host:port/name".
#pragma once

#include "protocol/decode.h"

#include <QString>

namespace skillex::server {

enum class Dialect { Sqlite, Postgres };

struct DatabaseUrl {
    Dialect dialect = Dialect::Sqlite;
    QString path; // SQLite file
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString name;

    static protocol::Decoded<DatabaseUrl> parse(const QString &text);
    // For logs and error messages: never contains the password.
    QString redacted() const;
    QString dialectName() const;
};

} // namespace skillex::server
