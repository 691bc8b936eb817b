// Health codec.
#include "protocol/health.h"

namespace skillex::protocol {

QJsonObject Health::toJson() const
{
    return {
        {QStringLiteral("status"), status},
        {QStringLiteral("version"), version},
        {QStringLiteral("database"), QJsonObject{{QStringLiteral("kind"), database},
                                                 {QStringLiteral("reachable"), databaseReachable}}},
        {QStringLiteral("migrations"), QJsonObject{{QStringLiteral("level"), schemaLevel},
                                                   {QStringLiteral("expected"), schemaExpected}}}};
}

Decoded<Health> Health::fromJson(const QJsonObject &object)
{
    FieldReader r(object);
    Health h;
    h.status = r.requiredString(QStringLiteral("status"), 32);
    h.version = r.requiredString(QStringLiteral("version"), 64);
    const auto db = object.value(QStringLiteral("database")).toObject();
    FieldReader dbReader(db);
    h.database = dbReader.requiredString(QStringLiteral("kind"), 32);
    h.databaseReachable = dbReader.optionalBool(QStringLiteral("reachable"), false);
    const auto migrations = object.value(QStringLiteral("migrations")).toObject();
    FieldReader mReader(migrations);
    h.schemaLevel = static_cast<int>(mReader.requiredInteger(QStringLiteral("level"), 0, 1000000));
    h.schemaExpected =
        static_cast<int>(mReader.requiredInteger(QStringLiteral("expected"), 0, 1000000));
    for (auto it = dbReader.errors().begin(); it != dbReader.errors().end(); ++it)
        r.fail(QStringLiteral("database.") + it.key(), it.value());
    for (auto it = mReader.errors().begin(); it != mReader.errors().end(); ++it)
        r.fail(QStringLiteral("migrations.") + it.key(), it.value());
    return r.finish(std::move(h));
}

} // namespace skillex::protocol
