// compareRowKeys: SQLite's ordering of the values a sort key can hold.
#include "models/windowed/sortkey.h"

namespace skillex::models {

namespace {

bool isNumber(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Float:
    case QMetaType::Bool:
        return true;
    default:
        return false;
    }
}

bool isInteger(const QVariant &v)
{
    return isNumber(v) && v.typeId() != QMetaType::Double && v.typeId() != QMetaType::Float;
}

} // namespace

int compareRowKeys(const RowKey &a, const RowKey &b)
{
    const bool aNull = a.key.isNull();
    const bool bNull = b.key.isNull();
    int c = 0;
    if (aNull || bNull) {
        c = aNull == bNull ? 0 : (aNull ? -1 : 1);
    } else if (isNumber(a.key) && isNumber(b.key)) {
        if (isInteger(a.key) && isInteger(b.key)) {
            const qint64 x = a.key.toLongLong();
            const qint64 y = b.key.toLongLong();
            c = x < y ? -1 : (x > y ? 1 : 0);
        } else {
            const double x = a.key.toDouble();
            const double y = b.key.toDouble();
            c = x < y ? -1 : (x > y ? 1 : 0);
        }
    } else if (isNumber(a.key) != isNumber(b.key)) {
        c = isNumber(a.key) ? -1 : 1;
    } else {
        const QByteArray x = a.key.toString().toUtf8();
        const QByteArray y = b.key.toString().toUtf8();
        c = x.compare(y);
        c = c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (c != 0)
        return c;
    return a.id < b.id ? -1 : (a.id > b.id ? 1 : 0);
}

} // namespace skillex::models
