// ServerUrl: what counts as a usable server address, with the reason when it is not.
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace skillex::client {

class ServerUrl {
    Q_DECLARE_TR_FUNCTIONS(ServerUrl)

public:
    // Parses what a person typed ("https://console.example.com", "http://127.0.0.1:8080").
    // On failure returns an invalid QUrl and sets *error to a sentence saying what is wrong.
    static QUrl parse(const QString &text, QString *error);
    // Empty when url can be used as a server address, otherwise the reason it cannot.
    static QString problem(const QUrl &url);
};

} // namespace skillex::client
