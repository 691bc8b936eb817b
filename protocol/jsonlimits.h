// Parsing request bodies within the API's limits (nesting depth, string length).
#pragma once

#include "protocol/decode.h"

#include <QByteArray>
#include <QJsonDocument>

namespace skillex::protocol {

struct JsonLimits {
    int maxDepth = 64;
    int maxStringLength = 64 * 1024;
};

// Parses body as a JSON document and checks it against the limits; the failure reason
// names the first violation found (parse error offset, depth or the over-long string).
Decoded<QJsonDocument> parseBoundedJson(const QByteArray &body, const JsonLimits &limits = {});

} // namespace skillex::protocol
