// A member's wallet statement: their ledger transfers, newest first, each with what it did to
// the spendable balance and the balance after it.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace skillex::server {

struct StatementLine {
    qint64 seq = 0;
    QString transferId;
    QString code;
    QString kind; // posted, pending, post_pending, void_pending
    qint64 amount = 0;
    qint64 change = 0;  // effect on the available balance (negative: spent or held)
    qint64 balance = 0; // available balance after this transfer
    QString counterparty;
    QString refType;
    QString refId;
    qint64 createdAt = 0;

    QJsonObject toJson() const;
};

// Lines with seq below beforeSeq (all when none), newest first, at most limit.
QList<StatementLine> walletStatement(QSqlDatabase &db, qint64 userId,
                                     std::optional<qint64> beforeSeq, int limit);

} // namespace skillex::server
