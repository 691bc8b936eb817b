// cache_crash_writer: a console stand-in for tst_cachecrash. It writes to a cache as fast as it
// can (an outbox action, a batch of cases and an attachment per transaction) and prints
// "committed N" after each commit, until it is killed.
// usage: cache_crash_writer CACHE_FILE
#include "client/cache/cachedb.h"
#include "client/cache/cachewritetx.h"
#include "client/cache/caserecords.h"
#include "client/outbox/actions.h"
#include "client/outbox/outboxstore.h"
#include "common/logging.h"
#include "support/cachefixture.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

using namespace skillex;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    logging::init({QString(), QStringLiteral("warn"), true});
    if (argc < 2)
        return 2;
    client::CacheDb db;
    if (!db.open(QString::fromLocal8Bit(argv[1]))) {
        std::fprintf(stderr, "%s\n", qPrintable(db.errorString()));
        return 1;
    }
    // Resume after the rows a previous (killed) run committed.
    qint64 next = db.writeAndWait([](client::CacheWriteTx &tx) {
                        tx.setResult(tx.scalar(QStringLiteral("SELECT COUNT(*) FROM outbox")));
                    }).value.toLongLong();
    constexpr int kCasesPerCommit = 200;
    const QByteArray blob(64 * 1024, 'x');
    int outstanding = 0;
    std::function<void()> post = [&] {
        while (outstanding < 3) {
            const qint64 i = next++;
            ++outstanding;
            db.write([i, &blob](client::CacheWriteTx &tx) {
                  const client::Action action =
                      client::actions::dismissCase(i, 1, QStringLiteral("reason %1").arg(i));
                  client::outboxstore::enqueue(tx, action, QStringLiteral("crash-%1").arg(i),
                                               1000 + i, 0);
                  for (int k = 0; k < kCasesPerCommit; ++k) {
                      QJsonObject c = tests::makeCase(i * kCasesPerCommit + k + 1);
                      client::caserecords::upsertCase(tx, c, 1000 + i);
                  }
                  QByteArray bytes = blob;
                  bytes.append(QByteArray::number(i));
                  client::caserecords::storeAttachment(tx, QStringLiteral("sha-%1").arg(i),
                                                       bytes.size(), QStringLiteral("image/png"),
                                                       QStringLiteral("f.png"), &bytes, 1000 + i);
                  tx.run(QStringLiteral("UPDATE event_cursor SET last_seq = ? WHERE id = 1"),
                         {i + 1});
              }).then(&app, [i, &outstanding, &post](const client::CacheWriteResult &r) {
                if (!r.ok) {
                    std::fprintf(stderr, "write %lld failed: %s\n", i, qPrintable(r.error));
                    std::exit(3);
                }
                std::printf("committed %lld\n", i);
                std::fflush(stdout);
                --outstanding;
                post();
            });
        }
    };
    QTimer::singleShot(0, &app, post);
    std::printf("ready %lld\n", next);
    std::fflush(stdout);
    return app.exec();
}
