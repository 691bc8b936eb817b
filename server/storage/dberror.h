// The one exception type of the storage layer; the HTTP layer maps it to a 500/503 problem.
#pragma once

#include <QString>

#include <stdexcept>

namespace skillex::server {

class DbError : public std::runtime_error {
public:
    enum class Kind { Connection, Query, Constraint, Schema };
    DbError(Kind kind, const QString &message)
        : std::runtime_error(message.toStdString())
        , m_kind(kind)
    {}
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

} // namespace skillex::server
