// The wire codecs: values survive a round trip, and malformed input is refused with a reason.
#include "protocol/auth.h"
#include "protocol/health.h"
#include "protocol/jsonlimits.h"
#include "protocol/problem.h"
#include "protocol/roles.h"
#include "protocol/timestamps.h"

#include <QJsonArray>
#include <QTest>

using namespace skillex::protocol;

class TestCodecs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loginRoundTrip()
    {
        const LoginRequest in{QStringLiteral("a@b.example"), QStringLiteral("correct horse")};
        const auto out = LoginRequest::fromJson(in.toJson());
        QVERIFY2(out.ok(), qPrintable(out.error()));
        QCOMPARE(out.value().email, in.email);
        QCOMPARE(out.value().password, in.password);
    }

    void loginRejectsMissingAndUnknownFields()
    {
        const auto missing =
            LoginRequest::fromJson({{QStringLiteral("email"), QStringLiteral("x")}});
        QVERIFY(!missing.ok());
        QCOMPARE(missing.fieldErrors().value(QStringLiteral("password")),
                 QStringLiteral("is required"));

        QJsonObject extra = LoginRequest{QStringLiteral("a"), QStringLiteral("b")}.toJson();
        extra.insert(QStringLiteral("pasword"), QStringLiteral("typo"));
        const auto unknown = LoginRequest::fromJson(extra);
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.fieldErrors().contains(QStringLiteral("pasword")));
    }

    void loginRejectsWrongTypes()
    {
        const auto bad = LoginRequest::fromJson(
            {{QStringLiteral("email"), 42}, {QStringLiteral("password"), true}});
        QVERIFY(!bad.ok());
        QCOMPARE(bad.fieldErrors().value(QStringLiteral("email")),
                 QStringLiteral("must be a string"));
        QCOMPARE(bad.fieldErrors().value(QStringLiteral("password")),
                 QStringLiteral("must be a string"));
    }

    void tokenResponseRoundTrip()
    {
        TokenResponse in;
        in.accessToken = QStringLiteral("aaa.bbb.ccc");
        in.refreshToken = QStringLiteral("r1");
        in.expiresIn = 900;
        const auto out = TokenResponse::fromJson(in.toJson());
        QVERIFY2(out.ok(), qPrintable(out.error()));
        QCOMPARE(out.value().accessToken, in.accessToken);
        QCOMPARE(out.value().refreshToken, in.refreshToken);
        QCOMPARE(out.value().tokenType, QStringLiteral("Bearer"));
        QCOMPARE(out.value().expiresIn, 900);
    }

    void tokenResponseRejectsFractionalAndOtherTypes()
    {
        QJsonObject o =
            TokenResponse{QStringLiteral("a"), QStringLiteral("r"), QStringLiteral("Bearer"), 900}
                .toJson();
        o.insert(QStringLiteral("expires_in"), 1.5);
        QVERIFY(!TokenResponse::fromJson(o).ok());
        o.insert(QStringLiteral("expires_in"), 900);
        o.insert(QStringLiteral("token_type"), QStringLiteral("MAC"));
        QVERIFY(!TokenResponse::fromJson(o).ok());
    }

    void meRoundTripWithRoles()
    {
        Me in;
        in.id = 7;
        in.email = QStringLiteral("mod@x.example");
        in.name = QStringLiteral("Mo");
        in.kind = QStringLiteral("staff");
        in.roles = {Role::Moderator, Role::Finance};
        const auto out = Me::fromJson(in.toJson());
        QVERIFY2(out.ok(), qPrintable(out.error()));
        QCOMPARE(out.value().roles, in.roles);
        QJsonObject o = in.toJson();
        o.insert(QStringLiteral("roles"), QJsonArray{QStringLiteral("emperor")});
        QVERIFY(!Me::fromJson(o).ok());
    }

    void problemRoundTripKeepsExtensions()
    {
        Problem p;
        p.type = problemtype::kValidation;
        p.title = QStringLiteral("Invalid request");
        p.status = 400;
        p.errors.insert(QStringLiteral("email"), QStringLiteral("is required"));
        p.requestId = QStringLiteral("req-1");
        p.extensions.insert(QStringLiteral("current"), QJsonObject{{QStringLiteral("version"), 3}});
        const auto out = Problem::fromBytes(p.toBytes());
        QVERIFY2(out.ok(), qPrintable(out.error()));
        QCOMPARE(out.value().type, p.type);
        QCOMPARE(out.value().status, 400);
        QCOMPARE(out.value().errors, p.errors);
        QCOMPARE(out.value().requestId, p.requestId);
        QCOMPARE(out.value()
                     .extensions.value(QStringLiteral("current"))
                     .toObject()
                     .value(QStringLiteral("version"))
                     .toInt(),
                 3);
    }

    void problemRejectsNonJsonAndMissingFields()
    {
        QVERIFY(!Problem::fromBytes("<html>502</html>").ok());
        QVERIFY(!Problem::fromBytes("[1,2]").ok());
        QVERIFY(!Problem::fromBytes(R"({"title":"x","status":400})").ok());
        QVERIFY(!Problem::fromBytes(R"({"type":"t","title":"x","status":9000})").ok());
    }

    void healthRoundTrip()
    {
        Health h{
            QStringLiteral("ok"), QStringLiteral("0.1.0"), QStringLiteral("sqlite"), true, 3, 3};
        const auto out = Health::fromJson(h.toJson());
        QVERIFY2(out.ok(), qPrintable(out.error()));
        QCOMPARE(out.value().database, QStringLiteral("sqlite"));
        QVERIFY(out.value().databaseReachable);
        QCOMPARE(out.value().schemaLevel, 3);
    }

    void boundedJsonRefusesDeepNesting()
    {
        const QByteArray deep = QByteArray(65, '[') + QByteArray(65, ']');
        const auto r = parseBoundedJson(deep);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(QStringLiteral("deeper than 64")), qPrintable(r.error()));
        const QByteArray ok = QByteArray(64, '[') + QByteArray(64, ']');
        QVERIFY(parseBoundedJson(ok).ok());
    }

    void boundedJsonRefusesLongStrings()
    {
        const QByteArray body = "{\"a\":\"" + QByteArray(64 * 1024 + 1, 'x') + "\"}";
        const auto r = parseBoundedJson(body);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(QStringLiteral("longer than")), qPrintable(r.error()));
        const QByteArray fits = "{\"a\":\"" + QByteArray(64 * 1024, 'x') + "\"}";
        QVERIFY(parseBoundedJson(fits).ok());
    }

    void boundedJsonReportsSyntaxErrorsAndBracketsInStrings()
    {
        QVERIFY(!parseBoundedJson("{\"a\":").ok());
        QVERIFY(!parseBoundedJson("").ok());
        // Brackets inside strings are not nesting.
        const QByteArray inString = "{\"a\":\"" + QByteArray(200, '[') + "\"}";
        QVERIFY(parseBoundedJson(inString).ok());
    }

    void roleTableMatchesDomain()
    {
        QVERIFY(roleAllows(Role::Viewer, Permission::ViewDashboards));
        QVERIFY(!roleAllows(Role::Viewer, Permission::ModerateCases));
        QVERIFY(roleAllows(Role::Moderator, Permission::ModerateCases));
        QVERIFY(!roleAllows(Role::Moderator, Permission::SeniorModeration));
        QVERIFY(roleAllows(Role::SeniorModerator, Permission::SeniorModeration));
        QVERIFY(!roleAllows(Role::Finance, Permission::ModerateCases));
        QVERIFY(roleAllows(Role::Finance, Permission::MoveMoney));
        QVERIFY(!roleAllows(Role::Finance, Permission::ManageTaxonomy));
        QVERIFY(roleAllows(Role::Admin, Permission::ManageStaff));
        QVERIFY(rolesAllow({Role::Viewer, Role::Finance}, Permission::ViewFinance));
        for (Role r : allRoles())
            QCOMPARE(roleFromName(roleName(r)), std::optional<Role>(r));
        QCOMPARE(roleFromName(QStringLiteral("root")), std::nullopt);
    }

    void wireTimeHasMillisecondsAndUtc()
    {
        const QString s = toWireTime(qint64(1'700'000'000'123));
        QCOMPARE(s, QStringLiteral("2023-11-14T22:13:20.123Z"));
        const auto back = fromWireTime(s);
        QVERIFY(back.has_value());
        QCOMPARE(back->toMSecsSinceEpoch(), 1'700'000'000'123);
        QVERIFY(!fromWireTime(QStringLiteral("yesterday")).has_value());
    }
};

QTEST_GUILESS_MAIN(TestCodecs)
#include "tst_codecs.moc"
