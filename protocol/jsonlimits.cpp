// Depth and string bounds are checked before the parse, on the raw bytes, so a hostile
// document of a million nested brackets is refused without building it in memory.
#include "protocol/jsonlimits.h"

namespace skillex::protocol {
namespace {

// Scans the raw text: nesting depth outside strings, and the length of each string.
QString checkRaw(const QByteArray &body, const JsonLimits &limits)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    qsizetype stringStart = 0;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body.at(i);
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
                // Bytes, not characters: a bound on bytes also bounds characters.
                if (i - stringStart - 1 > qsizetype(limits.maxStringLength) * 4)
                    return QStringLiteral("a string is longer than %1 characters")
                        .arg(limits.maxStringLength);
            }
            continue;
        }
        if (c == '"') {
            inString = true;
            stringStart = i;
        } else if (c == '{' || c == '[') {
            if (++depth > limits.maxDepth)
                return QStringLiteral("nesting is deeper than %1 levels").arg(limits.maxDepth);
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return {};
}

QString checkStrings(const QJsonValue &value, const JsonLimits &limits)
{
    if (value.isString()) {
        if (value.toString().size() > limits.maxStringLength)
            return QStringLiteral("a string is longer than %1 characters")
                .arg(limits.maxStringLength);
    } else if (value.isArray()) {
        for (const auto &item : value.toArray()) {
            if (auto e = checkStrings(item, limits); !e.isEmpty())
                return e;
        }
    } else if (value.isObject()) {
        const auto object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key().size() > limits.maxStringLength)
                return QStringLiteral("a key is longer than %1 characters")
                    .arg(limits.maxStringLength);
            if (auto e = checkStrings(it.value(), limits); !e.isEmpty())
                return e;
        }
    }
    return {};
}

} // namespace

Decoded<QJsonDocument> parseBoundedJson(const QByteArray &body, const JsonLimits &limits)
{
    if (body.trimmed().isEmpty())
        return Decoded<QJsonDocument>::failure(QStringLiteral("the body is empty"));
    if (auto e = checkRaw(body, limits); !e.isEmpty())
        return Decoded<QJsonDocument>::failure(e);
    QJsonParseError error{};
    auto doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Decoded<QJsonDocument>::failure(QStringLiteral("not valid JSON at offset %1: %2")
                                                   .arg(error.offset)
                                                   .arg(error.errorString()));
    const QJsonValue root = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    if (auto e = checkStrings(root, limits); !e.isEmpty())
        return Decoded<QJsonDocument>::failure(e);
    return Decoded<QJsonDocument>::success(std::move(doc));
}

} // namespace skillex::protocol
