// ApiError: the one shape of every failed call to the server, with a sentence a person can read.
#pragma once

#include "protocol/problem.h"

#include <QCoreApplication>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

#include <optional>

namespace skillex::client {

class ApiError {
    Q_DECLARE_TR_FUNCTIONS(ApiError)

public:
    enum class Kind {
        None,            // no error; a default-constructed ApiError
        Network,         // no HTTP answer: refused, host not found, TLS, reset
        Timeout,         // the server stopped sending within the transfer time-out
        Http,            // an HTTP answer outside 2xx
        InvalidResponse, // a 2xx answer whose body is not what the API promises
        InvalidUrl,      // the server address itself cannot be used
    };

    ApiError() = default;

    static ApiError network(const QUrl &server, QNetworkReply::NetworkError code,
                            const QString &detail);
    static ApiError timeout(const QUrl &server, int timeoutMs);
    static ApiError http(const QUrl &server, int status, std::optional<protocol::Problem> problem,
                         const QString &reasonPhrase);
    static ApiError invalidResponse(const QUrl &server, int status, const QString &detail);
    static ApiError invalidUrl(const QString &address, const QString &detail);

    Kind kind() const { return m_kind; }
    bool isError() const { return m_kind != Kind::None; }
    int httpStatus() const { return m_status; }
    const std::optional<protocol::Problem> &problem() const { return m_problem; }
    // The problem type URI, or empty when the answer carried no problem body.
    QString problemType() const;
    std::optional<int> retryAfterSeconds() const { return m_retryAfterSeconds; }
    const QString &requestId() const { return m_requestId; }
    const QUrl &server() const { return m_server; }
    QNetworkReply::NetworkError networkError() const { return m_networkError; }
    const QString &path() const { return m_path; }

    void setRetryAfterSeconds(std::optional<int> seconds) { m_retryAfterSeconds = seconds; }
    void setRequestId(const QString &id) { m_requestId = id; }
    // The API path that failed; a few messages depend on it (a 429 on login is about sign-ins).
    void setPath(const QString &path) { m_path = path; }

    // The server could not be reached at all (as opposed to answering with an error).
    bool isConnectivityProblem() const;
    // The answer means the person has to sign in again.
    bool isSessionProblem() const;

    // One clear sentence (or two) for the person in front of the screen.
    QString message() const;
    // For logs: kind, status, problem type and request id, untranslated.
    QString logText() const;

    // "15 minutes", "30 seconds", "2 hours": how long to wait, rounded up to a unit a person uses.
    static QString waitText(int seconds);
    static QString secondsText(int seconds);

private:
    QString networkMessage() const;
    QString httpMessage() const;
    QString serverText() const;

    Kind m_kind = Kind::None;
    QUrl m_server;
    QString m_address; // for InvalidUrl: what was typed
    QString m_detail;
    QString m_path;
    int m_status = 0;
    int m_timeoutMs = 0;
    QNetworkReply::NetworkError m_networkError = QNetworkReply::NoError;
    std::optional<protocol::Problem> m_problem;
    std::optional<int> m_retryAfterSeconds;
    QString m_requestId;
};

} // namespace skillex::client

Q_DECLARE_METATYPE(skillex::client::ApiError)
