// JsonDiff: the flattening behind the audit entry's side-by-side before and after.
#include "views/audit/jsondiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace skillex::views;

namespace {
QJsonValue parse(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}
const jsondiff::Line *find(const QList<jsondiff::Line> &lines, const QString &path)
{
    for (const auto &line : lines)
        if (line.path == path)
            return &line;
    return nullptr;
}
} // namespace

class TestJsonDiff : public QObject {
    Q_OBJECT

private slots:
    void changedKeptAddedRemoved()
    {
        const auto lines = jsondiff::diff(
            parse(R"({"status": "active", "roles": ["moderator"], "name": "A", "old": 1})"),
            parse(R"({"status": "disabled", "roles": ["moderator", "finance"], "name": "A",
                      "new": {"x": true}})"));
        const auto *status = find(lines, QStringLiteral("status"));
        QVERIFY(status && status->changed());
        QCOMPARE(status->before, QStringLiteral("active"));
        QCOMPARE(status->after, QStringLiteral("disabled"));
        QVERIFY(!find(lines, QStringLiteral("name"))->changed());
        QVERIFY(!find(lines, QStringLiteral("roles[0]"))->changed());
        const auto *added = find(lines, QStringLiteral("roles[1]"));
        QVERIFY(added && !added->hasBefore && added->hasAfter);
        QCOMPARE(added->after, QStringLiteral("finance"));
        const auto *removed = find(lines, QStringLiteral("old"));
        QVERIFY(removed && removed->hasBefore && !removed->hasAfter && removed->changed());
        const auto *nested = find(lines, QStringLiteral("new.x"));
        QVERIFY(nested && nested->after == QStringLiteral("true"));
    }

    void nullSidesAndLeaves()
    {
        // staff.created: no before; an entry with neither has no lines.
        const auto created = jsondiff::diff(QJsonValue(), parse(R"({"email": "a@b.c"})"));
        QCOMPARE(created.size(), 1);
        QVERIFY(!created.first().hasBefore && created.first().changed());
        QVERIFY(jsondiff::diff(QJsonValue(), QJsonValue()).isEmpty());
        // Empty objects and arrays are leaves, shown as such.
        const auto empty = jsondiff::diff(parse(R"({"tags": []})"), parse(R"({"tags": ["x"]})"));
        QCOMPARE(find(empty, QStringLiteral("tags"))->before, QStringLiteral("[]"));
        QCOMPARE(find(empty, QStringLiteral("tags[0]"))->after, QStringLiteral("x"));
        // Numbers keep their digits (ids are 64-bit).
        const auto ids = jsondiff::diff(parse(R"({"id": 9007199254740})"), QJsonValue());
        QCOMPARE(ids.first().before, QStringLiteral("9007199254740"));
    }
};

QTEST_GUILESS_MAIN(TestJsonDiff)
#include "tst_jsondiff.moc"
