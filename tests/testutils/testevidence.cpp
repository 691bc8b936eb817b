// testevidence: the member API calls of a reported chat image, in the order a person makes them.
#include "tests/testutils/testevidence.h"

#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testsql.h"

#include <QJsonArray>
#include <QtEndian>
#include <QtGlobal>

namespace skillex::testutils {

namespace {

quint32 crc32Of(const QByteArray &bytes)
{
    // PNG's CRC-32 (ISO 3309), bit by bit: a few hundred bytes per test image.
    quint32 crc = 0xffffffffu;
    for (const char c : bytes) {
        crc ^= quint8(c);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1u) ? (crc >> 1) ^ 0xedb88320u : crc >> 1;
    }
    return crc ^ 0xffffffffu;
}

void appendChunk(QByteArray &png, const char type[4], const QByteArray &data)
{
    QByteArray chunk(type, 4);
    chunk += data;
    const quint32 length = qToBigEndian(quint32(data.size()));
    png.append(reinterpret_cast<const char *>(&length), 4);
    png += chunk;
    const quint32 crc = qToBigEndian(crc32Of(chunk));
    png.append(reinterpret_cast<const char *>(&crc), 4);
}

} // namespace

QByteArray testPng(int width, int height)
{
    // Written by hand (no QtGui in testutils): RGB, 8 bits, each row filtered "none".
    QByteArray raw;
    for (int y = 0; y < height; ++y) {
        raw.append(char(0));
        for (int x = 0; x < width; ++x) {
            const bool right = x >= width / 2;
            const bool bottom = y >= height / 2;
            raw.append(char(right ? 0xe0 : 0x20));
            raw.append(char(bottom ? 0xc0 : 0x40));
            raw.append(char(right != bottom ? 0x30 : 0xd0));
        }
    }
    // qCompress is a zlib stream behind a 4-byte length: the stream is what IDAT holds.
    const QByteArray deflated = qCompress(raw).mid(4);

    QByteArray header;
    const quint32 w = qToBigEndian(quint32(width));
    const quint32 h = qToBigEndian(quint32(height));
    header.append(reinterpret_cast<const char *>(&w), 4);
    header.append(reinterpret_cast<const char *>(&h), 4);
    header.append(char(8)).append(char(2)).append(char(0)).append(char(0)).append(char(0));

    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    appendChunk(png, "IHDR", header);
    appendChunk(png, "IDAT", deflated);
    appendChunk(png, "IEND", {});
    return png;
}

ReportedImage reportImageMessage(TestServer &server, const QByteArray &png,
                                 const QString &category)
{
    ReportedImage result;
    const Actor sender = signUpMember(server, QStringLiteral("Image Sender"));
    const Actor reporter = signUpMember(server, QStringLiteral("Image Reporter"));
    if (!sender.isValid() || !reporter.isValid())
        return result;
    TestHttp asSender(server.baseUrl());
    asSender.setBearer(sender.accessToken);
    TestHttp asReporter(server.baseUrl());
    asReporter.setBearer(reporter.accessToken);

    const TestResponse upload = asSender.send("POST", QStringLiteral("/api/v1/attachments"), png,
                                              {{"Content-Type", "image/png"}});
    if (upload.status != 201) {
        qWarning("reportImageMessage: upload answered %d: %s", upload.status,
                 upload.body.constData());
        return result;
    }
    const QString sha = upload.json().value(QStringLiteral("sha256")).toString();
    const qint64 conversation =
        asSender.post(QStringLiteral("/api/v1/conversations"), {{QStringLiteral("member_id"),
                                                                 reporter.id}})
            .json()
            .value(QStringLiteral("id"))
            .toInteger();
    const TestResponse message = asSender.post(
        QStringLiteral("/api/v1/conversations/%1/messages").arg(conversation),
        {{QStringLiteral("body"), QStringLiteral("look at this")},
         {QStringLiteral("attachments"),
          QJsonArray{QJsonObject{{QStringLiteral("sha256"), sha},
                                 {QStringLiteral("file_name"), QStringLiteral("photo.png")}}}}});
    if (message.status != 201) {
        qWarning("reportImageMessage: message answered %d: %s", message.status,
                 message.body.constData());
        return result;
    }
    const qint64 messageId = message.json().value(QStringLiteral("id")).toInteger();
    const TestResponse report = asReporter.post(
        QStringLiteral("/api/v1/reports"),
        {{QStringLiteral("subject"), QJsonObject{{QStringLiteral("type"), QStringLiteral("message")},
                                                 {QStringLiteral("id"), messageId}}},
         {QStringLiteral("category"), category},
         {QStringLiteral("description"), QStringLiteral("An image I did not want to get.")}});
    if (report.status != 201) {
        qWarning("reportImageMessage: report answered %d: %s", report.status,
                 report.body.constData());
        return result;
    }
    const qint64 reportId = report.json().value(QStringLiteral("id")).toInteger();
    result.caseId = sqlScalar(server.databaseUrl(),
                              QStringLiteral("SELECT case_id FROM reports WHERE id = :id"),
                              {{QStringLiteral(":id"), reportId}})
                        .toLongLong();
    result.messageId = messageId;
    result.sha256 = sha;
    result.bytes = png;
    return result;
}

} // namespace skillex::testutils
