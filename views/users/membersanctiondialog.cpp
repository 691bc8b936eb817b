// MemberSanctionDialog: the side effects follow DOMAIN.md's ladder (suspend, ban) and docs/api.md's
// reinstate.
#include "views/users/membersanctiondialog.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace skillex::views {

namespace {
int upcomingCount(const QJsonObject &detail)
{
    return int(detail.value(QStringLiteral("sessions"))
                   .toObject()
                   .value(QStringLiteral("upcoming"))
                   .toArray()
                   .size());
}
} // namespace

MemberSanctionDialog::MemberSanctionDialog(Kind kind, const QJsonObject &detail, QWidget *parent)
    : QDialog(parent)
    , m_kind(kind)
    , m_detail(detail)
{
    const QString name = detail.value(QStringLiteral("name")).toString();
    const qint64 id = qint64(detail.value(QStringLiteral("id")).toDouble());
    setObjectName(QStringLiteral("memberSanctionDialog"));
    switch (kind) {
    case Kind::Suspend:
        setWindowTitle(tr("Suspend %1").arg(name));
        break;
    case Kind::Ban:
        setWindowTitle(tr("Propose a ban of %1").arg(name));
        break;
    case Kind::Reinstate:
        setWindowTitle(tr("Reinstate %1").arg(name));
        break;
    }
    auto *layout = new QVBoxLayout(this);
    auto *title =
        new QLabel(QStringLiteral("<b>%1</b> · #%2").arg(name.toHtmlEscaped()).arg(id), this);
    layout->addWidget(title);

    auto *form = new QFormLayout;
    if (kind == Kind::Suspend) {
        m_duration = new QComboBox(this);
        m_duration->setObjectName(QStringLiteral("suspendDuration"));
        m_duration->setAccessibleName(tr("Suspension length"));
        for (int days : {1, 3, 7, 30})
            m_duration->addItem(days == 1 ? tr("1 day") : tr("%1 days").arg(days), days);
        m_duration->setCurrentIndex(2);
        form->addRow(tr("&Length"), m_duration);
        connect(m_duration, &QComboBox::currentIndexChanged, this,
                &MemberSanctionDialog::updateState);
    }
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(QStringLiteral("sanctionReason"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("Why (recorded in the audit log and on the member's file)"));
    m_reason->setTabChangesFocus(true);
    m_reason->setMinimumHeight(80);
    auto *reasonLabel = new QLabel(tr("&Reason"), this);
    reasonLabel->setBuddy(m_reason);
    form->addRow(reasonLabel, m_reason);
    layout->addLayout(form);

    m_effects = new QLabel(this);
    m_effects->setObjectName(QStringLiteral("sanctionEffects"));
    m_effects->setWordWrap(true);
    m_effects->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_effects->setStyleSheet(QStringLiteral(
        "QLabel { border: 1px solid #b26a00; border-left: 4px solid #b26a00; border-radius: 4px;"
        " background: rgba(178,106,0,0.08); padding: 8px; }"));
    layout->addWidget(m_effects);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("sanctionHint"));
    layout->addWidget(m_hint);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(kind == Kind::Suspend ? tr("Suspend")
                : kind == Kind::Ban   ? tr("Propose ban")
                                      : tr("Reinstate"));
    ok->setObjectName(QStringLiteral("confirmSanction"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &MemberSanctionDialog::updateState);
    resize(520, sizeHint().height());
    updateState();
    m_reason->setFocus();
}

QString MemberSanctionDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

int MemberSanctionDialog::durationDays() const
{
    return m_duration ? m_duration->currentData().toInt() : 0;
}

QString MemberSanctionDialog::sideEffects() const
{
    const int upcoming = upcomingCount(m_detail);
    switch (m_kind) {
    case Kind::Suspend: {
        const QDateTime end = QDateTime::currentDateTime().addDays(durationDays());
        return tr("Until %1 the member cannot sign in or book. %2 Their strikes go up by one. "
                  "When the suspension ends, their file returns to the queue for review.")
            .arg(QLocale().toString(end, QLocale::ShortFormat),
                 upcoming > 0
                     ? tr("Upcoming sessions and bookings cancelled, with full refunds: %1.")
                           .arg(upcoming)
                     : tr("They have no upcoming sessions."));
    }
    case Kind::Ban:
        return tr("A ban needs a second person: this proposes it, and a senior moderator or an "
                  "admin other than you approves or rejects it. Once approved the member can "
                  "no longer sign in (every sign-in is revoked), %1 and their listings are "
                  "hidden. It is permanent until someone reinstates them.")
            .arg(upcoming > 0 ? tr("every upcoming session and booking (%1 now) is cancelled "
                                   "with full refunds,")
                                    .arg(upcoming)
                              : tr("every upcoming session is cancelled with refunds,"));
    case Kind::Reinstate:
        return tr("Lifts every active suspension and ban: the member is active again and can "
                  "sign in. Sessions cancelled by the sanction stay cancelled; strikes already "
                  "given stay on the file.");
    }
    return {};
}

void MemberSanctionDialog::updateState()
{
    m_effects->setText(sideEffects());
    const bool ok = !reason().isEmpty() && reason().size() <= 2000;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    m_hint->setText(reason().isEmpty()       ? tr("A reason is required.")
                    : reason().size() > 2000 ? tr("The reason is longer than 2,000 characters.")
                                             : QString());
}

} // namespace skillex::views
