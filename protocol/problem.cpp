// Problem details codec.
#include "protocol/problem.h"

#include <QJsonDocument>

namespace skillex::protocol {

QJsonObject Problem::toJson() const
{
    QJsonObject o = extensions;
    o.insert(QStringLiteral("type"), type);
    o.insert(QStringLiteral("title"), title);
    o.insert(QStringLiteral("status"), status);
    if (!detail.isEmpty())
        o.insert(QStringLiteral("detail"), detail);
    if (!errors.isEmpty()) {
        QJsonObject e;
        for (auto it = errors.begin(); it != errors.end(); ++it)
            e.insert(it.key(), it.value());
        o.insert(QStringLiteral("errors"), e);
    }
    if (!requestId.isEmpty())
        o.insert(QStringLiteral("request_id"), requestId);
    return o;
}

QByteArray Problem::toBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

Decoded<Problem> Problem::fromJson(const QJsonObject &object)
{
    FieldReader r(object);
    Problem p;
    p.type = r.requiredString(QStringLiteral("type"), 2048);
    p.title = r.requiredString(QStringLiteral("title"), 4096);
    p.status = static_cast<int>(r.requiredInteger(QStringLiteral("status"), 100, 599));
    p.detail = r.optionalString(QStringLiteral("detail")).value_or(QString());
    p.requestId = r.optionalString(QStringLiteral("request_id"), 128).value_or(QString());
    const auto errorsValue = object.value(QStringLiteral("errors"));
    if (errorsValue.isObject()) {
        const auto errorsObject = errorsValue.toObject();
        for (auto it = errorsObject.begin(); it != errorsObject.end(); ++it)
            p.errors.insert(it.key(), it.value().toString());
    } else if (!errorsValue.isUndefined() && !errorsValue.isNull()) {
        r.fail(QStringLiteral("errors"), QStringLiteral("must be an object"));
    }
    static const QStringList known = {QStringLiteral("type"),   QStringLiteral("title"),
                                      QStringLiteral("status"), QStringLiteral("detail"),
                                      QStringLiteral("errors"), QStringLiteral("request_id")};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            p.extensions.insert(it.key(), it.value());
    }
    return r.finish(std::move(p));
}

Decoded<Problem> Problem::fromBytes(const QByteArray &body)
{
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Decoded<Problem>::failure(QStringLiteral("not JSON: ") + error.errorString());
    if (!doc.isObject())
        return Decoded<Problem>::failure(QStringLiteral("not a JSON object"));
    return fromJson(doc.object());
}

} // namespace skillex::protocol
