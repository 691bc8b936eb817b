// CaseActivityBar: reads the case's outbox rows on every outbox change and each second while
// a hold is counting down.
#include "views/cases/acting/caseactivitybar.h"

#include "client/outbox/actions.h"
#include "client/outbox/outbox.h"
#include "client/workspace/workspace.h"
#include "views/cases/detail/casehtml.h"

#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>

namespace skillex::views {

namespace {
constexpr qint64 kShowFinishedMs = 6000;
}

CaseActivityBar::CaseActivityBar(client::Workspace *workspace, QWidget *parent)
    : QFrame(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("caseActivityBar"));
    setAccessibleName(tr("Actions on this case"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("activityText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    layout->addWidget(m_text, 1);
    m_undo = new QPushButton(tr("&Undo"), this);
    m_undo->setObjectName(QStringLiteral("undoButton"));
    m_undo->setAccessibleName(tr("Undo the queued action"));
    m_see = new QPushButton(tr("See their decision"), this);
    m_see->setObjectName(QStringLiteral("seeDecisionButton"));
    m_see->setAccessibleName(tr("Show the case's history as the server holds it"));
    m_discard = new QPushButton(tr("Discard mine"), this);
    m_discard->setObjectName(QStringLiteral("discardButton"));
    m_discard->setAccessibleName(tr("Discard my refused action"));
    m_retry = new QPushButton(tr("Retry"), this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setAccessibleName(tr("Send my action again on the server's current version"));
    for (QPushButton *b : {m_undo, m_see, m_discard, m_retry})
        layout->addWidget(b);
    connect(m_see, &QPushButton::clicked, this, &CaseActivityBar::seeServerStateRequested);
    connect(m_undo, &QPushButton::clicked, this, &CaseActivityBar::undo);
    connect(m_discard, &QPushButton::clicked, this, &CaseActivityBar::discard);
    connect(m_retry, &QPushButton::clicked, this, &CaseActivityBar::retry);
    connect(m_workspace->outbox(), &client::Outbox::entriesChanged, this,
            &CaseActivityBar::refresh);
    m_tick.setInterval(500);
    connect(&m_tick, &QTimer::timeout, this, &CaseActivityBar::refresh);
    hide();
}

void CaseActivityBar::setCase(qint64 caseId)
{
    m_caseId = caseId;
    refresh();
}

bool CaseActivityBar::hasRefusal() const
{
    return m_shown && (m_shown->state == client::OutboxState::Conflict ||
                       m_shown->state == client::OutboxState::Failed);
}

QString CaseActivityBar::text() const
{
    return isVisible() || !m_text->text().isEmpty() ? m_text->text() : QString();
}

QString CaseActivityBar::labelFor(const client::OutboxEntry &entry) const
{
    const QString mine = m_labels.value(entry.id);
    return mine.isEmpty() ? entry.action.summary : mine;
}

QString CaseActivityBar::serverState(const QJsonValue &current)
{
    QJsonObject c = current.toObject();
    if (c.contains(QStringLiteral("current")))
        c = c.value(QStringLiteral("current")).toObject();
    if (c.isEmpty())
        return {};
    const QJsonObject assignee = c.value(QStringLiteral("assignee")).toObject();
    return tr("%1, %2, version %3")
        .arg(casehtml::words(c.value(QStringLiteral("status")).toString()),
             assignee.isEmpty()
                 ? tr("unassigned")
                 : tr("assigned to %1").arg(assignee.value(QStringLiteral("name")).toString()))
        .arg(c.value(QStringLiteral("version")).toInt());
}

void CaseActivityBar::refresh()
{
    m_shown.reset();
    if (m_caseId > 0 && m_workspace->outbox()) {
        const qint64 now = m_workspace->outbox()->now();
        std::optional<client::OutboxEntry> refused, pending, finished;
        for (const client::OutboxEntry &e : m_workspace->outbox()->entries(kShowFinishedMs)) {
            if (e.action.targetType != QLatin1String("case") || e.action.targetId != m_caseId)
                continue;
            switch (e.state) {
            case client::OutboxState::Conflict:
            case client::OutboxState::Failed:
                if (!refused)
                    refused = e;
                break;
            case client::OutboxState::Queued:
            case client::OutboxState::Sending:
                pending = e;
                break;
            default:
                if (e.finishedAt >= now - kShowFinishedMs)
                    finished = e;
            }
        }
        m_shown = refused ? refused : pending ? pending : finished;
    }
    const bool wasRefused = property("refused").toBool();
    if (!m_shown) {
        m_text->clear();
        hide();
        m_tick.stop();
        if (wasRefused)
            setProperty("refused", false);
        emit changed();
        return;
    }
    const client::OutboxEntry &e = *m_shown;
    const qint64 now = m_workspace->outbox()->now();
    const QString label = labelFor(e).toHtmlEscaped();
    QString text;
    QString style = QStringLiteral("background: palette(alternate-base); border-left: 4px solid "
                                   "palette(highlight);");
    bool undo = false, refusedNow = false;
    switch (e.state) {
    case client::OutboxState::Queued:
        if (e.holdUntil > now && e.attempts == 0) {
            text = tr("<b>%1 queued.</b> Sent in %2 s unless you undo it.")
                       .arg(label)
                       .arg((e.holdUntil - now + 999) / 1000);
            undo = true;
        } else if (e.attempts > 0) {
            text =
                tr("<b>%1 queued</b>, trying again (%2).").arg(label, e.lastError.toHtmlEscaped());
        } else {
            text = tr("<b>%1 queued</b>, sent when the connection allows.").arg(label);
        }
        break;
    case client::OutboxState::Sending:
        text = tr("<b>%1</b>: sending…").arg(label);
        break;
    case client::OutboxState::Done:
        text = tr("<b>%1</b>: applied on the server. ✔").arg(label);
        style =
            QStringLiteral("background: rgba(39, 174, 96, 0.10); border-left: 4px solid #27ae60;");
        break;
    case client::OutboxState::Cancelled:
        text = tr("<b>%1</b> undone; nothing was sent.").arg(label);
        break;
    case client::OutboxState::Discarded:
        text = tr("<b>%1</b> discarded.").arg(label);
        break;
    case client::OutboxState::Conflict:
    case client::OutboxState::Failed: {
        refusedNow = true;
        const QString state = serverState(e.conflictCurrent);
        text =
            tr("✖ <b>Not applied: %1.</b> %2%3")
                .arg(label, e.lastError.toHtmlEscaped(),
                     state.isEmpty()
                         ? QString()
                         : tr("<br/>The server holds now: <b>%1</b>.").arg(state.toHtmlEscaped()));
        style =
            QStringLiteral("background: rgba(192, 57, 43, 0.10); border-left: 4px solid #c0392b;");
        break;
    }
    }
    setStyleSheet(QStringLiteral("QFrame#caseActivityBar { %1 }").arg(style));
    m_text->setText(text);
    m_undo->setVisible(undo);
    m_discard->setVisible(refusedNow);
    m_see->setVisible(refusedNow && e.state == client::OutboxState::Conflict);
    m_retry->setVisible(refusedNow);
    show();
    const bool ticking = (e.state == client::OutboxState::Queued && e.holdUntil > now) ||
                         !client::outboxStateIsOpen(e.state);
    if (ticking && !m_tick.isActive())
        m_tick.start();
    else if (!ticking)
        m_tick.stop();
    setProperty("refused", refusedNow);
    emit changed();
}

void CaseActivityBar::undo()
{
    if (m_shown && m_shown->state == client::OutboxState::Queued)
        m_workspace->outbox()->cancel(m_shown->id);
}

void CaseActivityBar::discard()
{
    if (hasRefusal())
        m_workspace->outbox()->discard(m_shown->id);
}

void CaseActivityBar::retry()
{
    if (!hasRefusal())
        return;
    QJsonObject c = m_shown->conflictCurrent.toObject();
    if (c.contains(QStringLiteral("current")))
        c = c.value(QStringLiteral("current")).toObject();
    std::optional<QString> ifMatch;
    if (!m_shown->action.ifMatch.isEmpty() && c.contains(QStringLiteral("version")))
        ifMatch = QStringLiteral("\"%1\"").arg(c.value(QStringLiteral("version")).toInt());
    m_workspace->outbox()->retry(m_shown->id, ifMatch);
}

} // namespace skillex::views
