// Helpers shared by the case pane's tests: picking a case on the server, waiting until a
// console's cache holds its detail, and finding the pane's controls.
#pragma once

#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "consoleharness.h"
#include "tests/testutils/testsql.h"
#include "views/cases/detail/casedetaildata.h"

#include <QComboBox>
#include <QTest>

namespace skillex::tests {

// The first case on the server matching `where` (SQL on cases c) whose id is not in used.
inline qint64 pickCase(ConsoleHarness &h, const QString &where, QSet<qint64> &used)
{
    for (int offset = 0; offset < 200; ++offset) {
        const QVariant id = testutils::sqlScalar(
            h.databaseUrl(),
            QStringLiteral("SELECT c.id FROM cases c WHERE %1 ORDER BY c.id LIMIT 1 OFFSET %2")
                .arg(where)
                .arg(offset));
        if (!id.isValid())
            return 0;
        if (!used.contains(id.toLongLong())) {
            used.insert(id.toLongLong());
            return id.toLongLong();
        }
    }
    return 0;
}

inline std::optional<views::CaseDetailData> cached(StaffConsole &console, qint64 caseId)
{
    return views::CaseDetailData::load(*console.workspace.cache()->reader(), caseId);
}

// Waits until the console's cache holds the case's detail (the pane fetched it).
inline bool waitForDetail(StaffConsole &console, qint64 caseId, int timeoutMs = 20'000)
{
    return QTest::qWaitFor(
        [&] {
            const auto d = cached(console, caseId);
            return d && d->hasDetail();
        },
        timeoutMs);
}

inline QVariant serverSql(ConsoleHarness &h, const QString &sql, const QVariantMap &bind = {})
{
    return testutils::sqlScalar(h.databaseUrl(), sql, bind);
}

inline int indexOfText(QComboBox *box, const QString &text)
{
    for (int i = 0; i < box->count(); ++i)
        if (box->itemText(i) == text)
            return i;
    return -1;
}

} // namespace skillex::tests
