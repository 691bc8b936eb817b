// Numbered schema migrations, applied at start and recorded in schema_migrations.
#pragma once

#include "server/storage/database.h"

#include <QSet>
#include <QString>

namespace skillex::server {

class Migrator {
public:
    explicit Migrator(Database &db);

    // The highest migration this binary ships.
    static int latestLevel();

    // Applies every migration not yet recorded, in number order, each in its own transaction.
    // Throws DbError of kind Schema when the database records a level this binary does not
    // know, i.e. it was migrated by a newer server (it is never touched then).
    void migrate();

    // The level the database is at now (0 for an empty database).
    int currentLevel();

private:
    void ensureVersionTable(QSqlDatabase &db);
    QSet<int> appliedLevels();
    void apply(int level, const QString &name, const QString &script);

    Database &m_db;
};

// Splits a migration script into statements and adapts it to the dialect
// (@PK@ -> the dialect's auto-increment primary key, @BLOB@ -> BLOB or BYTEA).
QStringList migrationStatements(const QString &script, Dialect dialect);

} // namespace skillex::server
