// Evidence for console tests: a member sends an image in chat and another reports the message,
// so the server opens a case whose evidence holds a file (the simulator makes none).
#pragma once

#include "tests/testutils/testserver.h"

#include <QByteArray>
#include <QString>

namespace skillex::testutils {

struct ReportedImage {
    qint64 caseId = 0;
    qint64 messageId = 0;
    QString sha256;
    QByteArray bytes;
    bool isValid() const { return caseId > 0 && !sha256.isEmpty(); }
};

// png: the image's bytes (a PNG; the server types files by their content). Invalid on failure,
// with a warning saying which step.
ReportedImage reportImageMessage(TestServer &server, const QByteArray &png,
                                 const QString &category = QStringLiteral("harassment"));

// A small valid PNG (width x height, one colour per quadrant) for such tests.
QByteArray testPng(int width = 64, int height = 48);

} // namespace skillex::testutils
