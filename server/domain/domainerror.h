// A refusal by a domain rule, carried to the HTTP layer as a problem (type, status, detail).
#pragma once

#include "protocol/problem.h"

#include <QList>
#include <QPair>

#include <stdexcept>

namespace skillex::server {

class DomainError : public std::runtime_error {
public:
    DomainError(int status, QString type, QString title, QString detail = {})
        : std::runtime_error(title.toStdString())
    {
        m_problem.status = status;
        m_problem.type = std::move(type);
        m_problem.title = std::move(title);
        m_problem.detail = std::move(detail);
    }

    DomainError &withHeader(QByteArray name, QByteArray value)
    {
        m_headers.push_back({std::move(name), std::move(value)});
        return *this;
    }
    DomainError &withFieldErrors(QMap<QString, QString> errors)
    {
        m_problem.errors = std::move(errors);
        return *this;
    }
    DomainError &withExtension(const QString &key, const QJsonValue &value)
    {
        m_problem.extensions.insert(key, value);
        return *this;
    }

    const protocol::Problem &problem() const { return m_problem; }
    const QList<QPair<QByteArray, QByteArray>> &headers() const { return m_headers; }

private:
    protocol::Problem m_problem;
    QList<QPair<QByteArray, QByteArray>> m_headers;
};

} // namespace skillex::server
