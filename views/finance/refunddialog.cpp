// RefundDialog: the refund button stays disabled until a reason is given and confirmed.
#include "views/finance/refunddialog.h"

#include "views/finance/financeformat.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace skillex::views::finance {

namespace {
constexpr int kMaxReason = 500;
}

RefundDialog::RefundDialog(const QJsonObject &payment, QWidget *parent)
    : QDialog(parent)
    , m_payment(payment)
{
    setObjectName(QStringLiteral("refundDialog"));
    const qint64 id = payment.value(QStringLiteral("id")).toInteger();
    setWindowTitle(tr("Refund payment #%1").arg(id));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Member #%1 bought %2 for %3. The refund is asked of %4; credits leave the member's "
           "wallet when the provider confirms it. Credits already spent cannot be refunded.")
            .arg(payment.value(QStringLiteral("user_id")).toInteger())
            .arg(finance::credits(payment.value(QStringLiteral("credits")).toInteger()),
                 money(payment.value(QStringLiteral("amount_minor")).toInteger(),
                       payment.value(QStringLiteral("currency")).toString()),
                 payment.value(QStringLiteral("provider")).toString()),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_credits = new QSpinBox(this);
    m_credits->setObjectName(QStringLiteral("refundCredits"));
    m_credits->setAccessibleName(tr("Credits to refund"));
    m_credits->setRange(
        1, int(std::max<qint64>(1, payment.value(QStringLiteral("credits")).toInteger())));
    m_credits->setValue(m_credits->maximum());
    m_credits->setSuffix(tr(" cr"));
    form->addRow(tr("&Credits"), m_credits);
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(QStringLiteral("refundReason"));
    m_reason->setAccessibleName(tr("Reason for the refund"));
    m_reason->setPlaceholderText(tr("Why, for the audit log (required)"));
    m_reason->setTabChangesFocus(true);
    m_reason->setFixedHeight(72);
    form->addRow(tr("&Reason"), m_reason);
    layout->addLayout(form);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("refundSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_confirm = new QCheckBox(this);
    m_confirm->setObjectName(QStringLiteral("refundConfirm"));
    layout->addWidget(m_confirm);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_ok = buttons->addButton(tr("&Request refund"), QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("refundOk"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_credits, &QSpinBox::valueChanged, this, &RefundDialog::update);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &RefundDialog::update);
    connect(m_confirm, &QCheckBox::toggled, this, &RefundDialog::update);
    update();
}

qint64 RefundDialog::credits() const
{
    return m_credits->value();
}

QString RefundDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

void RefundDialog::setCredits(qint64 value)
{
    m_credits->setValue(int(value));
}

void RefundDialog::setReason(const QString &reason)
{
    m_reason->setPlainText(reason);
}

void RefundDialog::setConfirmed(bool confirmed)
{
    m_confirm->setChecked(confirmed);
}

qint64 RefundDialog::moneyMinor() const
{
    const qint64 packageCredits = m_payment.value(QStringLiteral("credits")).toInteger();
    if (packageCredits <= 0)
        return 0;
    return credits() * m_payment.value(QStringLiteral("amount_minor")).toInteger() / packageCredits;
}

void RefundDialog::update()
{
    const QString moneyText =
        money(moneyMinor(), m_payment.value(QStringLiteral("currency")).toString());
    m_confirm->setText(tr("I confirm: refund %1 (%2) to member #%3")
                           .arg(finance::credits(credits()), moneyText)
                           .arg(m_payment.value(QStringLiteral("user_id")).toInteger()));
    QString problem;
    if (reason().isEmpty())
        problem = tr("Give a reason.");
    else if (reason().size() > kMaxReason)
        problem =
            tr("The reason is %1 characters; at most %2.").arg(reason().size()).arg(kMaxReason);
    else if (!m_confirm->isChecked())
        problem = tr("Tick the confirmation to go on.");
    m_summary->setText(problem);
    m_ok->setEnabled(problem.isEmpty());
}

} // namespace skillex::views::finance
