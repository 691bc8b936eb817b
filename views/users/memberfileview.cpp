// MemberFileView: cache first, then the network; sanctions through the outbox.
#include "views/users/memberfileview.h"
#include "client/cache/onfinished.h"

#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/cache/tablechange.h"
#include "client/outbox/actions.h"
#include "client/outbox/outbox.h"
#include "client/outbox/useractions.h"
#include "client/workspace/workspace.h"
#include "models/userdetailfetcher.h"
#include "models/userdetailrecords.h"
#include "views/users/memberfiletabs.h"
#include "views/users/membersanctiondialog.h"
#include "views/users/userformat.h"

#include <QDateTime>
#include <QFrame>
#include <QFuture>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace skillex::views {

namespace uf = userformat;

MemberFileView::MemberFileView(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("memberFileView"));
    m_fetcher = new models::UserDetailFetcher(workspace->cache(), workspace->api(), this);
    connect(m_fetcher, &models::UserDetailFetcher::fetched, this, [this](qint64 id) {
        if (id == m_userId)
            loadFromCache();
    });
    connect(
        m_fetcher, &models::UserDetailFetcher::failed, this,
        [this](qint64 id, const client::ApiError &error) { onFetchFailed(id, error.message()); });
    connect(workspace->cache(), &client::CacheDb::changed, this, &MemberFileView::onCacheChanged);
    watchOutbox();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack);

    m_empty = new QLabel(tr("Pick a member on the left to see their file: profile, skills, "
                            "sessions, wallet, sanctions, reports and audit entries.\n\nSearch "
                            "by name, email or id."),
                         m_stack);
    m_empty->setObjectName(QStringLiteral("placeholderText"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_stack->addWidget(m_empty);

    m_loading = new QLabel(tr("Loading the member's file…"), m_stack);
    m_loading->setAlignment(Qt::AlignCenter);
    m_stack->addWidget(m_loading);

    m_error = new QWidget(m_stack);
    auto *errorLayout = new QVBoxLayout(m_error);
    errorLayout->addStretch();
    m_errorText = new QLabel(m_error);
    m_errorText->setObjectName(QStringLiteral("memberFileError"));
    m_errorText->setWordWrap(true);
    m_errorText->setAlignment(Qt::AlignCenter);
    errorLayout->addWidget(m_errorText);
    auto *retry = new QPushButton(tr("&Retry"), m_error);
    retry->setAccessibleName(tr("Retry loading the member's file"));
    connect(retry, &QPushButton::clicked, this, &MemberFileView::refresh);
    errorLayout->addWidget(retry, 0, Qt::AlignHCenter);
    errorLayout->addStretch();
    m_stack->addWidget(m_error);

    m_content = new QWidget(m_stack);
    auto *content = new QVBoxLayout(m_content);
    content->setContentsMargins(12, 8, 12, 8);
    auto *card = new QFrame(m_content);
    card->setObjectName(QStringLiteral("memberCard"));
    card->setFrameShape(QFrame::StyledPanel);
    auto *cardLayout = new QVBoxLayout(card);
    auto *top = new QHBoxLayout;
    m_name = new QLabel(card);
    m_name->setObjectName(QStringLiteral("memberName"));
    m_name->setStyleSheet(QStringLiteral("font-size: 15pt; font-weight: 600;"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_name);
    m_status = new QLabel(card);
    m_status->setObjectName(QStringLiteral("memberStatus"));
    top->addWidget(m_status);
    top->addStretch();
    m_refresh = new QPushButton(tr("Re&fresh"), card);
    m_refresh->setAccessibleName(tr("Fetch the member's file again"));
    connect(m_refresh, &QPushButton::clicked, this, &MemberFileView::refresh);
    top->addWidget(m_refresh);
    cardLayout->addLayout(top);
    m_facts = new QLabel(card);
    m_facts->setObjectName(QStringLiteral("memberFacts"));
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    cardLayout->addWidget(m_facts);
    auto *actions = new QHBoxLayout;
    m_suspend = new QPushButton(tr("&Suspend…"), card);
    m_suspend->setObjectName(QStringLiteral("suspendButton"));
    m_suspend->setAccessibleName(tr("Suspend this member"));
    m_ban = new QPushButton(tr("Propose &ban…"), card);
    m_ban->setObjectName(QStringLiteral("banButton"));
    m_ban->setAccessibleName(tr("Propose a ban of this member"));
    m_reinstate = new QPushButton(tr("Rein&state…"), card);
    m_reinstate->setObjectName(QStringLiteral("reinstateButton"));
    m_reinstate->setAccessibleName(tr("Reinstate this member"));
    connect(m_suspend, &QPushButton::clicked, this, [this] { startSanction(Sanction::Suspend); });
    connect(m_ban, &QPushButton::clicked, this, [this] { startSanction(Sanction::Ban); });
    connect(m_reinstate, &QPushButton::clicked, this,
            [this] { startSanction(Sanction::Reinstate); });
    actions->addWidget(m_suspend);
    actions->addWidget(m_ban);
    actions->addWidget(m_reinstate);
    actions->addStretch();
    m_age = new QLabel(card);
    m_age->setObjectName(QStringLiteral("memberFileAge"));
    m_age->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    actions->addWidget(m_age);
    cardLayout->addLayout(actions);
    m_notice = new QLabel(card);
    m_notice->setObjectName(QStringLiteral("memberNotice"));
    m_notice->setWordWrap(true);
    m_notice->hide();
    cardLayout->addWidget(m_notice);
    content->addWidget(card);
    m_tabs = new QTabWidget(m_content);
    m_tabs->setObjectName(QStringLiteral("memberTabs"));
    m_tabs->setAccessibleName(tr("Member file"));
    content->addWidget(m_tabs, 1);
    m_stack->addWidget(m_content);
    m_stack->setCurrentWidget(m_empty);
}

void MemberFileView::showUser(qint64 userId)
{
    if (userId == m_userId && !m_detail.isEmpty())
        return;
    m_userId = userId;
    m_detail = {};
    m_pendingOutboxId = 0;
    setNotice({});
    if (userId <= 0) {
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    loadFromCache();
    refresh();
}

void MemberFileView::refresh()
{
    if (m_userId <= 0)
        return;
    if (m_workspace->isOffline()) {
        if (m_detail.isEmpty())
            onFetchFailed(m_userId, tr("Offline, and this file was never opened on this "
                                       "computer. It will load when the connection returns."));
        return;
    }
    if (m_detail.isEmpty())
        m_stack->setCurrentWidget(m_loading);
    m_refresh->setEnabled(false);
    m_age->setText(tr("Fetching…"));
    m_fetcher->fetch(m_userId);
}

void MemberFileView::loadFromCache()
{
    client::CacheReader *reader = m_workspace->cache()->reader();
    const auto stored = models::userdetailrecords::read(*reader, m_userId);
    if (!stored)
        return;
    m_detail = stored->detail;
    m_fetchedAt = stored->fetchedAtMs;
    fill();
    emit detailShown(m_userId);
}

void MemberFileView::fill()
{
    const QJsonObject &d = m_detail;
    const QString status = d.value(QStringLiteral("status")).toString();
    m_name->setText(d.value(QStringLiteral("name")).toString());
    m_status->setText(QStringLiteral("● ") + uf::statusText(status));
    m_status->setStyleSheet(QStringLiteral("color: %1; font-weight: 600; padding: 2px 8px;")
                                .arg(uf::statusColor(status)));
    m_status->setAccessibleName(tr("Status: %1").arg(uf::statusText(status)));
    QStringList facts;
    facts << QStringLiteral("#%1").arg(qint64(d.value(QStringLiteral("id")).toDouble()))
          << d.value(QStringLiteral("email")).toString()
          << tr("since %1").arg(uf::date(d.value(QStringLiteral("created_at"))));
    if (d.contains(QStringLiteral("wallet")))
        facts << tr("wallet %1")
                     .arg(uf::credits(d.value(QStringLiteral("wallet"))
                                          .toObject()
                                          .value(QStringLiteral("available"))
                                          .toInteger()));
    if (d.contains(QStringLiteral("strikes")))
        facts << tr("live strikes: %1")
                     .arg(d.value(QStringLiteral("strikes"))
                              .toObject()
                              .value(QStringLiteral("live"))
                              .toInt());
    const QJsonObject rating = d.value(QStringLiteral("rating")).toObject();
    if (!rating.value(QStringLiteral("mean")).isNull() && !rating.isEmpty())
        facts << tr("rated %1")
                     .arg(QLocale().toString(rating.value(QStringLiteral("mean")).toDouble(), 'f',
                                             1));
    m_facts->setText(facts.join(QStringLiteral("  ·  ")));
    m_age->setText(m_fetcher->isFetching(m_userId)
                       ? tr("Fetching…")
                       : tr("As of %1")
                             .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_fetchedAt),
                                                     QLocale::ShortFormat)));
    m_refresh->setEnabled(!m_fetcher->isFetching(m_userId));
    memberfiletabs::fill(m_tabs, d);
    updateButtons();
    m_stack->setCurrentWidget(m_content);
}

void MemberFileView::updateButtons()
{
    const bool member =
        m_detail.value(QStringLiteral("kind")).toString() == QLatin1String("member");
    const QString status = m_detail.value(QStringLiteral("status")).toString();
    const bool moderate = m_workspace->hasPermission(protocol::Permission::ModerateCases);
    const bool senior = m_workspace->hasPermission(protocol::Permission::SeniorModeration);
    const bool pending = m_pendingOutboxId != 0;
    // Hidden when the role cannot use them; disabled (with the reason) when the state forbids.
    m_suspend->setVisible(member && moderate);
    m_ban->setVisible(member && moderate);
    m_reinstate->setVisible(member && senior);
    m_suspend->setEnabled(!pending && status == QLatin1String("active"));
    const bool proposed = m_banProposed.contains(m_userId);
    m_ban->setEnabled(!pending && !proposed && status != QLatin1String("banned"));
    m_ban->setToolTip(proposed ? tr("A ban proposal for this member waits for approval")
                               : tr("Propose a permanent ban; a second person approves it"));
    m_reinstate->setEnabled(
        !pending && (status == QLatin1String("suspended") || status == QLatin1String("banned")));
    m_suspend->setToolTip(status == QLatin1String("active")
                              ? tr("No sign-in or booking for 1-30 days")
                              : tr("Only an active member can be suspended"));
    m_reinstate->setToolTip(
        m_reinstate->isEnabled()
            ? tr("Lift active suspensions and bans")
            : tr("Nothing to lift: the member is %1").arg(uf::statusText(status)));
}

void MemberFileView::startSanction(Sanction sanction)
{
    if (m_detail.isEmpty())
        return;
    const auto kind = sanction == Sanction::Suspend ? MemberSanctionDialog::Kind::Suspend
                      : sanction == Sanction::Ban   ? MemberSanctionDialog::Kind::Ban
                                                    : MemberSanctionDialog::Kind::Reinstate;
    auto *dialog = new MemberSanctionDialog(kind, m_detail, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 userId = m_userId;
    connect(dialog, &QDialog::accepted, this, [this, dialog, sanction, userId] {
        client::Action action;
        switch (sanction) {
        case Sanction::Suspend:
            action =
                client::actions::suspendAccount(userId, dialog->durationDays(), dialog->reason());
            break;
        case Sanction::Ban:
            action = client::actions::banAccount(userId, dialog->reason());
            break;
        case Sanction::Reinstate:
            action = client::actions::reinstateAccount(userId, dialog->reason());
            break;
        }
        QPointer<MemberFileView> self(this);
        const QString what = sanction == Sanction::Suspend ? tr("Suspension")
                             : sanction == Sanction::Ban   ? tr("Ban proposal")
                                                           : tr("Reinstatement");
        m_pendingOutboxId = -1; // until the outbox answers: no second click
        updateButtons();
        client::onFinished(m_workspace->outbox()->enqueue(action), m_workspace->cache(), [self, what, userId](const client::CacheWriteResult &w) {
                if (!self || self->m_userId != userId)
                    return;
                if (!w.ok) {
                    self->m_pendingOutboxId = 0;
                    self->setNotice(tr("%1 not queued: %2").arg(what, w.error),
                                    QStringLiteral("#c0392b"));
                    self->updateButtons();
                    return;
                }
                self->m_pendingOutboxId = w.value.toLongLong();
                self->setNotice(tr("%1 queued; it is sent when the console is online.").arg(what),
                                QStringLiteral("#b26a00"));
                emit self->sanctionQueued(self->m_pendingOutboxId);
            });
    });
    dialog->open();
}

void MemberFileView::watchOutbox()
{
    connect(m_workspace->outbox(), &client::Outbox::entriesChanged, this,
            [this](const QList<qint64> &ids) {
                if (m_pendingOutboxId <= 0 || !ids.contains(m_pendingOutboxId))
                    return;
                const auto entry = m_workspace->outbox()->entry(m_pendingOutboxId);
                if (!entry)
                    return;
                switch (entry->state) {
                case client::OutboxState::Done:
                    m_pendingOutboxId = 0;
                    if (entry->action.kind == QLatin1String("user.ban"))
                        m_banProposed.insert(entry->action.targetId);
                    setNotice(entry->action.kind == QLatin1String("user.ban")
                                  ? tr("Ban proposed: it waits for a senior moderator's or an "
                                       "admin's approval.")
                                  : tr("Done: the server applied it."),
                              QStringLiteral("#2e7d32"));
                    updateButtons();
                    refresh();
                    break;
                case client::OutboxState::Conflict:
                case client::OutboxState::Failed:
                    m_pendingOutboxId = 0;
                    setNotice(tr("Not applied: %1").arg(entry->lastError),
                              QStringLiteral("#c0392b"));
                    updateButtons();
                    refresh();
                    break;
                case client::OutboxState::Sending:
                    setNotice(tr("Sending…"), QStringLiteral("#b26a00"));
                    break;
                default:
                    break;
                }
            });
}

void MemberFileView::onCacheChanged(const client::TableChange &change)
{
    if (m_userId <= 0 || change.table != QLatin1String("users") ||
        (!change.everything && !change.ids().contains(m_userId)))
        return;
    // A sanction event moved the status: the file (sanctions, sessions) is stale; fetch it once.
    // Our own store also lands here, with the same status, and stops the loop.
    const QString status =
        m_workspace->cache()
            ->reader()
            ->scalar(QStringLiteral("SELECT status FROM users WHERE id = ?"), {m_userId})
            .toString();
    if (!m_detail.isEmpty() && !status.isEmpty() &&
        status != m_detail.value(QStringLiteral("status")).toString() &&
        !m_fetcher->isFetching(m_userId))
        refresh();
}

void MemberFileView::onFetchFailed(qint64 userId, const QString &message)
{
    if (userId != m_userId)
        return;
    m_refresh->setEnabled(true);
    if (m_detail.isEmpty()) {
        m_errorText->setText(tr("The member's file could not be loaded.\n%1").arg(message));
        m_stack->setCurrentWidget(m_error);
        return;
    }
    m_age->setText(tr("Cached %1 (could not refresh)")
                       .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_fetchedAt),
                                               QLocale::ShortFormat)));
    m_age->setToolTip(message);
}

void MemberFileView::setNotice(const QString &text, const QString &color)
{
    m_notice->setVisible(!text.isEmpty());
    m_notice->setText(text);
    m_notice->setStyleSheet(color.isEmpty()
                                ? QString()
                                : QStringLiteral("QLabel { border-left: 4px solid %1; padding: 4px "
                                                 "8px; }")
                                      .arg(color));
}

} // namespace skillex::views
