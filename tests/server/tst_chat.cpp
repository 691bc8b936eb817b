// Chat against the real server: attachments typed by content (not by name or header), limited
// in size, stored once by hash and readable only by the uploader and the conversation; one
// conversation per pair; only members of a conversation read or write it; edits and soft
// deletes by the sender; events for every change; bad input is a 4xx problem, never a 5xx.
#include "protocol/problem.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <map>
#include <memory>

using namespace skillex::testutils;
namespace pt = skillex::protocol::problemtype;

namespace {

const QByteArray kPngMagic = QByteArrayLiteral("\x89PNG\r\n\x1a\n");

// A file that starts like a PNG; the tag makes its bytes (and hash) unique.
QByteArray png(const QByteArray &tag, qsizetype size = 0)
{
    QByteArray data = kPngMagic + QByteArrayLiteral("\0\0\0\rIHDR") + tag;
    if (data.size() < size)
        data.append(size - data.size(), '\0');
    return data;
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

struct Member {
    qint64 id = 0;
    QString token;
};

} // namespace

class TestChat : public QObject {
    Q_OBJECT
    TestServer m_server;
    std::map<qint64, std::unique_ptr<TestHttp>> m_clients;
    int m_nextMember = 0;
    Member m_ana, m_ben, m_cleo;

    Member newMember()
    {
        const QString email = QStringLiteral("chat%1@example.com").arg(++m_nextMember);
        TestHttp http(m_server.baseUrl());
        const auto reg =
            http.post(QStringLiteral("/api/v1/auth/register"),
                      {{QStringLiteral("email"), email},
                       {QStringLiteral("password"), QStringLiteral("learning-is-fun")},
                       {QStringLiteral("name"), QStringLiteral("Member %1").arg(m_nextMember)}});
        const auto login =
            http.post(QStringLiteral("/api/v1/auth/login"),
                      {{QStringLiteral("email"), email},
                       {QStringLiteral("password"), QStringLiteral("learning-is-fun")}});
        return {reg.json().value(QStringLiteral("id")).toInteger(),
                login.json().value(QStringLiteral("access_token")).toString()};
    }

    // One client per member (TestHttp is not copyable), kept for the whole test.
    TestHttp &as(const Member &m)
    {
        auto &client = m_clients[m.id];
        if (!client)
            client = std::make_unique<TestHttp>(m_server.baseUrl());
        client->setBearer(m.token);
        return *client;
    }

    TestResponse upload(const Member &m, const QByteArray &data,
                        const QByteArray &contentType = "image/png")
    {
        return as(m).send("POST", QStringLiteral("/api/v1/attachments"), data,
                          {{"Content-Type", contentType}});
    }

    qint64 openConversation(const Member &a, const Member &b)
    {
        return as(a)
            .post(QStringLiteral("/api/v1/conversations"), {{QStringLiteral("member_id"), b.id}})
            .json()
            .value(QStringLiteral("id"))
            .toInteger();
    }

    TestResponse sendMessage(const Member &m, qint64 conversation, const QString &body,
                             const QJsonArray &attachments = {})
    {
        QJsonObject json{{QStringLiteral("body"), body}};
        if (!attachments.isEmpty())
            json.insert(QStringLiteral("attachments"), attachments);
        return as(m).post(QStringLiteral("/api/v1/conversations/%1/messages").arg(conversation),
                          json);
    }

    QVariant sql(const QString &statement, const QVariantMap &bindings = {})
    {
        return sqlScalar(m_server.databaseUrl(), statement, bindings);
    }

    int eventCount(const QString &type, const QString &subject)
    {
        return sql(QStringLiteral(
                       "SELECT COUNT(*) FROM events WHERE type = :t AND subject_id = :s"),
                   {{QStringLiteral(":t"), type}, {QStringLiteral(":s"), subject}})
            .toInt();
    }

    static void verifyProblem(const TestResponse &r, int status, const QString &type)
    {
        QVERIFY2(r.status == status, qPrintable(QStringLiteral("status %1, expected %2: %3")
                                                    .arg(r.status)
                                                    .arg(status)
                                                    .arg(QString::fromUtf8(r.body.left(400)))));
        QVERIFY2(r.isProblem(), r.body.constData());
        QCOMPARE(r.problemType(), type);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_ana = newMember();
        m_ben = newMember();
        m_cleo = newMember();
        QVERIFY(m_ana.id > 0 && m_ben.id > 0 && m_cleo.id > 0);
        QVERIFY(!m_ana.token.isEmpty());
    }
    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    // Attachments ---------------------------------------------------------------------------

    void attachmentTypeComesFromContent_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QString>("mime");
        QTest::newRow("png sent as pdf")
            << png("as-pdf") << QByteArray("application/pdf") << QStringLiteral("image/png");
        QTest::newRow("jpeg sent as png")
            << QByteArray("\xff\xd8\xff\xe0\0\x10JFIF\0tag-jpeg", 19) << QByteArray("image/png")
            << QStringLiteral("image/jpeg");
        QTest::newRow("gif89a") << QByteArray("GIF89a\x01\0\x01\0tag-gif", 17)
                                << QByteArray("application/octet-stream")
                                << QStringLiteral("image/gif");
        QTest::newRow("gif87a") << QByteArray("GIF87a\x01\0\x01\0tag-gif87", 19)
                                << QByteArray("application/zip") << QStringLiteral("image/gif");
        QTest::newRow("webp") << QByteArray("RIFF\x20\0\0\0WEBPVP8 tag-webp", 24)
                              << QByteArray("text/plain") << QStringLiteral("image/webp");
        QTest::newRow("pdf sent as png")
            << QByteArray("%PDF-1.7\n%tag-pdf\n") << QByteArray("image/png")
            << QStringLiteral("application/pdf");
    }

    void attachmentTypeComesFromContent()
    {
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, contentType);
        QFETCH(QString, mime);
        const auto r = upload(m_ana, data, contentType);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(QStringLiteral("mime")).toString(), mime);
        QCOMPARE(r.json().value(QStringLiteral("size")).toInteger(), data.size());
        QCOMPARE(r.json().value(QStringLiteral("sha256")).toString(), sha256Hex(data));
        QCOMPARE(sql(QStringLiteral("SELECT mime FROM attachments WHERE sha256 = :h"),
                     {{QStringLiteral(":h"), sha256Hex(data)}})
                     .toString(),
                 mime);
    }

    void badUploadsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::newRow("windows exe named png")
            << QByteArray("MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0This program cannot be run", 42)
            << 415 << pt::kUnsupportedMediaType;
        QTest::newRow("elf") << QByteArray("\x7f"
                                           "ELF\x02\x01\x01\0\0\0",
                                           10)
                             << 415 << pt::kUnsupportedMediaType;
        QTest::newRow("html") << QByteArray("<html><script>alert(1)</script></html>") << 415
                              << pt::kUnsupportedMediaType;
        QTest::newRow("svg") << QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\"/>") << 415
                             << pt::kUnsupportedMediaType;
        QTest::newRow("riff wave, not webp")
            << QByteArray("RIFF\x20\0\0\0WAVEfmt ", 16) << 415 << pt::kUnsupportedMediaType;
        QTest::newRow("truncated png magic")
            << QByteArray("\x89PN") << 415 << pt::kUnsupportedMediaType;
        QTest::newRow("empty") << QByteArray() << 400 << pt::kBadRequest;
    }

    void badUploadsAreRefused()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, status);
        QFETCH(QString, type);
        const int before = sql(QStringLiteral("SELECT COUNT(*) FROM attachments")).toInt();
        verifyProblem(upload(m_ana, data, "image/png"), status, type);
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM attachments")).toInt(), before);
    }

    void uploadsAboveTheJsonLimitUpToTenMiBAreAccepted()
    {
        // Larger than a JSON body may be (1 MiB), exactly the attachment limit.
        const auto r = upload(m_ben, png("ten-mib", 10 * 1024 * 1024));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(QStringLiteral("size")).toInteger(), 10 * 1024 * 1024);
    }

    void uploadOverTenMiBIs413()
    {
        const auto r = upload(m_ben, png("too-big", 10 * 1024 * 1024 + 1));
        verifyProblem(r, 413, pt::kPayloadTooLarge);
    }

    void sameBytesAreStoredOnce()
    {
        const QByteArray data = png("dedupe");
        const auto first = upload(m_ana, data);
        const auto again = upload(m_ana, data);
        const auto other = upload(m_ben, data, "application/pdf");
        QCOMPARE(first.status, 201);
        QCOMPARE(again.status, 201);
        QCOMPARE(other.status, 201);
        const QString hash = first.json().value(QStringLiteral("sha256")).toString();
        QCOMPARE(again.json().value(QStringLiteral("sha256")).toString(), hash);
        QCOMPARE(other.json().value(QStringLiteral("sha256")).toString(), hash);
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM attachments WHERE sha256 = :h"),
                     {{QStringLiteral(":h"), hash}})
                     .toInt(),
                 1);
        // Both uploaders are recorded (each may use the file), once each.
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM attachment_uploads WHERE sha256 = :h"),
                     {{QStringLiteral(":h"), hash}})
                     .toInt(),
                 2);
        QCOMPARE(eventCount(QStringLiteral("attachment.uploaded"), hash), 2);
    }

    void downloadIsForTheUploaderAndTheConversationOnly()
    {
        const QByteArray data = png("private-photo");
        const QString hash = upload(m_ana, data).json().value(QStringLiteral("sha256")).toString();
        const QString path = QStringLiteral("/api/v1/attachments/") + hash;

        const auto own = as(m_ana).get(path);
        QCOMPARE(own.status, 200);
        QCOMPARE(own.body, data);
        QCOMPARE(own.header("content-type"), QByteArray("image/png"));
        QCOMPARE(own.header("x-content-type-options"), QByteArray("nosniff"));
        QVERIFY(own.header("content-disposition").startsWith("attachment"));
        // Not attached anywhere yet: nobody else may read it, and the answer does not say it
        // exists.
        verifyProblem(as(m_ben).get(path), 404, pt::kNotFound);

        const qint64 conversation = openConversation(m_ana, m_ben);
        const auto sent =
            sendMessage(m_ana, conversation, QStringLiteral("the photo"),
                        {QJsonObject{{QStringLiteral("sha256"), hash},
                                     {QStringLiteral("file_name"), QStringLiteral("photo.png")}}});
        QCOMPARE(sent.status, 201);
        const auto shared = as(m_ben).get(path);
        QCOMPARE(shared.status, 200);
        QCOMPARE(shared.body, data);
        verifyProblem(as(m_cleo).get(path), 404, pt::kNotFound);

        // Deleting the message takes the file out of the conversation; the uploader keeps it.
        const qint64 messageId = sent.json().value(QStringLiteral("id")).toInteger();
        QCOMPARE(as(m_ana)
                     .send("DELETE", QStringLiteral("/api/v1/messages/%1").arg(messageId), {})
                     .status,
                 204);
        verifyProblem(as(m_ben).get(path), 404, pt::kNotFound);
        QCOMPARE(as(m_ana).get(path).status, 200);

        // Upper-case hex names the same file; anything that is not a hash is simply not found.
        QCOMPARE(as(m_ana).get(QStringLiteral("/api/v1/attachments/") + hash.toUpper()).status,
                 200);
        verifyProblem(as(m_ana).get(QStringLiteral("/api/v1/attachments/not-a-hash")), 404,
                      pt::kNotFound);
        verifyProblem(TestHttp(m_server.baseUrl()).get(path), 401, pt::kUnauthenticated);
    }

    void attachingSomeoneElsesFileIsRefused()
    {
        const QString hash =
            upload(m_ana, png("ana-only")).json().value(QStringLiteral("sha256")).toString();
        const qint64 conversation = openConversation(m_ben, m_cleo);
        const int before = sql(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt();
        const auto r =
            sendMessage(m_ben, conversation, QStringLiteral("look"),
                        {QJsonObject{{QStringLiteral("sha256"), hash},
                                     {QStringLiteral("file_name"), QStringLiteral("x.png")}}});
        verifyProblem(r, 400, pt::kValidation);
        QVERIFY(r.json()
                    .value(QStringLiteral("errors"))
                    .toObject()
                    .contains(QStringLiteral("attachments[0].sha256")));
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), before);
        verifyProblem(as(m_cleo).get(QStringLiteral("/api/v1/attachments/") + hash), 404,
                      pt::kNotFound);
    }

    void uploadsPerDayAreLimited()
    {
        const Member m = newMember();
        for (int i = 0; i < 50; ++i)
            QCOMPARE(upload(m, png("daily-" + QByteArray::number(i))).status, 201);
        const auto r = upload(m, png("daily-50"));
        verifyProblem(r, 429, pt::kRateLimited);
        QVERIFY(!r.header("retry-after").isEmpty());
        // Sending bytes already uploaded by this member is not a new upload.
        QCOMPARE(upload(m, png("daily-7")).status, 201);
    }

    // Conversations ---------------------------------------------------------------------------

    void oneConversationPerPair()
    {
        const Member a = newMember();
        const Member b = newMember();
        const auto first = as(a).post(QStringLiteral("/api/v1/conversations"),
                                      {{QStringLiteral("member_id"), b.id}});
        QCOMPARE(first.status, 201);
        const qint64 id = first.json().value(QStringLiteral("id")).toInteger();
        const auto members = first.json().value(QStringLiteral("members")).toArray();
        QCOMPARE(members.size(), 2);
        const auto back = as(b).post(QStringLiteral("/api/v1/conversations"),
                                     {{QStringLiteral("member_id"), a.id}});
        QCOMPARE(back.status, 200);
        QCOMPARE(back.json().value(QStringLiteral("id")).toInteger(), id);
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM conversation_members WHERE user_id = :u"),
                     {{QStringLiteral(":u"), a.id}})
                     .toInt(),
                 1);
        QCOMPARE(eventCount(QStringLiteral("conversation.started"), QString::number(id)), 1);
    }

    void conversationWithNobodyOrOneselfIsRefused()
    {
        verifyProblem(as(m_ana).post(QStringLiteral("/api/v1/conversations"),
                                     {{QStringLiteral("member_id"), m_ana.id}}),
                      400, pt::kValidation);
        verifyProblem(as(m_ana).post(QStringLiteral("/api/v1/conversations"),
                                     {{QStringLiteral("member_id"), 987654321}}),
                      404, pt::kNotFound);
        // Staff accounts are not members to chat with, and do not chat themselves.
        const auto staff = m_server.createStaff(QStringLiteral("moderator"));
        QVERIFY2(!staff.email.isEmpty(), qPrintable(m_server.error()));
        const qint64 staffId = sql(QStringLiteral("SELECT id FROM users WHERE email = :e"),
                                   {{QStringLiteral(":e"), staff.email}})
                                   .toLongLong();
        verifyProblem(as(m_ana).post(QStringLiteral("/api/v1/conversations"),
                                     {{QStringLiteral("member_id"), staffId}}),
                      404, pt::kNotFound);
        TestHttp staffHttp(m_server.baseUrl());
        const auto login = staffHttp.post(
            QStringLiteral("/api/v1/auth/login"),
            {{QStringLiteral("email"), staff.email}, {QStringLiteral("password"), staff.password}});
        staffHttp.setBearer(login.json().value(QStringLiteral("access_token")).toString());
        verifyProblem(staffHttp.post(QStringLiteral("/api/v1/conversations"),
                                     {{QStringLiteral("member_id"), m_ana.id}}),
                      403, pt::kForbidden);
    }

    void conversationsAreListedNewestActivityFirst()
    {
        const Member me = newMember();
        const Member x = newMember();
        const Member y = newMember();
        const Member z = newMember();
        const qint64 cx = openConversation(me, x);
        QTest::qWait(5);
        const qint64 cy = openConversation(me, y);
        QTest::qWait(5);
        const qint64 cz = openConversation(me, z);
        QTest::qWait(5);
        QCOMPARE(sendMessage(x, cx, QStringLiteral("bump")).status, 201);

        const auto page1 = as(me).get(QStringLiteral("/api/v1/conversations?limit=2"));
        QCOMPARE(page1.status, 200);
        const auto items1 = page1.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items1.size(), 2);
        QCOMPARE(items1.at(0).toObject().value(QStringLiteral("id")).toInteger(), cx);
        QCOMPARE(items1.at(1).toObject().value(QStringLiteral("id")).toInteger(), cz);
        const QString next = page1.json().value(QStringLiteral("next")).toString();
        QVERIFY(!next.isEmpty());
        const auto page2 =
            as(me).get(QStringLiteral("/api/v1/conversations?limit=2&after=") + next);
        const auto items2 = page2.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items2.size(), 1);
        QCOMPARE(items2.at(0).toObject().value(QStringLiteral("id")).toInteger(), cy);
        QVERIFY(page2.json().value(QStringLiteral("next")).isNull());
        // Someone else's list does not show them.
        const auto others = as(m_cleo).get(QStringLiteral("/api/v1/conversations?limit=500"));
        for (const auto &item : others.json().value(QStringLiteral("items")).toArray())
            QVERIFY(item.toObject().value(QStringLiteral("id")).toInteger() != cx);
    }

    // Messages --------------------------------------------------------------------------------

    void outsidersCannotReadOrWriteAConversation()
    {
        const qint64 conversation = openConversation(m_ana, m_ben);
        const auto sent = sendMessage(m_ana, conversation, QStringLiteral("just us"));
        QCOMPARE(sent.status, 201);
        const qint64 messageId = sent.json().value(QStringLiteral("id")).toInteger();
        const QString messages =
            QStringLiteral("/api/v1/conversations/%1/messages").arg(conversation);
        verifyProblem(as(m_cleo).get(messages), 404, pt::kNotFound);
        verifyProblem(sendMessage(m_cleo, conversation, QStringLiteral("let me in")), 404,
                      pt::kNotFound);
        const QString message = QStringLiteral("/api/v1/messages/%1").arg(messageId);
        verifyProblem(as(m_cleo).send("PATCH", message, R"({"body":"mine now"})",
                                      {{"Content-Type", "application/json"}}),
                      404, pt::kNotFound);
        verifyProblem(as(m_cleo).send("DELETE", message, {}), 404, pt::kNotFound);
        // The other member reads it but may not change or delete it.
        QCOMPARE(as(m_ben).get(messages).status, 200);
        verifyProblem(as(m_ben).send("PATCH", message, R"({"body":"edited by ben"})",
                                     {{"Content-Type", "application/json"}}),
                      403, pt::kForbidden);
        verifyProblem(as(m_ben).send("DELETE", message, {}), 403, pt::kForbidden);
        QCOMPARE(sql(QStringLiteral("SELECT body FROM messages WHERE id = :m"),
                     {{QStringLiteral(":m"), messageId}})
                     .toString(),
                 QStringLiteral("just us"));
        QVERIFY(sql(QStringLiteral("SELECT deleted_at FROM messages WHERE id = :m"),
                    {{QStringLiteral(":m"), messageId}})
                    .isNull());
        verifyProblem(TestHttp(m_server.baseUrl()).get(messages), 401, pt::kUnauthenticated);
    }

    void messagesArePagedById()
    {
        const Member a = newMember();
        const Member b = newMember();
        const qint64 conversation = openConversation(a, b);
        QList<qint64> ids;
        for (int i = 0; i < 5; ++i)
            ids.push_back(sendMessage(i % 2 ? b : a, conversation, QStringLiteral("m%1").arg(i))
                              .json()
                              .value(QStringLiteral("id"))
                              .toInteger());
        const QString base = QStringLiteral("/api/v1/conversations/%1/messages").arg(conversation);
        QList<qint64> seen;
        QString path = base + QStringLiteral("?limit=2");
        for (int page = 0; page < 5; ++page) {
            const auto r = as(b).get(path);
            QCOMPARE(r.status, 200);
            for (const auto &item : r.json().value(QStringLiteral("items")).toArray())
                seen.push_back(item.toObject().value(QStringLiteral("id")).toInteger());
            if (r.json().value(QStringLiteral("next")).isNull())
                break;
            path = base + QStringLiteral("?limit=2&after=") +
                   r.json().value(QStringLiteral("next")).toString();
        }
        QCOMPARE(seen, ids);
        const auto newest = as(a).get(base + QStringLiteral("?order=desc&limit=1"));
        QCOMPARE(newest.json()
                     .value(QStringLiteral("items"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInteger(),
                 ids.last());
        const auto first = as(a).get(base + QStringLiteral("?limit=1")).json();
        const auto item = first.value(QStringLiteral("items")).toArray().at(0).toObject();
        QCOMPARE(item.value(QStringLiteral("body")).toString(), QStringLiteral("m0"));
        QCOMPARE(item.value(QStringLiteral("sender_id")).toInteger(), a.id);
        QCOMPARE(item.value(QStringLiteral("status")).toString(), QStringLiteral("visible"));
    }

    void senderEditsAndDeletesOwnMessage()
    {
        const Member a = newMember();
        const Member b = newMember();
        const qint64 conversation = openConversation(a, b);
        const QString hash =
            upload(a, png("edit-delete")).json().value(QStringLiteral("sha256")).toString();
        const auto sent =
            sendMessage(a, conversation, QStringLiteral("first words"),
                        {QJsonObject{{QStringLiteral("sha256"), hash},
                                     {QStringLiteral("file_name"), QStringLiteral("notes.png")}}});
        QCOMPARE(sent.status, 201);
        QCOMPARE(sent.json().value(QStringLiteral("attachments")).toArray().size(), 1);
        QVERIFY(sent.json().value(QStringLiteral("edited_at")).isNull());
        const qint64 id = sent.json().value(QStringLiteral("id")).toInteger();
        const QString path = QStringLiteral("/api/v1/messages/%1").arg(id);

        const auto edited = as(a).send("PATCH", path, R"({"body":"better words"})",
                                       {{"Content-Type", "application/json"}});
        QCOMPARE(edited.status, 200);
        QCOMPARE(edited.json().value(QStringLiteral("body")).toString(),
                 QStringLiteral("better words"));
        QVERIFY(!edited.json().value(QStringLiteral("edited_at")).toString().isEmpty());
        QVERIFY(!sql(QStringLiteral("SELECT edited_at FROM messages WHERE id = :m"),
                     {{QStringLiteral(":m"), id}})
                     .isNull());

        QCOMPARE(as(a).send("DELETE", path, {}).status, 204);
        QCOMPARE(as(a).send("DELETE", path, {}).status, 204); // twice is the same as once
        const auto listed =
            as(b).get(QStringLiteral("/api/v1/conversations/%1/messages").arg(conversation));
        const auto item = listed.json().value(QStringLiteral("items")).toArray().at(0).toObject();
        QCOMPARE(item.value(QStringLiteral("id")).toInteger(), id);
        QCOMPARE(item.value(QStringLiteral("status")).toString(), QStringLiteral("deleted"));
        QVERIFY(item.value(QStringLiteral("body")).isNull());
        QVERIFY(item.value(QStringLiteral("attachments")).toArray().isEmpty());
        // Soft: the text stays in the database (for evidence), the message cannot be edited.
        QCOMPARE(sql(QStringLiteral("SELECT body FROM messages WHERE id = :m"),
                     {{QStringLiteral(":m"), id}})
                     .toString(),
                 QStringLiteral("better words"));
        verifyProblem(as(a).send("PATCH", path, R"({"body":"again"})",
                                 {{"Content-Type", "application/json"}}),
                      409, pt::kConflict);

        // A message hidden by moderation shows as hidden, without its text.
        const qint64 other = sendMessage(b, conversation, QStringLiteral("rude"))
                                 .json()
                                 .value(QStringLiteral("id"))
                                 .toInteger();
        QVERIFY(sqlExec(m_server.databaseUrl(),
                        QStringLiteral("UPDATE messages SET hidden_at = 1 WHERE id = :m"),
                        {{QStringLiteral(":m"), other}}));
        const auto hidden =
            as(a).get(QStringLiteral("/api/v1/conversations/%1/messages?order=desc&limit=1")
                          .arg(conversation));
        const auto hiddenItem =
            hidden.json().value(QStringLiteral("items")).toArray().at(0).toObject();
        QCOMPARE(hiddenItem.value(QStringLiteral("status")).toString(), QStringLiteral("hidden"));
        QVERIFY(hiddenItem.value(QStringLiteral("body")).isNull());

        QCOMPARE(eventCount(QStringLiteral("message.sent"), QString::number(id)), 1);
        QCOMPARE(eventCount(QStringLiteral("message.edited"), QString::number(id)), 1);
        QCOMPARE(eventCount(QStringLiteral("message.deleted"), QString::number(id)), 1);
    }

    void sendingBumpsTheConversation()
    {
        const Member a = newMember();
        const Member b = newMember();
        const qint64 conversation = openConversation(a, b);
        const qint64 before =
            sql(QStringLiteral("SELECT last_message_at FROM conversations WHERE id = :c"),
                {{QStringLiteral(":c"), conversation}})
                .toLongLong();
        QTest::qWait(5);
        QCOMPARE(sendMessage(b, conversation, QStringLiteral("hello")).status, 201);
        QVERIFY(sql(QStringLiteral("SELECT last_message_at FROM conversations WHERE id = :c"),
                    {{QStringLiteral(":c"), conversation}})
                    .toLongLong() > before);
    }

    void suspendedMemberCannotSend()
    {
        const Member a = newMember();
        const Member b = newMember();
        const qint64 conversation = openConversation(a, b);
        QVERIFY(sqlExec(m_server.databaseUrl(),
                        QStringLiteral("UPDATE users SET status = 'suspended' WHERE id = :u"),
                        {{QStringLiteral(":u"), a.id}}));
        const auto r = sendMessage(a, conversation, QStringLiteral("still here?"));
        QVERIFY2(r.status == 401 || r.status == 403, r.body.constData());
        QVERIFY(r.isProblem());
        QVERIFY(sqlExec(m_server.databaseUrl(),
                        QStringLiteral("UPDATE users SET status = 'banned' WHERE id = :u"),
                        {{QStringLiteral(":u"), a.id}}));
        const auto banned = upload(a, png("banned"));
        QVERIFY2(banned.status == 401 || banned.status == 403, banned.body.constData());
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM messages WHERE conversation_id = :c"),
                     {{QStringLiteral(":c"), conversation}})
                     .toInt(),
                 0);
    }

    void messagesPerMinuteAreLimited()
    {
        const Member a = newMember();
        const Member b = newMember();
        const qint64 conversation = openConversation(a, b);
        for (int i = 0; i < 60; ++i)
            QCOMPARE(sendMessage(a, conversation, QStringLiteral("flood %1").arg(i)).status, 201);
        verifyProblem(sendMessage(a, conversation, QStringLiteral("one more")), 429,
                      pt::kRateLimited);
        QCOMPARE(sendMessage(b, conversation, QStringLiteral("the other side may answer")).status,
                 201);
    }

    // Bad input -------------------------------------------------------------------------------

    void badConversationBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::newRow("empty object") << QByteArray("{}") << 400 << pt::kValidation;
        QTest::newRow("string id") << QByteArray(R"({"member_id":"2"})") << 400 << pt::kValidation;
        QTest::newRow("fraction") << QByteArray(R"({"member_id":2.5})") << 400 << pt::kValidation;
        QTest::newRow("negative") << QByteArray(R"({"member_id":-1})") << 400 << pt::kValidation;
        QTest::newRow("huge") << QByteArray(R"({"member_id":1e300})") << 400 << pt::kValidation;
        QTest::newRow("unknown field")
            << QByteArray(R"({"member_id":2,"admin":true})") << 400 << pt::kValidation;
        QTest::newRow("array") << QByteArray("[1]") << 400 << pt::kMalformedJson;
        QTest::newRow("not json") << QByteArray("member_id=2") << 400 << pt::kMalformedJson;
        QTest::newRow("no such member")
            << QByteArray(R"({"member_id":9007199254740991})") << 404 << pt::kNotFound;
    }

    void badConversationBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, type);
        verifyProblem(as(m_ana).send("POST", QStringLiteral("/api/v1/conversations"), body,
                                     {{"Content-Type", "application/json"}}),
                      status, type);
    }

    void badMessageBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const auto bytes = [](const QJsonObject &o) { return QJsonDocument(o).toJson(); };
        const auto withFiles = [&](const QJsonArray &files) {
            return bytes({{QStringLiteral("body"), QStringLiteral("hi")},
                          {QStringLiteral("attachments"), files}});
        };
        const auto file = [](const QString &sha, const QString &name) {
            return QJsonObject{{QStringLiteral("sha256"), sha},
                               {QStringLiteral("file_name"), name}};
        };
        const QString hash(64, QLatin1Char('a'));
        const QString png = QStringLiteral("a.png");
        QTest::newRow("no body") << QByteArray("{}") << QStringLiteral("body");
        QTest::newRow("empty body")
            << bytes({{QStringLiteral("body"), QString()}}) << QStringLiteral("body");
        QTest::newRow("blank body")
            << bytes({{QStringLiteral("body"), QStringLiteral("  \n ")}}) << QStringLiteral("body");
        QTest::newRow("number body")
            << bytes({{QStringLiteral("body"), 5}}) << QStringLiteral("body");
        QTest::newRow("body too long")
            << bytes({{QStringLiteral("body"), QString(4001, QLatin1Char('x'))}})
            << QStringLiteral("body");
        QTest::newRow("unknown field") << bytes({{QStringLiteral("body"), QStringLiteral("hi")},
                                                 {QStringLiteral("urgent"), true}})
                                       << QStringLiteral("urgent");
        QTest::newRow("attachments not a list")
            << bytes({{QStringLiteral("body"), QStringLiteral("hi")},
                      {QStringLiteral("attachments"), QJsonObject()}})
            << QStringLiteral("attachments");
        QTest::newRow("attachment not an object")
            << withFiles({QStringLiteral("abc")}) << QStringLiteral("attachments[0]");
        QTest::newRow("six attachments") << withFiles({QJsonObject(), QJsonObject(), QJsonObject(),
                                                       QJsonObject(), QJsonObject(), QJsonObject()})
                                         << QStringLiteral("attachments");
        QTest::newRow("bad hash") << withFiles({file(QStringLiteral("xyz"), png)})
                                  << QStringLiteral("attachments[0].sha256");
        QTest::newRow("upper-case hash")
            << withFiles({file(hash.toUpper(), png)}) << QStringLiteral("attachments[0].sha256");
        QTest::newRow("hash too long") << withFiles({file(QString(65, QLatin1Char('a')), png)})
                                       << QStringLiteral("attachments[0].sha256");
        QTest::newRow("no file name") << withFiles({QJsonObject{{QStringLiteral("sha256"), hash}}})
                                      << QStringLiteral("attachments[0].file_name");
        QTest::newRow("path in file name")
            << withFiles({file(hash, QStringLiteral("../../etc/passwd"))})
            << QStringLiteral("attachments[0].file_name");
        QTest::newRow("control char in file name")
            << withFiles({file(hash, QStringLiteral("a") + QChar(1) + QStringLiteral(".png"))})
            << QStringLiteral("attachments[0].file_name");
        QTest::newRow("file name too long")
            << withFiles({file(hash, QString(256, QLatin1Char('n')))})
            << QStringLiteral("attachments[0].file_name");
        QTest::newRow("same file twice")
            << withFiles({file(hash, png), file(hash, QStringLiteral("b.png"))})
            << QStringLiteral("attachments[1].sha256");
        QJsonObject extra = file(hash, png);
        extra.insert(QStringLiteral("url"), QStringLiteral("http://x"));
        QTest::newRow("unknown attachment field")
            << withFiles({extra}) << QStringLiteral("attachments[0].url");
    }

    void badMessageBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const qint64 conversation = openConversation(m_ana, m_ben);
        const auto r = as(m_ana).send(
            "POST", QStringLiteral("/api/v1/conversations/%1/messages").arg(conversation), body,
            {{"Content-Type", "application/json"}});
        verifyProblem(r, 400, pt::kValidation);
        QVERIFY2(r.json().value(QStringLiteral("errors")).toObject().contains(field),
                 r.body.constData());
    }

    void badEditBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::newRow("no body") << QByteArray("{}") << 400 << pt::kValidation;
        QTest::newRow("blank") << QByteArray(R"({"body":" "})") << 400 << pt::kValidation;
        QTest::newRow("too long") << QByteArray(R"({"body":")" + QByteArray(4001, 'y') + R"("})")
                                  << 400 << pt::kValidation;
        QTest::newRow("attachments not editable")
            << QByteArray(R"({"body":"x","attachments":[]})") << 400 << pt::kValidation;
        QTest::newRow("null") << QByteArray("null") << 400 << pt::kMalformedJson;
    }

    void badEditBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, type);
        const qint64 conversation = openConversation(m_ana, m_ben);
        const qint64 id = sendMessage(m_ana, conversation, QStringLiteral("to be edited"))
                              .json()
                              .value(QStringLiteral("id"))
                              .toInteger();
        verifyProblem(as(m_ana).send("PATCH", QStringLiteral("/api/v1/messages/%1").arg(id), body,
                                     {{"Content-Type", "application/json"}}),
                      status, type);
        QCOMPARE(sql(QStringLiteral("SELECT body FROM messages WHERE id = :m"),
                     {{QStringLiteral(":m"), id}})
                     .toString(),
                 QStringLiteral("to be edited"));
    }

    void badPathsAndQueries_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::newRow("unknown list parameter")
            << QByteArray("GET") << QStringLiteral("/api/v1/conversations?sort=name") << 400
            << pt::kValidation;
        QTest::newRow("limit 0") << QByteArray("GET")
                                 << QStringLiteral("/api/v1/conversations?limit=0") << 400
                                 << pt::kValidation;
        QTest::newRow("forged cursor")
            << QByteArray("GET") << QStringLiteral("/api/v1/conversations?after=bm9wZQ") << 400
            << pt::kValidation;
        QTest::newRow("not base64 cursor")
            << QByteArray("GET") << QStringLiteral("/api/v1/conversations?after=***") << 400
            << pt::kValidation;
        QTest::newRow("message cursor not an id")
            << QByteArray("GET") << QStringLiteral("/api/v1/conversations/%1/messages?after=bm9wZQ")
            << 400 << pt::kValidation;
        QTest::newRow("bad order")
            << QByteArray("GET") << QStringLiteral("/api/v1/conversations/%1/messages?order=up")
            << 400 << pt::kValidation;
        QTest::newRow("conversation id not a number")
            << QByteArray("GET") << QStringLiteral("/api/v1/conversations/abc/messages") << 404
            << pt::kNotFound;
        QTest::newRow("no such conversation")
            << QByteArray("GET") << QStringLiteral("/api/v1/conversations/99999999/messages") << 404
            << pt::kNotFound;
        QTest::newRow("no such message")
            << QByteArray("DELETE") << QStringLiteral("/api/v1/messages/99999999") << 404
            << pt::kNotFound;
        QTest::newRow("message id zero")
            << QByteArray("DELETE") << QStringLiteral("/api/v1/messages/0") << 404 << pt::kNotFound;
        QTest::newRow("put on messages")
            << QByteArray("PUT") << QStringLiteral("/api/v1/messages/1") << 405
            << pt::kMethodNotAllowed;
    }

    void badPathsAndQueries()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, type);
        const qint64 conversation = openConversation(m_ana, m_ben);
        const QString resolved =
            path.contains(QStringLiteral("%1")) ? path.arg(conversation) : path;
        verifyProblem(as(m_ana).send(method, resolved, {}), status, type);
    }

    void jsonEndpointsRefuseOtherContentTypes()
    {
        const qint64 conversation = openConversation(m_ana, m_ben);
        verifyProblem(
            as(m_ana).send("POST",
                           QStringLiteral("/api/v1/conversations/%1/messages").arg(conversation),
                           R"({"body":"hi"})", {{"Content-Type", "text/plain"}}),
            415, pt::kUnsupportedMediaType);
        // A JSON body over 1 MiB is refused before it is parsed; only uploads may be larger.
        verifyProblem(
            as(m_ana).send(
                "POST", QStringLiteral("/api/v1/conversations/%1/messages").arg(conversation),
                QByteArray(1024 * 1024 + 10, ' '), {{"Content-Type", "application/json"}}),
            413, pt::kPayloadTooLarge);
    }
};

QTEST_GUILESS_MAIN(TestChat)
#include "tst_chat.moc"
