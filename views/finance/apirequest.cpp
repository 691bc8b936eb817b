// apirequest: path + encoded query through ApiClient::get.
#include "views/finance/apirequest.h"

#include "client/api/apiclient.h"

#include <QCoreApplication>

namespace skillex::views::finance {

void getJson(client::ApiClient *api, const QString &path, const QUrlQuery &query, QObject *context,
             client::ApiCallback callback)
{
    const QString encoded = query.toString(QUrl::FullyEncoded);
    api->get(encoded.isEmpty() ? path : path + u'?' + encoded, context, std::move(callback));
}

QString failureText(const QString &what, const client::ApiResult &result)
{
    return QCoreApplication::translate("Finance", "Could not %1: %2")
        .arg(what, result.error.message());
}

} // namespace skillex::views::finance
