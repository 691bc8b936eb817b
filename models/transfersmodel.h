// TransfersModel: the ledger transfers the console has seen, like a bank statement, windowed.
#pragma once

#include "models/windowed/windowedsqlmodel.h"

namespace skillex::models {

class TransfersModel : public WindowedSqlModel {
    Q_OBJECT

public:
    enum Column { Date, Code, From, To, Reference, Amount, Kind };
    Q_ENUM(Column)
    enum Role {
        PendingRole = FirstSubclassRole, // still pending (its status, not only its kind)
        JsonRole,                        // the server's transfer item as stored
    };

    explicit TransfersModel(client::CacheDb *db, QObject *parent = nullptr);

    // Transfers touching this account ("user:12", "escrow"); empty for all.
    void setAccount(const QString &account);
    void setCode(const QString &code);
    // Milliseconds since the epoch, [from, to); 0 for open ends.
    void setPeriod(qint64 fromMs, qint64 toMs);
    // "payment:7", or a type alone ("payment"); empty for any.
    void setReference(const QString &ref);
    // Credits, inclusive; 0 for an open end.
    void setAmountRange(qint64 min, qint64 max);
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    QVariant rowData(qint64 id, const QVariantList &values, int column, int role) const override;

private:
    void apply();

    QString m_account;
    QString m_code;
    qint64 m_from = 0;
    qint64 m_to = 0;
    QString m_ref;
    qint64 m_minAmount = 0;
    qint64 m_maxAmount = 0;
    Qt::SortOrder m_order = Qt::DescendingOrder; // newest first, as a statement
};

} // namespace skillex::models
