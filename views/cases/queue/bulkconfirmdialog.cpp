// BulkConfirmDialog: the summary, the effect, the reason, and a confirm button named for the
// verb and the count (never a bare "OK").
#include "views/cases/queue/bulkconfirmdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace skillex::views {

BulkConfirmDialog::BulkConfirmDialog(BulkVerb verb, const QList<qint64> &caseIds, QWidget *parent)
    : QDialog(parent)
    , m_verb(verb)
{
    setObjectName(QStringLiteral("bulkConfirmDialog"));
    setWindowTitle(caseIds.size() == 1
                       ? tr("%1 1 case").arg(bulkactions::verbTitle(verb))
                       : tr("%1 %n cases", nullptr, int(caseIds.size()))
                             .arg(bulkactions::verbTitle(verb)));
    setAccessibleName(windowTitle());
    auto *layout = new QVBoxLayout(this);

    m_summary = new QLabel(bulkactions::confirmationText(verb, caseIds), this);
    m_summary->setObjectName(QStringLiteral("bulkSummary"));
    m_summary->setWordWrap(true);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    auto *effect = new QLabel(bulkactions::effectText(verb) + QLatin1Char(' ') +
                                  tr("Each case is queued as its own action; a case that changed "
                                     "meanwhile is refused alone and marked on its row."),
                              this);
    effect->setObjectName(QStringLiteral("bulkEffect"));
    effect->setWordWrap(true);
    layout->addWidget(effect);

    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(QStringLiteral("bulkReason"));
    m_reason->setTabChangesFocus(true);
    m_reason->setVisible(bulkactions::needsReason(verb));
    if (bulkactions::needsReason(verb)) {
        auto *label = new QLabel(verb == BulkVerb::Escalate ? tr("&Note for the seniors (required)")
                                                            : tr("&Reason (required)"),
                                 this);
        label->setBuddy(m_reason);
        layout->addWidget(label);
        m_reason->setAccessibleName(verb == BulkVerb::Escalate ? tr("Escalation note")
                                                               : tr("Reason"));
        m_reason->setPlaceholderText(verb == BulkVerb::Warn
                                         ? tr("What the members are told, e.g. \"Rule 4: keep "
                                              "payments on Skillex.\"")
                                         : tr("Why, for the audit log"));
        m_reason->setMaximumHeight(90);
        layout->addWidget(m_reason);
    }

    auto *buttons = new QDialogButtonBox(this);
    m_confirm = buttons->addButton(windowTitle(), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("bulkConfirm"));
    m_confirm->setAccessibleName(windowTitle());
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &BulkConfirmDialog::updateButton);
    updateButton();
    if (bulkactions::needsReason(verb))
        m_reason->setFocus();
    else
        cancel->setFocus(); // a stray Enter does nothing irreversible
    resize(460, sizeHint().height());
}

QString BulkConfirmDialog::summary() const
{
    return m_summary->text();
}

QString BulkConfirmDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

void BulkConfirmDialog::updateButton()
{
    const bool ok = !bulkactions::needsReason(m_verb) ||
                    (!reason().isEmpty() && reason().size() <= 2000);
    m_confirm->setEnabled(ok);
    m_confirm->setToolTip(ok ? QString() : tr("Give a reason (up to 2,000 characters) first"));
}

} // namespace skillex::views
