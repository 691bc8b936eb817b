// apirequest: the Finance area's uncached reads (GET with a query) in one line each, and the
// message a failed one shows.
#pragma once

#include "client/api/apiresult.h"

#include <QUrlQuery>

namespace skillex::client {
class ApiClient;
}

namespace skillex::views::finance {

void getJson(client::ApiClient *api, const QString &path, const QUrlQuery &query, QObject *context,
             client::ApiCallback callback);
// "Could not load payments: <server's reason>".
QString failureText(const QString &what, const client::ApiResult &result);

} // namespace skillex::views::finance
