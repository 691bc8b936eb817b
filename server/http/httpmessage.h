// An HTTP request as handlers see it (a copy, safe on any thread) and the response they return.
#pragma once

#include "protocol/problem.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace skillex::server {

struct HttpRequest {
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QString path;
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;
    QHostAddress peer;
    QString requestId;

    QByteArray header(const QByteArray &lowerCaseName) const
    {
        return headers.value(lowerCaseName);
    }
};

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct HttpResponse {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    HeaderList headers;

    static HttpResponse json(int status, const QJsonDocument &doc);
    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse problem(const protocol::Problem &problem, HeaderList headers = {});
    static HttpResponse noContent();
};

QString methodName(QHttpServerRequest::Method method);

} // namespace skillex::server
