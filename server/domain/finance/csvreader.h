// RFC 4180 CSV as providers export it: a UTF-8 byte order mark, CRLF or LF line ends, quoted
// fields with doubled quotes and line breaks inside. Records keep the line they start on.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace skillex::server {

struct CsvRecord {
    int line = 0; // 1-based line of the file where the record starts
    QStringList fields;
    QString error; // set when the record is malformed (an unterminated quote); fields partial
};

// Every record, blank lines skipped. Never throws: a malformed record carries its error.
QList<CsvRecord> parseCsv(const QByteArray &bytes);

} // namespace skillex::server
