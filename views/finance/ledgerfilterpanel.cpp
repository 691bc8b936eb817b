// LedgerFilterPanel: validated fields; a wrong value says what is wrong and keeps the others.
#include "views/finance/ledgerfilterpanel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

namespace skillex::views::finance {

namespace {

// The day before every date a person would pick: shown as "any".
const QDate kAnyDate(2000, 1, 1);

QString isoDay(const QDate &day)
{
    return QDateTime(day, QTime(0, 0), Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

QUrlQuery LedgerFilter::serverQuery() const
{
    QUrlQuery q;
    if (!account.isEmpty())
        q.addQueryItem(QStringLiteral("account"), account);
    if (!code.isEmpty())
        q.addQueryItem(QStringLiteral("code"), code);
    if (!ref.isEmpty())
        q.addQueryItem(QStringLiteral("ref"), ref);
    if (from.isValid())
        q.addQueryItem(QStringLiteral("from"), isoDay(from));
    if (to.isValid())
        q.addQueryItem(QStringLiteral("to"), isoDay(to.addDays(1)));
    if (minAmount > 0)
        q.addQueryItem(QStringLiteral("min_amount"), QString::number(minAmount));
    if (maxAmount > 0)
        q.addQueryItem(QStringLiteral("max_amount"), QString::number(maxAmount));
    return q;
}

LedgerFilterPanel::LedgerFilterPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("ledgerFilters"));
    auto *outer = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);

    m_account = new QLineEdit(this);
    m_account->setPlaceholderText(tr("user:42, escrow, clearing:stripe"));
    m_account->setAccessibleName(tr("Account"));
    m_account->setClearButtonEnabled(true);
    form->addRow(tr("&Account"), m_account);

    m_member = new QLineEdit(this);
    m_member->setPlaceholderText(tr("member id"));
    m_member->setAccessibleName(tr("Member id"));
    m_member->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,18}")), this));
    m_member->setClearButtonEnabled(true);
    form->addRow(tr("&Member"), m_member);

    m_code = new QComboBox(this);
    m_code->setEditable(true);
    m_code->setAccessibleName(tr("Transfer code"));
    m_code->addItem(tr("any"), QString());
    for (const char *code :
         {"purchase", "refund", "booking_hold", "booking_hold_posted", "booking_hold_voided",
          "teacher_payout", "platform_fee", "no_show_payout", "late_cancel_payout", "bonus_starter",
          "bonus_referral", "bonus_promo", "expiry", "adjustment_credit", "adjustment_debit"})
        m_code->addItem(QString::fromLatin1(code), QString::fromLatin1(code));
    form->addRow(tr("&Code"), m_code);

    m_ref = new QLineEdit(this);
    m_ref->setPlaceholderText(tr("payment:7, session, case:12"));
    m_ref->setAccessibleName(tr("Reference"));
    m_ref->setClearButtonEnabled(true);
    form->addRow(tr("&Reference"), m_ref);

    auto dateEdit = [this](const QString &name) {
        auto *edit = new QDateEdit(this);
        edit->setCalendarPopup(true);
        edit->setMinimumDate(kAnyDate);
        edit->setSpecialValueText(tr("any"));
        edit->setDate(kAnyDate);
        edit->setAccessibleName(name);
        return edit;
    };
    m_from = dateEdit(tr("From date"));
    m_to = dateEdit(tr("To date"));
    form->addRow(tr("&From"), m_from);
    form->addRow(tr("&To (inclusive)"), m_to);

    auto amountEdit = [this](const QString &name) {
        auto *edit = new QSpinBox(this);
        edit->setRange(0, 1'000'000'000);
        edit->setSpecialValueText(tr("any"));
        edit->setSuffix(tr(" cr"));
        edit->setGroupSeparatorShown(true);
        edit->setAccessibleName(name);
        return edit;
    };
    m_min = amountEdit(tr("Minimum amount"));
    m_max = amountEdit(tr("Maximum amount"));
    form->addRow(tr("Amount at &least"), m_min);
    form->addRow(tr("Amount at m&ost"), m_max);
    outer->addLayout(form);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("ledgerFilterError"));
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    outer->addWidget(m_error);

    auto *apply = new QPushButton(tr("Apply filters"), this);
    apply->setObjectName(QStringLiteral("ledgerApply"));
    apply->setDefault(true);
    auto *clear = new QPushButton(tr("Clear"), this);
    clear->setObjectName(QStringLiteral("ledgerClear"));
    connect(apply, &QPushButton::clicked, this, &LedgerFilterPanel::apply);
    connect(clear, &QPushButton::clicked, this, &LedgerFilterPanel::clear);
    for (QLineEdit *edit : {m_account, m_member, m_ref})
        connect(edit, &QLineEdit::returnPressed, this, &LedgerFilterPanel::apply);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(apply);
    buttons->addWidget(clear);
    outer->addLayout(buttons);
    outer->addStretch(1);
    setMinimumWidth(220);
    setMaximumWidth(280);
}

LedgerFilter LedgerFilterPanel::filter() const
{
    LedgerFilter f;
    f.account = m_account->text().trimmed();
    if (!m_member->text().isEmpty())
        f.account = QStringLiteral("user:") + m_member->text();
    f.code = m_code->currentIndex() > 0 || m_code->currentText() != m_code->itemText(0)
                 ? m_code->currentText().trimmed()
                 : QString();
    f.ref = m_ref->text().trimmed();
    if (m_from->date() > kAnyDate)
        f.from = m_from->date();
    if (m_to->date() > kAnyDate)
        f.to = m_to->date();
    f.minAmount = m_min->value();
    f.maxAmount = m_max->value();
    return f;
}

void LedgerFilterPanel::setFilter(const LedgerFilter &filter)
{
    m_account->setText(filter.account);
    m_member->clear();
    const int code = m_code->findData(filter.code);
    if (code >= 0)
        m_code->setCurrentIndex(code);
    else
        m_code->setCurrentText(filter.code);
    m_ref->setText(filter.ref);
    m_from->setDate(filter.from.isValid() ? filter.from : kAnyDate);
    m_to->setDate(filter.to.isValid() ? filter.to : kAnyDate);
    m_min->setValue(int(filter.minAmount));
    m_max->setValue(int(filter.maxAmount));
    apply();
}

void LedgerFilterPanel::apply()
{
    const LedgerFilter f = filter();
    QString problem;
    if (!m_account->text().trimmed().isEmpty() && !m_member->text().isEmpty())
        problem = tr("Give an account or a member, not both.");
    else if (f.from.isValid() && f.to.isValid() && f.from > f.to)
        problem = tr("The first day is after the last day.");
    else if (f.minAmount > 0 && f.maxAmount > 0 && f.minAmount > f.maxAmount)
        problem = tr("The minimum amount is above the maximum.");
    else if (!f.ref.isEmpty() && f.ref.count(u':') > 1)
        problem = tr("A reference is a type, or a type and an id: payment:7.");
    m_error->setText(problem);
    m_error->setVisible(!problem.isEmpty());
    if (problem.isEmpty())
        emit applied(f);
}

void LedgerFilterPanel::clear()
{
    setFilter({});
}

} // namespace skillex::views::finance
