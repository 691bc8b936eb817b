// ApiResult: what a callback of ApiClient receives, success and failure alike.
#pragma once

#include "client/api/apierror.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <functional>

namespace skillex::client {

struct ApiResult {
    bool ok = false;
    int status = 0;     // HTTP status; 0 when no answer arrived
    QJsonDocument json; // the parsed body of a 2xx answer; null for 204
    ApiError error;     // set when !ok
    QString requestId;  // X-Request-Id of the answer, or the one we sent
    QByteArray body;    // a 2xx answer that is not JSON (an attachment's bytes)

    QJsonObject object() const { return json.object(); }
};

using ApiCallback = std::function<void(const ApiResult &)>;

} // namespace skillex::client
