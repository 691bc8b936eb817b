// The skills taxonomy against the real server: the seed in all four languages, search by alias
// and by name in any language (case-insensitive beyond ASCII), deprecated and merged skills,
// the English fallback, paging, and 400s for every bad query.
#include "protocol/problem.h"
#include "tests/testutils/testhttp.h"
#include "tests/testutils/testserver.h"
#include "tests/testutils/testsql.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

using namespace skillex::testutils;
namespace pt = skillex::protocol::problemtype;

namespace {

const QStringList kCategorySlugs = {QStringLiteral("technology-programming"),
                                    QStringLiteral("design-creative"),
                                    QStringLiteral("business-entrepreneurship"),
                                    QStringLiteral("languages"),
                                    QStringLiteral("music-audio"),
                                    QStringLiteral("arts-crafts"),
                                    QStringLiteral("health-fitness"),
                                    QStringLiteral("cooking"),
                                    QStringLiteral("academic-tutoring"),
                                    QStringLiteral("personal-development"),
                                    QStringLiteral("trades-diy"),
                                    QStringLiteral("lifestyle-hobbies")};

QString encoded(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace

class TestTaxonomy : public QObject {
    Q_OBJECT
    TestServer m_server;

    QJsonArray items(const QString &path)
    {
        const auto r = TestHttp(m_server.baseUrl()).get(path);
        if (r.status != 200)
            qWarning() << path << r.status << r.body;
        return r.json().value(QStringLiteral("items")).toArray();
    }

    QStringList slugs(const QJsonArray &array)
    {
        QStringList out;
        for (const auto &v : array)
            out.push_back(v.toObject().value(QStringLiteral("slug")).toString());
        return out;
    }

    qint64 skillId(const QString &slug)
    {
        return sqlScalar(m_server.databaseUrl(),
                         QStringLiteral("SELECT id FROM skills WHERE slug = :s"),
                         {{QStringLiteral(":s"), slug}})
            .toLongLong();
    }

    // A skill made for one test, so tests do not change the seed the others read.
    qint64 insertSkill(const QString &slug, const QString &nameEn, const QString &nameDe,
                       const QString &status = QStringLiteral("active"), qint64 mergedInto = 0)
    {
        QString error;
        const QVariant id = sqlScalar(
            m_server.databaseUrl(),
            QStringLiteral(
                "INSERT INTO skills (category_id, slug, name_en, name_de, name_it, name_hi, "
                "status, merged_into, position) VALUES ((SELECT id FROM skill_categories WHERE "
                "slug = 'technology-programming'), :slug, :en, :de, :it, :hi, :status, %1, 99) "
                "RETURNING id")
                .arg(mergedInto > 0 ? QString::number(mergedInto) : QStringLiteral("NULL")),
            {{QStringLiteral(":slug"), slug},
             {QStringLiteral(":en"), nameEn},
             {QStringLiteral(":de"), nameDe},
             {QStringLiteral(":it"), nameEn + QStringLiteral(" (it)")},
             {QStringLiteral(":hi"), nameEn + QStringLiteral(" (hi)")},
             {QStringLiteral(":status"), status}},
            &error);
        if (!id.isValid())
            qWarning() << "insert failed:" << error;
        return id.toLongLong();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.error())); }
    void cleanupTestCase() { QVERIFY2(m_server.stop(), qPrintable(m_server.error())); }

    void seededCategoriesAreNamedInAllFourLanguages_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("languagesCategoryName");
        QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Languages");
        QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("Sprachen");
        QTest::newRow("it") << QStringLiteral("it") << QStringLiteral("Lingue");
        QTest::newRow("hi") << QStringLiteral("hi") << QStringLiteral("भाषाएँ");
    }

    void seededCategoriesAreNamedInAllFourLanguages()
    {
        QFETCH(QString, lang);
        QFETCH(QString, languagesCategoryName);
        const QJsonArray cats = items(QStringLiteral("/api/v1/skills/categories?lang=") + lang);
        QCOMPARE(slugs(cats), kCategorySlugs); // in position order
        int skills = 0;
        for (const auto &v : cats) {
            const QJsonObject c = v.toObject();
            QVERIFY2(!c.value(QStringLiteral("name")).toString().trimmed().isEmpty(),
                     qPrintable(c.value(QStringLiteral("slug")).toString()));
            QCOMPARE(c.value(QStringLiteral("name_fallback")).toBool(), false);
            QVERIFY(c.value(QStringLiteral("skill_count")).toInt() >= 8);
            skills += c.value(QStringLiteral("skill_count")).toInt();
            if (c.value(QStringLiteral("slug")).toString() == QLatin1String("languages"))
                QCOMPARE(c.value(QStringLiteral("name")).toString(), languagesCategoryName);
        }
        QVERIFY2(skills >= 120, qPrintable(QString::number(skills)));
    }

    void seededSkillsHaveEveryNameAndSomeAliases()
    {
        const QString url = m_server.databaseUrl();
        QVERIFY(sqlScalar(url, QStringLiteral("SELECT COUNT(*) FROM skills")).toInt() >= 120);
        QCOMPARE(sqlScalar(url, QStringLiteral("SELECT COUNT(*) FROM skills WHERE "
                                               "TRIM(name_en) = '' OR TRIM(name_de) = '' OR "
                                               "TRIM(name_it) = '' OR TRIM(name_hi) = ''"))
                     .toInt(),
                 0);
        QVERIFY(sqlScalar(url, QStringLiteral("SELECT COUNT(*) FROM skill_aliases")).toInt() >=
                100);
        // Hindi names are written in Devanagari, not transliterated.
        const QString guitar = sqlScalar(url, QStringLiteral("SELECT name_hi FROM skills WHERE "
                                                             "slug = 'guitar'"))
                                   .toString();
        QCOMPARE(guitar, QStringLiteral("गिटार"));
    }

    void searchFindsAliasesAndNamesInEveryLanguage_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("slug");
        QTest::addColumn<QString>("name");
        QTest::newRow("alias js") << QStringLiteral("js") << QStringLiteral("en")
                                  << QStringLiteral("javascript") << QStringLiteral("JavaScript");
        QTest::newRow("alias upper case")
            << QStringLiteral("JS") << QStringLiteral("en") << QStringLiteral("javascript")
            << QStringLiteral("JavaScript");
        QTest::newRow("german name") << QStringLiteral("Gitarre") << QStringLiteral("de")
                                     << QStringLiteral("guitar") << QStringLiteral("Gitarre");
        QTest::newRow("german umlaut, upper case")
            << QStringLiteral("ÖLMALEREI") << QStringLiteral("de") << QStringLiteral("oil-painting")
            << QStringLiteral("Ölmalerei");
        QTest::newRow("hindi name") << QStringLiteral("गिटार") << QStringLiteral("hi")
                                    << QStringLiteral("guitar") << QStringLiteral("गिटार");
        QTest::newRow("hindi name, english answer")
            << QStringLiteral("शतरंज") << QStringLiteral("en") << QStringLiteral("chess")
            << QStringLiteral("Chess");
        QTest::newRow("italian name") << QStringLiteral("chitarra") << QStringLiteral("it")
                                      << QStringLiteral("guitar") << QStringLiteral("Chitarra");
        QTest::newRow("english name, partial")
            << QStringLiteral("public speak") << QStringLiteral("de")
            << QStringLiteral("public-speaking") << QStringLiteral("Öffentliches Reden");
    }

    void searchFindsAliasesAndNamesInEveryLanguage()
    {
        QFETCH(QString, query);
        QFETCH(QString, lang);
        QFETCH(QString, slug);
        QFETCH(QString, name);
        const QJsonArray found =
            items(QStringLiteral("/api/v1/skills?q=%1&lang=%2").arg(encoded(query), lang));
        QVERIFY2(slugs(found).contains(slug), qPrintable(slugs(found).join(QLatin1Char(','))));
        for (const auto &v : found) {
            const QJsonObject s = v.toObject();
            if (s.value(QStringLiteral("slug")).toString() == slug) {
                QCOMPARE(s.value(QStringLiteral("name")).toString(), name);
                QCOMPARE(s.value(QStringLiteral("name_fallback")).toBool(), false);
            }
        }
        // A query that matches nothing finds nothing (the filter is not a no-op).
        QVERIFY(items(QStringLiteral("/api/v1/skills?q=") + encoded(query + QStringLiteral("zzqx")))
                    .isEmpty());
    }

    void categoryFilterKeepsToTheCategory()
    {
        const QJsonArray cats = items(QStringLiteral("/api/v1/skills/categories"));
        QJsonObject languages;
        for (const auto &v : cats) {
            if (v.toObject().value(QStringLiteral("slug")).toString() == QLatin1String("languages"))
                languages = v.toObject();
        }
        const qint64 id = languages.value(QStringLiteral("id")).toInteger();
        QVERIFY(id > 0);
        const QJsonArray inCategory =
            items(QStringLiteral("/api/v1/skills?limit=500&category=%1").arg(id));
        QCOMPARE(inCategory.size(), languages.value(QStringLiteral("skill_count")).toInt());
        for (const auto &v : inCategory)
            QCOMPARE(v.toObject().value(QStringLiteral("category_id")).toInteger(), id);
        QVERIFY(slugs(inCategory).contains(QStringLiteral("spanish")));
        QVERIFY(!slugs(inCategory).contains(QStringLiteral("python")));
        // Combined with a query: Spanish is a language, Python is not.
        QVERIFY(items(QStringLiteral("/api/v1/skills?q=python&category=%1").arg(id)).isEmpty());
    }

    void deprecatedSkillsAreHiddenUnlessAskedFor()
    {
        const qint64 id =
            insertSkill(QStringLiteral("flash-actionscript"), QStringLiteral("Flash ActionScript"),
                        QStringLiteral("Flash-ActionScript"), QStringLiteral("deprecated"));
        QVERIFY(id > 0);
        QVERIFY(items(QStringLiteral("/api/v1/skills?q=actionscript")).isEmpty());
        const QJsonArray all =
            items(QStringLiteral("/api/v1/skills?q=actionscript&include_deprecated=true"));
        QCOMPARE(slugs(all), QStringList{QStringLiteral("flash-actionscript")});
        QCOMPARE(all.first().toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("deprecated"));
        // Still readable by id, so old references keep working.
        const auto one =
            TestHttp(m_server.baseUrl()).get(QStringLiteral("/api/v1/skills/%1").arg(id));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json().value(QStringLiteral("status")).toString(),
                 QStringLiteral("deprecated"));
    }

    void mergedSkillsResolveToTheirTarget()
    {
        const qint64 javascript = skillId(QStringLiteral("javascript"));
        const qint64 merged = insertSkill(
            QStringLiteral("jquery-scripting"), QStringLiteral("jQuery Scripting"),
            QStringLiteral("jQuery-Skripting"), QStringLiteral("deprecated"), javascript);
        QVERIFY(merged > 0);
        const QJsonArray found = items(QStringLiteral("/api/v1/skills?q=jquery"));
        QCOMPARE(slugs(found), QStringList{QStringLiteral("javascript")});
        const auto one =
            TestHttp(m_server.baseUrl()).get(QStringLiteral("/api/v1/skills/%1").arg(merged));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json().value(QStringLiteral("id")).toInteger(), javascript);
        QCOMPARE(one.json().value(QStringLiteral("resolved_from")).toInteger(), merged);
        // The merged skill is not counted in its category, the target once in the full list.
        const QJsonArray everything = items(QStringLiteral("/api/v1/skills?limit=500"));
        QCOMPARE(slugs(everything).count(QStringLiteral("javascript")), 1);
        QVERIFY(!slugs(everything).contains(QStringLiteral("jquery-scripting")));
    }

    void missingTranslationFallsBackToEnglish()
    {
        const qint64 id =
            insertSkill(QStringLiteral("rust"), QStringLiteral("Rust"), QStringLiteral(""));
        QVERIFY(id > 0);
        TestHttp http(m_server.baseUrl());
        const auto de = http.get(QStringLiteral("/api/v1/skills/%1?lang=de").arg(id));
        QCOMPARE(de.status, 200);
        QCOMPARE(de.json().value(QStringLiteral("name")).toString(), QStringLiteral("Rust"));
        QCOMPARE(de.json().value(QStringLiteral("name_fallback")).toBool(), true);
        const auto it = http.get(QStringLiteral("/api/v1/skills/%1?lang=it").arg(id));
        QCOMPARE(it.json().value(QStringLiteral("name")).toString(), QStringLiteral("Rust (it)"));
        QCOMPARE(it.json().value(QStringLiteral("name_fallback")).toBool(), false);
        const QJsonArray listed = items(QStringLiteral("/api/v1/skills?q=rust&lang=de"));
        QCOMPARE(slugs(listed), QStringList{QStringLiteral("rust")});
        QCOMPARE(listed.first().toObject().value(QStringLiteral("name_fallback")).toBool(), true);
    }

    void skillDetailCarriesEveryNameAndItsCategory()
    {
        const qint64 id = skillId(QStringLiteral("yoga"));
        const auto r =
            TestHttp(m_server.baseUrl()).get(QStringLiteral("/api/v1/skills/%1?lang=hi").arg(id));
        QCOMPARE(r.status, 200);
        const QJsonObject s = r.json();
        QCOMPARE(s.value(QStringLiteral("name")).toString(), QStringLiteral("योग"));
        const QJsonObject names = s.value(QStringLiteral("names")).toObject();
        QCOMPARE(names.value(QStringLiteral("en")).toString(), QStringLiteral("Yoga"));
        QCOMPARE(names.value(QStringLiteral("hi")).toString(), QStringLiteral("योग"));
        QCOMPARE(
            s.value(QStringLiteral("category")).toObject().value(QStringLiteral("slug")).toString(),
            QStringLiteral("health-fitness"));
        QVERIFY(s.value(QStringLiteral("aliases")).toArray().contains(QStringLiteral("vinyasa")));
        QVERIFY(!s.contains(QStringLiteral("resolved_from")));
    }

    void unknownSkillsAre404()
    {
        TestHttp http(m_server.baseUrl());
        for (const QString &path :
             {QStringLiteral("/api/v1/skills/999999999"), QStringLiteral("/api/v1/skills/abc"),
              QStringLiteral("/api/v1/skills/-1")}) {
            const auto r = http.get(path);
            QCOMPARE(r.status, 404);
            QVERIFY(r.isProblem());
            QCOMPARE(r.problemType(), pt::kNotFound);
        }
    }

    void pagesCoverTheListOnceInOrder()
    {
        TestHttp http(m_server.baseUrl());
        const int total = items(QStringLiteral("/api/v1/skills?limit=500")).size();
        QVERIFY(total >= 120);
        QStringList seen;
        QString path = QStringLiteral("/api/v1/skills?limit=25");
        int pages = 0;
        while (true) {
            const auto r = http.get(path);
            QCOMPARE(r.status, 200);
            const QJsonArray page = r.json().value(QStringLiteral("items")).toArray();
            QVERIFY(page.size() <= 25);
            seen += slugs(page);
            ++pages;
            const QJsonValue next = r.json().value(QStringLiteral("next"));
            if (next.isNull())
                break;
            path = QStringLiteral("/api/v1/skills?limit=25&after=") + next.toString();
            QVERIFY(pages < 100);
        }
        QCOMPARE(seen.size(), total);
        QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), total);
        QCOMPARE(seen, slugs(items(QStringLiteral("/api/v1/skills?limit=500"))));
        QCOMPARE(pages, (total + 24) / 25);
    }

    void badQueriesAre400_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("field");
        const QString c = QStringLiteral("/api/v1/skills/categories");
        const QString s = QStringLiteral("/api/v1/skills");
        const QString one = QStringLiteral("/api/v1/skills/1");
        QTest::newRow("categories: unknown lang")
            << c + QStringLiteral("?lang=fr") << QStringLiteral("lang");
        QTest::newRow("categories: empty lang")
            << c + QStringLiteral("?lang=") << QStringLiteral("lang");
        QTest::newRow("categories: upper-case lang")
            << c + QStringLiteral("?lang=EN") << QStringLiteral("lang");
        QTest::newRow("categories: unknown parameter")
            << c + QStringLiteral("?sort=name") << QStringLiteral("sort");
        QTest::newRow("categories: limit 0")
            << c + QStringLiteral("?limit=0") << QStringLiteral("limit");
        QTest::newRow("categories: bad cursor")
            << c + QStringLiteral("?after=%%%") << QStringLiteral("after");
        QTest::newRow("skills: unknown lang")
            << s + QStringLiteral("?lang=xx") << QStringLiteral("lang");
        QTest::newRow("skills: category not a number")
            << s + QStringLiteral("?category=abc") << QStringLiteral("category");
        QTest::newRow("skills: category 0")
            << s + QStringLiteral("?category=0") << QStringLiteral("category");
        QTest::newRow("skills: category negative")
            << s + QStringLiteral("?category=-4") << QStringLiteral("category");
        QTest::newRow("skills: include_deprecated yes")
            << s + QStringLiteral("?include_deprecated=yes")
            << QStringLiteral("include_deprecated");
        QTest::newRow("skills: q too long")
            << s + QStringLiteral("?q=") + QString(101, QLatin1Char('a')) << QStringLiteral("q");
        QTest::newRow("skills: q far too long")
            << s + QStringLiteral("?q=") + QString(5000, QLatin1Char('a')) << QStringLiteral("q");
        QTest::newRow("skills: unknown parameter")
            << s + QStringLiteral("?name=python") << QStringLiteral("name");
        QTest::newRow("skills: limit 501")
            << s + QStringLiteral("?limit=501") << QStringLiteral("limit");
        QTest::newRow("skills: limit text")
            << s + QStringLiteral("?limit=ten") << QStringLiteral("limit");
        QTest::newRow("skills: cursor not base64")
            << s + QStringLiteral("?after=!!") << QStringLiteral("after");
        QTest::newRow("skills: cursor not a keyset")
            << s + QStringLiteral("?after=") +
                   QString::fromLatin1(QByteArray("x:y").toBase64(QByteArray::Base64UrlEncoding))
            << QStringLiteral("after");
        QTest::newRow("skill: unknown lang")
            << one + QStringLiteral("?lang=de-DE") << QStringLiteral("lang");
        QTest::newRow("skill: unknown parameter")
            << one + QStringLiteral("?limit=5") << QStringLiteral("limit");
    }

    void badQueriesAre400()
    {
        QFETCH(QString, path);
        QFETCH(QString, field);
        const auto r = TestHttp(m_server.baseUrl()).get(path);
        QCOMPARE(r.status, 400);
        QVERIFY(r.isProblem());
        QCOMPARE(r.problemType(), pt::kValidation);
        QVERIFY2(r.json().value(QStringLiteral("errors")).toObject().contains(field),
                 r.body.constData());
    }

    void writesOnTheBrowseApiAre405()
    {
        TestHttp http(m_server.baseUrl());
        const auto r = http.post(QStringLiteral("/api/v1/skills"), {});
        QCOMPARE(r.status, 405);
        QCOMPARE(r.problemType(), pt::kMethodNotAllowed);
        QCOMPARE(http.send("DELETE", QStringLiteral("/api/v1/skills/1"), {}).status, 405);
    }
};

QTEST_GUILESS_MAIN(TestTaxonomy)
#include "tst_taxonomy.moc"
