// CacheError: a failed statement inside a cache job; thrown on the writer thread, caught there.
#pragma once

#include <QSqlError>
#include <QString>

#include <stdexcept>

namespace skillex::client {

// Jobs throw this to abort their transaction; the writer turns it into a failed result, so
// it never crosses an event handler.
class CacheError : public std::runtime_error {
public:
    explicit CacheError(const QString &message)
        : std::runtime_error(message.toStdString())
        , m_message(message)
    {}
    CacheError(const QString &what, const QSqlError &error)
        : CacheError(QStringLiteral("%1: %2").arg(what, error.text()))
    {}

    const QString &message() const { return m_message; }

private:
    QString m_message;
};

} // namespace skillex::client
