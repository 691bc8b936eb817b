// Server address rules: http or https, a host, no query or fragment (the API adds its own paths).
#include "client/api/serverurl.h"

namespace skillex::client {

QUrl ServerUrl::parse(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    QString reason;
    QUrl url;
    if (trimmed.isEmpty()) {
        reason = tr("Enter the server address, for example https://console.example.com.");
    } else {
        url = QUrl(trimmed, QUrl::StrictMode);
        if (!url.isValid())
            reason = tr("\u201c%1\u201d is not a valid address.").arg(trimmed);
        else
            reason = problem(url);
    }
    if (error)
        *error = reason;
    return reason.isEmpty() ? url : QUrl();
}

QString ServerUrl::problem(const QUrl &url)
{
    if (url.isEmpty())
        return tr("Enter the server address, for example https://console.example.com.");
    if (!url.isValid())
        return tr("The address is not valid: %1").arg(url.errorString());
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return tr("The address must start with http:// or https://.");
    if (url.host().isEmpty())
        return tr("The address has no host name, for example https://console.example.com.");
    if (url.hasQuery() || url.hasFragment())
        return tr("The address must not contain \u201c?\u201d or \u201c#\u201d parts.");
    if (!url.userInfo().isEmpty())
        return tr("The address must not contain a user name or password.");
    return {};
}

} // namespace skillex::client
