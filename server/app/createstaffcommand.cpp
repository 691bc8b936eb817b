// The password is read from standard input only, never an argument, so it stays out of
// shell history and the process list.
#include "server/app/createstaffcommand.h"

#include "server/app/serverinstance.h"
#include "server/domain/audit/auditlog.h"
#include "server/domain/auth/accounts.h"
#include "server/domain/auth/passwordhasher.h"
#include "server/domain/clock.h"
#include "server/domain/domainerror.h"
#include "server/storage/database.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QProcessEnvironment>

namespace skillex::server {

int runCreateStaff(const QStringList &arguments, QTextStream &in, QTextStream &out,
                   QTextStream &err)
{
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("db"), QStringLiteral("Database URL (or SKILLEX_DB)."),
         QStringLiteral("url")},
        {QStringLiteral("email"), QStringLiteral("Email of the new staff member."),
         QStringLiteral("email")},
        {QStringLiteral("name"),
         QStringLiteral("Display name (default: the part of the email before @)."),
         QStringLiteral("name")},
        {QStringLiteral("role"),
         QStringLiteral(
             "viewer, moderator, senior_moderator, finance or admin; repeat for several."),
         QStringLiteral("role")},
        {QStringLiteral("password-stdin"),
         QStringLiteral("Read the password from the first line of standard input.")},
    });
    if (!parser.parse(QStringList{QStringLiteral("create-staff")} + arguments)) {
        err << "create-staff: " << parser.errorText() << "\n";
        return 2;
    }
    const QString dbUrl =
        parser.isSet(QStringLiteral("db"))
            ? parser.value(QStringLiteral("db"))
            : QProcessEnvironment::systemEnvironment().value(QStringLiteral("SKILLEX_DB"));
    if (dbUrl.isEmpty() || !parser.isSet(QStringLiteral("email")) ||
        parser.values(QStringLiteral("role")).isEmpty() ||
        !parser.isSet(QStringLiteral("password-stdin"))) {
        err << "usage: skillex-server admin create-staff --db URL --email E --role R [--role R2] "
               "[--name N] --password-stdin\n";
        return 2;
    }
    QList<protocol::Role> roles;
    for (const QString &name : parser.values(QStringLiteral("role"))) {
        const auto role = protocol::roleFromName(name);
        if (!role) {
            err << "create-staff: unknown role \"" << name
                << "\"; use viewer, moderator, senior_moderator, finance or admin\n";
            return 2;
        }
        roles.push_back(*role);
    }
    const QString password = in.readLine();
    const QString email = parser.value(QStringLiteral("email"));
    const QString name = parser.isSet(QStringLiteral("name"))
                             ? parser.value(QStringLiteral("name"))
                             : email.section(QLatin1Char('@'), 0, 0);

    QString error;
    auto db = openAndMigrate(dbUrl, &error);
    if (!db) {
        err << "create-staff: " << error << "\n";
        return 1;
    }
    SystemClock clock;
    PasswordHasher hasher;
    Accounts accounts(clock, hasher);
    AuditLog audit(*db, clock);
    try {
        const qint64 id = db->write([&](QSqlDatabase &tx) {
            const qint64 created = accounts.createStaff(tx, email, name, roles, password);
            audit.append(tx,
                         {std::nullopt,
                          QStringLiteral("system (cli)"),
                          QStringLiteral("staff.created"),
                          QStringLiteral("user"),
                          QString::number(created),
                          QStringLiteral("created with skillex-server admin create-staff"),
                          {},
                          QJsonObject{{QStringLiteral("email"), Accounts::normaliseEmail(email)},
                                      {QStringLiteral("roles"),
                                       QJsonArray::fromStringList(protocol::roleNames(roles))}},
                          {},
                          {}});
            return created;
        });
        out << "created staff account " << id << " (" << Accounts::normaliseEmail(email)
            << ") with roles " << protocol::roleNames(roles).join(QStringLiteral(", ")) << "\n";
        return 0;
    } catch (const DomainError &e) {
        err << "create-staff: " << e.problem().title;
        if (!e.problem().detail.isEmpty())
            err << ": " << e.problem().detail;
        for (auto it = e.problem().errors.begin(); it != e.problem().errors.end(); ++it)
            err << "\n  " << it.key() << " " << it.value();
        err << "\n";
        return 1;
    } catch (const DbError &e) {
        err << "create-staff: database error: " << e.what() << "\n";
        return 1;
    }
}

} // namespace skillex::server
