// LedgerFilterPanel: the ledger's filters in a side panel (account, member, code, reference,
// dates, amount); Apply sends them, as one LedgerFilter, to the table and the server fetch.
#pragma once

#include <QDate>
#include <QUrlQuery>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace skillex::views::finance {

struct LedgerFilter {
    QString account; // "user:42", "escrow"; the member field fills it as user:<id>
    QString code;
    QString ref; // "payment:7" or "payment"
    QDate from;  // inclusive, null for open
    QDate to;    // inclusive, null for open
    qint64 minAmount = 0;
    qint64 maxAmount = 0;

    // The same filter as GET /admin/ledger/transfers takes it.
    QUrlQuery serverQuery() const;
    bool operator==(const LedgerFilter &) const = default;
};

class LedgerFilterPanel : public QWidget {
    Q_OBJECT

public:
    explicit LedgerFilterPanel(QWidget *parent = nullptr);

    LedgerFilter filter() const;
    // Fills the fields (a link from elsewhere: "this member's transfers") and applies.
    void setFilter(const LedgerFilter &filter);

signals:
    void applied(const skillex::views::finance::LedgerFilter &filter);

private:
    void apply();
    void clear();

    QLineEdit *m_account = nullptr;
    QLineEdit *m_member = nullptr;
    QComboBox *m_code = nullptr;
    QLineEdit *m_ref = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QSpinBox *m_min = nullptr;
    QSpinBox *m_max = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace skillex::views::finance
