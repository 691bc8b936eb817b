// GET /health: what an operator or the console needs to know that the server is usable.
#pragma once

#include "protocol/decode.h"

#include <QJsonObject>
#include <QString>

namespace skillex::protocol {

struct Health {
    QString status;   // "ok" or "degraded"
    QString version;  // product version of the server
    QString database; // "sqlite" or "postgres"
    bool databaseReachable = false;
    int schemaLevel = 0;    // migrations applied
    int schemaExpected = 0; // migrations this binary knows

    QJsonObject toJson() const;
    static Decoded<Health> fromJson(const QJsonObject &object);
};

} // namespace skillex::protocol
