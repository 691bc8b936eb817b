// Demo staff creation.
#include "server/app/demostaff.h"

#include "server/domain/audit/auditlog.h"
#include "server/domain/auth/accounts.h"
#include "server/domain/domainerror.h"
#include "server/storage/database.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <sodium.h>

namespace skillex::server {
namespace {

struct DemoPerson {
    const char *email;
    const char *name;
    protocol::Role role;
};

const DemoPerson kDemoStaff[] = {
    {"admin@demo.skillex.local", "Avery Admin", protocol::Role::Admin},
    {"moderator@demo.skillex.local", "Morgan Moderator", protocol::Role::Moderator},
    {"senior@demo.skillex.local", "Sam Senior", protocol::Role::SeniorModerator},
    {"senior2@demo.skillex.local", "Sasha Second", protocol::Role::SeniorModerator},
    {"finance@demo.skillex.local", "Frankie Finance", protocol::Role::Finance},
    {"finance2@demo.skillex.local", "Fern Approver", protocol::Role::Finance},
    {"viewer@demo.skillex.local", "Vic Viewer", protocol::Role::Viewer},
};

QString randomPassword()
{
    unsigned char raw[12];
    randombytes_buf(raw, sizeof raw);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(raw), sizeof raw)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

QString demoCredentialsPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("demo-credentials.json"));
}

bool ensureDemoStaff(Database &db, Accounts &accounts, AuditLog &audit, const QString &dataDir,
                     const QString &serverUrl, QString *printed, QString *error)
{
    const QString path = demoCredentialsPath(dataDir);
    const bool exists = db.read([&](QSqlDatabase &c) {
        return accounts.findByEmail(c, QString::fromLatin1(kDemoStaff[0].email)).has_value();
    });
    if (exists && QFile::exists(path)) {
        // Keep the file's server_url current: the port changes on every start with --port 0.
        QFile in(path);
        if (in.open(QIODevice::ReadOnly)) {
            QJsonObject o = QJsonDocument::fromJson(in.readAll()).object();
            in.close();
            o.insert(QStringLiteral("server_url"), serverUrl);
            QSaveFile out(path);
            if (out.open(QIODevice::WriteOnly)) {
                out.write(QJsonDocument(o).toJson());
                out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
                out.commit();
            }
        }
        return false;
    }
    if (exists) {
        *error = QStringLiteral("the demo database has staff accounts but %1 is missing; delete "
                                "the data folder %2 to start afresh")
                     .arg(path, dataDir);
        return false;
    }

    QJsonArray staff;
    QString text =
        QStringLiteral("Demo staff accounts (shown once; also saved to %1):\n").arg(path);
    try {
        db.write([&](QSqlDatabase &tx) {
            for (const auto &person : kDemoStaff) {
                const QString password = randomPassword();
                const qint64 id =
                    accounts.createStaff(tx, QString::fromLatin1(person.email),
                                         QString::fromLatin1(person.name), {person.role}, password);
                audit.append(
                    tx, {std::nullopt,
                         QStringLiteral("system (demo)"),
                         QStringLiteral("staff.created"),
                         QStringLiteral("user"),
                         QString::number(id),
                         QStringLiteral("demo set-up"),
                         {},
                         QJsonObject{{QStringLiteral("email"), QString::fromLatin1(person.email)},
                                     {QStringLiteral("roles"),
                                      QJsonArray{protocol::roleName(person.role)}}},
                         {},
                         {}});
                staff.push_back(
                    QJsonObject{{QStringLiteral("email"), QString::fromLatin1(person.email)},
                                {QStringLiteral("password"), password},
                                {QStringLiteral("name"), QString::fromLatin1(person.name)},
                                {QStringLiteral("role"), protocol::roleName(person.role)}});
                text += QStringLiteral("  %1  %2  password: %3\n")
                            .arg(protocol::roleName(person.role), -17)
                            .arg(QString::fromLatin1(person.email), -30)
                            .arg(password);
            }
        });
    } catch (const DomainError &e) {
        *error = e.problem().title + QStringLiteral(": ") + e.problem().detail;
        return false;
    } catch (const DbError &e) {
        *error = QStringLiteral("creating demo staff failed: ") + QString::fromUtf8(e.what());
        return false;
    }
    QSaveFile out(path);
    const QJsonObject file{{QStringLiteral("server_url"), serverUrl},
                           {QStringLiteral("staff"), staff}};
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(file).toJson()) < 0 ||
        !out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || !out.commit()) {
        *error = QStringLiteral("cannot write ") + path;
        return false;
    }
    *printed = text;
    return true;
}

} // namespace skillex::server
