// RefundDialog: how many credits to refund and why, with an explicit confirmation, because a
// refund sends money back through the provider and cannot be undone from the console.
#pragma once

#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace skillex::views::finance {

class RefundDialog : public QDialog {
    Q_OBJECT

public:
    // payment: the staff payment detail (credits, amount_minor, currency, ids).
    explicit RefundDialog(const QJsonObject &payment, QWidget *parent = nullptr);

    qint64 credits() const;
    QString reason() const;
    void setCredits(qint64 credits);
    void setReason(const QString &reason);
    void setConfirmed(bool confirmed);
    // What the refund returns in money (credits x price / package credits, rounded down).
    qint64 moneyMinor() const;

private:
    void update();

    QJsonObject m_payment;
    QSpinBox *m_credits = nullptr;
    QPlainTextEdit *m_reason = nullptr;
    QCheckBox *m_confirm = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace skillex::views::finance
