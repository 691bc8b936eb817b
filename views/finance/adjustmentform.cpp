// AdjustmentForm: checks what the server would refuse before queueing, then reports the outcome.
#include "views/finance/adjustmentform.h"

#include "client/outbox/financeactions.h"
#include "client/workspace/workspace.h"
#include "views/finance/actionrunner.h"
#include "views/finance/financeformat.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cstdlib>

namespace skillex::views::finance {

namespace {
constexpr int kMaxReason = 500;
constexpr int kMaxAmount = 1'000'000;
} // namespace

AdjustmentForm::AdjustmentForm(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_runner(new ActionRunner(workspace->outbox(), this))
{
    setObjectName(QStringLiteral("adjustmentForm"));
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("New credit adjustment"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);
    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    auto *digits =
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,18}")), this);
    m_member = new QLineEdit(this);
    m_member->setObjectName(QStringLiteral("adjustmentMember"));
    m_member->setAccessibleName(tr("Member id"));
    m_member->setPlaceholderText(tr("member id"));
    m_member->setValidator(digits);
    form->addRow(tr("&Member"), m_member);
    m_amount = new QSpinBox(this);
    m_amount->setObjectName(QStringLiteral("adjustmentAmount"));
    m_amount->setAccessibleName(tr("Amount in credits, negative to debit"));
    m_amount->setRange(-kMaxAmount, kMaxAmount);
    m_amount->setSuffix(tr(" cr"));
    m_amount->setGroupSeparatorShown(true);
    form->addRow(tr("&Amount"), m_amount);
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(QStringLiteral("adjustmentReason"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("Why, as the member's file and the audit log will show it"));
    m_reason->setTabChangesFocus(true);
    m_reason->setFixedHeight(64);
    form->addRow(tr("&Reason"), m_reason);
    m_case = new QLineEdit(this);
    m_case->setObjectName(QStringLiteral("adjustmentCase"));
    m_case->setAccessibleName(tr("Linked case id (optional)"));
    m_case->setPlaceholderText(tr("optional"));
    m_case->setValidator(digits);
    form->addRow(tr("Linked &case"), m_case);
    layout->addLayout(form);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("adjustmentHint"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("adjustmentMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);
    m_submit = new QPushButton(tr("&Submit adjustment"), this);
    m_submit->setObjectName(QStringLiteral("adjustmentSubmit"));
    layout->addWidget(m_submit, 0, Qt::AlignRight);
    layout->addStretch(1);

    connect(m_amount, &QSpinBox::valueChanged, this, &AdjustmentForm::updateHint);
    connect(m_submit, &QPushButton::clicked, this, &AdjustmentForm::submit);
    connect(m_runner, &ActionRunner::notQueued, this, [this](const QString &error) {
        m_submit->setEnabled(true);
        m_message->setText(tr("Not queued: %1. Nothing was lost; submit again.").arg(error));
    });
    connect(m_runner, &ActionRunner::queued, this,
            [this] { m_message->setText(tr("Adjustment queued; sending…")); });
    connect(m_runner, &ActionRunner::finished, this, [this](const client::OutboxEntry &entry) {
        m_submit->setEnabled(true);
        if (entry.state != client::OutboxState::Done) {
            m_message->setText(
                tr("Not made: %1. The form keeps what you typed.")
                    .arg(refusalText(entry, tr("the member's available credits do not cover this "
                                               "debit (HTTP 409)"))));
            return;
        }
        m_created = entry.result.toObject();
        const qint64 id = m_created.value(QStringLiteral("id")).toInteger();
        const QString amount = credits(m_created.value(QStringLiteral("amount")).toInteger());
        if (m_created.value(QStringLiteral("status")).toString() == QLatin1String("posted"))
            m_message->setText(tr("Adjustment #%1 of %2 posted.").arg(id).arg(amount));
        else
            m_message->setText(tr("Adjustment #%1 of %2 waits for a second approver in "
                                  "Approvals.")
                                   .arg(id)
                                   .arg(amount));
        m_reason->clear();
        m_amount->setValue(0);
        emit created(m_created);
    });
    if (!workspace->hasPermission(protocol::Permission::MoveMoney)) {
        m_submit->setEnabled(false);
        m_submit->setToolTip(tr("Your role cannot adjust credits."));
    }
    updateHint();
}

void AdjustmentForm::setMember(qint64 userId)
{
    m_member->setText(userId > 0 ? QString::number(userId) : QString());
}

void AdjustmentForm::setAmount(qint64 amount)
{
    m_amount->setValue(int(amount));
}

void AdjustmentForm::setReason(const QString &reason)
{
    m_reason->setPlainText(reason);
}

void AdjustmentForm::setCaseId(qint64 caseId)
{
    m_case->setText(caseId > 0 ? QString::number(caseId) : QString());
}

QString AdjustmentForm::messageText() const
{
    return m_message->text();
}

bool AdjustmentForm::submit()
{
    const qint64 member = m_member->text().toLongLong();
    const qint64 amount = m_amount->value();
    const QString reason = m_reason->toPlainText().trimmed();
    QString problem;
    if (!m_workspace->hasPermission(protocol::Permission::MoveMoney))
        problem = tr("Your role cannot adjust credits.");
    else if (member <= 0)
        problem = tr("Give the member's id.");
    else if (amount == 0)
        problem = tr("The amount cannot be zero: positive credits the member, negative debits.");
    else if (reason.isEmpty())
        problem = tr("Give a reason.");
    else if (reason.size() > kMaxReason)
        problem = tr("The reason is %1 characters; at most %2.").arg(reason.size()).arg(kMaxReason);
    else if (m_runner->isRunning())
        problem = tr("The last adjustment is still being sent.");
    if (!problem.isEmpty()) {
        m_message->setText(problem);
        return false;
    }
    m_submit->setEnabled(false);
    m_runner->run(
        client::actions::adjustCreditsForCase(member, amount, reason, m_case->text().toLongLong()));
    return true;
}

void AdjustmentForm::updateHint()
{
    const qint64 amount = std::abs(qint64(m_amount->value()));
    if (amount > kApprovalThreshold)
        m_hint->setText(tr("Above %1: it waits for a second finance person or an admin to "
                           "approve it. You cannot approve your own.")
                            .arg(credits(kApprovalThreshold)));
    else
        m_hint->setText(tr("Up to %1 it posts at once.").arg(credits(kApprovalThreshold)));
}

} // namespace skillex::views::finance
