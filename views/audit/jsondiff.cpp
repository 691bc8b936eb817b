// JsonDiff: objects and arrays are walked to their leaves; a leaf is shown as compact JSON.
#include "views/audit/jsondiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

namespace skillex::views::jsondiff {

namespace {

QString leafText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    default:
        return {};
    }
}

// Flattens into (path -> text), keeping first-seen order in `order`.
void flatten(const QJsonValue &v, const QString &path, QMap<QString, QString> &out,
             QStringList &order)
{
    auto leaf = [&](const QString &p, const QString &text) {
        if (!out.contains(p))
            order << p;
        out.insert(p, text);
    };
    if (v.isObject() && !v.toObject().isEmpty()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            flatten(it.value(), path.isEmpty() ? it.key() : path + u'.' + it.key(), out, order);
    } else if (v.isArray() && !v.toArray().isEmpty()) {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i)
            flatten(a.at(i), QStringLiteral("%1[%2]").arg(path).arg(i), out, order);
    } else if (!v.isUndefined()) {
        leaf(path.isEmpty() ? QStringLiteral("(value)") : path, leafText(v));
    }
}

} // namespace

QList<Line> diff(const QJsonValue &before, const QJsonValue &after)
{
    QMap<QString, QString> b;
    QMap<QString, QString> a;
    QStringList order;
    if (!before.isNull())
        flatten(before, {}, b, order);
    if (!after.isNull())
        flatten(after, {}, a, order);
    QList<Line> lines;
    for (const QString &path : order) {
        Line line;
        line.path = path;
        line.hasBefore = b.contains(path);
        line.hasAfter = a.contains(path);
        line.before = b.value(path);
        line.after = a.value(path);
        lines << line;
    }
    return lines;
}

} // namespace skillex::views::jsondiff
