// The key is reserved in its own short transaction before the handler runs, so two identical
// requests racing each other cannot both run it: the second sees "pending" and gets a 409.
#include "server/http/idempotency.h"

#include "server/storage/sqlquery.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace skillex::server {

IdempotencyStore::IdempotencyStore(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

bool IdempotencyStore::isValidKey(const QByteArray &key)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._:-]{1,128}$"));
    return pattern.match(QString::fromLatin1(key)).hasMatch();
}

QString IdempotencyStore::fingerprint(const HttpRequest &request)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(methodName(request.method).toLatin1());
    hash.addData("\n");
    hash.addData(request.path.toUtf8());
    hash.addData("\n");
    hash.addData(request.body);
    return QString::fromLatin1(hash.result().toHex());
}

IdempotencyStore::Begin IdempotencyStore::begin(const QString &scope, const QString &key,
                                                const QString &fingerprint)
{
    return m_db.write([&](QSqlDatabase &tx) {
        const qint64 now = m_clock.nowMs();
        SqlQuery q(tx, QStringLiteral("SELECT fingerprint, state, status, content_type, body, "
                                      "headers, created_at FROM idempotency_keys "
                                      "WHERE scope = :s AND idem_key = :k") +
                           (m_db.dialect() == Dialect::Postgres ? QStringLiteral(" FOR UPDATE")
                                                                : QString()));
        q.bind(QStringLiteral(":s"), scope).bind(QStringLiteral(":k"), key).exec();
        Begin b;
        if (q.next()) {
            if (q.string(0) != fingerprint) {
                b.outcome = Outcome::Mismatch;
                return b;
            }
            if (q.string(1) == QStringLiteral("done")) {
                b.outcome = Outcome::Replay;
                b.stored.status = static_cast<int>(q.int64(2));
                b.stored.contentType = q.string(3).toLatin1();
                b.stored.body = q.string(4).toUtf8();
                const auto headers = QJsonDocument::fromJson(q.string(5).toUtf8()).array();
                for (const auto &h : headers)
                    b.stored.headers.push_back({h.toArray().at(0).toString().toLatin1(),
                                                h.toArray().at(1).toString().toLatin1()});
                return b;
            }
            if (q.int64(6) > now - kPendingTakeoverMs) {
                b.outcome = Outcome::InProgress;
                return b;
            }
            SqlQuery(tx, QStringLiteral("UPDATE idempotency_keys SET created_at = :t WHERE scope = "
                                        ":s AND idem_key = :k"))
                .bind(QStringLiteral(":t"), now)
                .bind(QStringLiteral(":s"), scope)
                .bind(QStringLiteral(":k"), key)
                .exec();
            return b;
        }
        SqlQuery(
            tx,
            QStringLiteral(
                "INSERT INTO idempotency_keys (scope, idem_key, fingerprint, state, created_at) "
                "VALUES (:s, :k, :f, 'pending', :t)"))
            .bind(QStringLiteral(":s"), scope)
            .bind(QStringLiteral(":k"), key)
            .bind(QStringLiteral(":f"), fingerprint)
            .bind(QStringLiteral(":t"), now)
            .exec();
        return b;
    });
}

void IdempotencyStore::complete(const QString &scope, const QString &key, const HttpResponse &r)
{
    QJsonArray headers;
    for (const auto &[name, value] : r.headers)
        headers.push_back(QJsonArray{QString::fromLatin1(name), QString::fromLatin1(value)});
    m_db.write([&](QSqlDatabase &tx) {
        SqlQuery(tx, QStringLiteral("UPDATE idempotency_keys SET state = 'done', status = :st, "
                                    "content_type = :ct, body = :b, "
                                    "headers = :h WHERE scope = :s AND idem_key = :k"))
            .bind(QStringLiteral(":st"), r.status)
            .bind(QStringLiteral(":ct"), QString::fromLatin1(r.contentType))
            .bind(QStringLiteral(":b"), QString::fromUtf8(r.body))
            .bind(QStringLiteral(":h"),
                  QString::fromUtf8(QJsonDocument(headers).toJson(QJsonDocument::Compact)))
            .bind(QStringLiteral(":s"), scope)
            .bind(QStringLiteral(":k"), key)
            .exec();
    });
}

void IdempotencyStore::abandon(const QString &scope, const QString &key)
{
    m_db.write([&](QSqlDatabase &tx) {
        SqlQuery(tx, QStringLiteral("DELETE FROM idempotency_keys WHERE scope = :s AND idem_key = "
                                    ":k AND state = 'pending'"))
            .bind(QStringLiteral(":s"), scope)
            .bind(QStringLiteral(":k"), key)
            .exec();
    });
}

int IdempotencyStore::purgeExpired()
{
    return m_db.write([&](QSqlDatabase &tx) {
        SqlQuery q(tx, QStringLiteral("DELETE FROM idempotency_keys WHERE created_at < :t"));
        q.bind(QStringLiteral(":t"), m_clock.nowMs() - kRetentionMs).exec();
        return q.rowsAffected();
    });
}

} // namespace skillex::server
