// CaseDetailPane: renders from the cache on every change of the case's rows, asks the server for
// the detail when online, relays presence, and turns the act panel's requests into outbox rows.
#include "views/cases/detail/casedetailpane.h"
#include "client/cache/onfinished.h"

#include "client/api/apiclient.h"
#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/cache/cachewritetx.h"
#include "client/cache/tablechange.h"
#include "client/connection/connectionstate.h"
#include "client/outbox/actions.h"
#include "client/outbox/outbox.h"
#include "client/stream/eventstream.h"
#include "client/sync/syncengine.h"
#include "client/workspace/casedetailfetcher.h"
#include "client/workspace/workspace.h"
#include "models/timetext.h"
#include "views/cases/acting/actpanel.h"
#include "views/cases/acting/cannedreasonlist.h"
#include "views/cases/acting/caseactivitybar.h"
#include "views/cases/detail/casedetaildata.h"
#include "views/cases/detail/casehtml.h"
#include "views/cases/detail/evidenceview.h"

#include <QPointer>
#include <QDateTime>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace skillex::views {

namespace {

constexpr qint64 kMemberFileFreshMs = 60'000;

QString severityColor(const QString &severity)
{
    if (severity == QLatin1String("high"))
        return QStringLiteral("#c0392b");
    if (severity == QLatin1String("medium"))
        return QStringLiteral("#b9770e");
    return QStringLiteral("#5d6d7e");
}

QString chip(const QString &text, const QString &color)
{
    return QStringLiteral("<span style='color:%1;font-weight:600'>&nbsp;%2&nbsp;</span>")
        .arg(color, text.toHtmlEscaped());
}

QTextBrowser *browser(const QString &name, const QString &accessible, QWidget *parent)
{
    auto *b = new QTextBrowser(parent);
    b->setObjectName(name);
    b->setAccessibleName(accessible);
    b->setOpenLinks(false);
    b->setFrameShape(QFrame::NoFrame);
    return b;
}

QLabel *banner(const QString &name, const QString &style, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setStyleSheet(
        QStringLiteral("QLabel#%1 { %2 padding: 4px 8px; border-radius: 3px; }").arg(name, style));
    label->hide();
    return label;
}

} // namespace

CaseDetailPane::CaseDetailPane(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("caseDetailPane"));
    setAccessibleName(tr("Case"));
    m_reasons = new CannedReasonList(workspace, this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("caseSplitter"));
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter);

    auto *casePart = new QWidget(splitter);
    auto *caseLayout = new QVBoxLayout(casePart);
    caseLayout->setContentsMargins(10, 8, 6, 6);
    caseLayout->setSpacing(6);
    m_title = new QLabel(tr("No case selected"), casePart);
    m_title->setObjectName(QStringLiteral("caseTitle"));
    m_title->setTextFormat(Qt::RichText);
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    f.setBold(true);
    m_title->setFont(f);
    caseLayout->addWidget(m_title);
    m_meta = new QLabel(casePart);
    m_meta->setObjectName(QStringLiteral("caseMeta"));
    m_meta->setTextFormat(Qt::RichText);
    m_meta->setWordWrap(true);
    caseLayout->addWidget(m_meta);
    m_presence = banner(QStringLiteral("casePresence"),
                        QStringLiteral("background: rgba(47, 111, 219, 0.10);"), casePart);
    m_presence->setAccessibleName(tr("Other moderators viewing this case"));
    caseLayout->addWidget(m_presence);
    m_notice = banner(
        QStringLiteral("caseNotice"),
        QStringLiteral("background: rgba(243, 156, 18, 0.18); border-left: 4px solid #f39c12;"),
        casePart);
    m_notice->setAccessibleName(tr("Changes made by someone else"));
    caseLayout->addWidget(m_notice);
    m_cacheNote = banner(QStringLiteral("caseCacheNote"),
                         QStringLiteral("background: rgba(241, 196, 15, 0.20);"), casePart);
    caseLayout->addWidget(m_cacheNote);
    m_activity = new CaseActivityBar(workspace, casePart);
    caseLayout->addWidget(m_activity);

    m_tabs = new QTabWidget(casePart);
    m_tabs->setObjectName(QStringLiteral("caseTabs"));
    m_tabs->setDocumentMode(true);
    m_evidence = new EvidenceView(m_tabs);
    m_reports = browser(QStringLiteral("caseReports"), tr("Reports and priority"), m_tabs);
    m_context = browser(QStringLiteral("caseContext"), tr("Member context"), m_tabs);
    m_history = browser(QStringLiteral("caseHistory"), tr("History"), m_tabs);
    m_notes = browser(QStringLiteral("caseNotes"), tr("Internal notes"), m_tabs);
    m_tabs->addTab(m_evidence, tr("&Evidence"));
    m_tabs->addTab(m_reports, tr("Re&ports"));
    m_tabs->addTab(m_context, tr("Con&text"));
    m_tabs->addTab(m_history, tr("&History"));
    m_tabs->addTab(m_notes, tr("N&otes"));
    caseLayout->addWidget(m_tabs, 1);

    auto *actScroll = new QScrollArea(splitter);
    actScroll->setObjectName(QStringLiteral("actScroll"));
    actScroll->setWidgetResizable(true);
    actScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    actScroll->setFrameShape(QFrame::NoFrame);
    m_act = new ActPanel(workspace, m_reasons, actScroll);
    actScroll->setWidget(m_act);
    actScroll->setMinimumWidth(220);
    splitter->addWidget(casePart);
    splitter->addWidget(actScroll);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    // UI.md: the case twice as wide as the act column (40% / 20% of the area); sizes scale.
    splitter->setSizes({2000, 1000});

    connect(m_act, &ActPanel::actRequested, this, &CaseDetailPane::queue);
    connect(m_act, &ActPanel::claimRequested, this, &CaseDetailPane::claim);
    connect(m_act, &ActPanel::releaseRequested, this, &CaseDetailPane::release);
    connect(m_activity, &CaseActivityBar::seeServerStateRequested, this, [this] {
        m_tabs->setCurrentWidget(m_history);
        if (online() && m_workspace->caseDetails() && m_caseId > 0)
            m_workspace->caseDetails()->fetch(m_caseId);
    });
    connect(m_activity, &CaseActivityBar::changed, this, [this] {
        // A refusal appearing or going away changes what may be queued.
        if (blockReason() != property("blockReason").toString()) {
            setProperty("blockReason", blockReason());
            render();
        }
    });
    if (client::CacheDb *cache = m_workspace->cache())
        connect(cache, &client::CacheDb::changed, this, &CaseDetailPane::onCacheChanged);
    if (client::CaseDetailFetcher *details = m_workspace->caseDetails()) {
        connect(details, &client::CaseDetailFetcher::fetched, this, [this](qint64 id) {
            if (id == m_caseId)
                render();
        });
        connect(details, &client::CaseDetailFetcher::failed, this,
                [this](qint64 id, const client::ApiError &error) {
                    if (id != m_caseId)
                        return;
                    QString why = error.message();
                    while (why.endsWith(u'.'))
                        why.chop(1);
                    m_cacheNote->setText(tr("Could not fetch the case's detail (%1). Showing what "
                                            "the cache holds.")
                                             .arg(why.toHtmlEscaped()));
                    m_cacheNote->show();
                });
    }
    if (client::SyncEngine *sync = m_workspace->sync(); sync && sync->stream()) {
        connect(sync->stream(), &client::EventStream::eventReceived, this,
                &CaseDetailPane::onEvent);
        connect(sync->stream(), &client::EventStream::presence, this, &CaseDetailPane::onPresence);
    }
    if (client::ConnectionState *connection = m_workspace->connection())
        connect(connection, &client::ConnectionState::changed, this, [this] {
            if (m_caseId > 0)
                render();
        });
    m_reasons->load();
    showCase(0);
}

CaseDetailPane::~CaseDetailPane()
{
    if (m_caseId > 0)
        if (client::SyncEngine *sync = m_workspace->sync(); sync && sync->stream())
            sync->stream()->setViewing(m_caseId, false);
}

bool CaseDetailPane::online() const
{
    if (m_workspace->isOffline() || !m_workspace->connection())
        return false;
    const auto state = m_workspace->connection()->state();
    return state == client::ConnectionState::State::Live ||
           state == client::ConnectionState::State::Syncing;
}

void CaseDetailPane::showCase(qint64 caseId)
{
    client::EventStream *stream = m_workspace->sync() ? m_workspace->sync()->stream() : nullptr;
    if (stream && m_caseId > 0 && m_caseId != caseId)
        stream->setViewing(m_caseId, false);
    const bool other = caseId != m_caseId;
    m_caseId = caseId;
    if (other) {
        m_noticeActor = 0;
        m_notice->clear();
        m_notice->hide();
        m_cacheNote->hide();
        m_subjectUserId = 0;
    }
    if (stream && caseId > 0 && other)
        stream->setViewing(caseId, true);
    m_activity->setCase(caseId);
    render();
    if (caseId > 0 && other && online() && m_workspace->caseDetails())
        m_workspace->caseDetails()->fetch(caseId);
}

void CaseDetailPane::setBrowserHtml(QTextBrowser *b, const QString &html)
{
    if (b->property("html").toString() == html)
        return;
    const int scroll = b->verticalScrollBar()->value();
    b->setHtml(html);
    b->setProperty("html", html);
    b->verticalScrollBar()->setValue(scroll);
}

QJsonObject CaseDetailPane::memberFile(qint64 userId) const
{
    if (userId <= 0 || !m_workspace->cache())
        return {};
    const QVariant detail = m_workspace->cache()->reader()->scalar(
        QStringLiteral("SELECT detail FROM users WHERE id = ?"), {userId});
    return QJsonDocument::fromJson(detail.toByteArray()).object();
}

void CaseDetailPane::fetchMemberFile(qint64 userId)
{
    // The member's admin file says which sessions a sanction would cancel (the preview); kept
    // in users.detail so the preview works offline too. A read, never a change.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (userId <= 0 || !online() || m_memberFetchedAt.value(userId) > now - kMemberFileFreshMs)
        return;
    m_memberFetchedAt.insert(userId, now);
    m_workspace->api()->get(
        QStringLiteral("/api/v1/admin/users/%1").arg(userId), this,
        [this, userId](const client::ApiResult &result) {
            if (!result.ok || !m_workspace->cache())
                return;
            const QByteArray json = QJsonDocument(result.object()).toJson(QJsonDocument::Compact);
            const qint64 at = QDateTime::currentMSecsSinceEpoch();
            m_workspace->cache()->write([userId, json, at](client::CacheWriteTx &tx) {
                tx.run(QStringLiteral("UPDATE users SET detail = ?, detail_at = ? WHERE id = ?"),
                       {QString::fromUtf8(json), at, userId});
                tx.updated(QStringLiteral("users"), userId);
            });
        });
}

void CaseDetailPane::render()
{
    client::CacheDb *cache = m_workspace->cache();
    if (m_caseId <= 0 || !cache || !cache->isOpen()) {
        m_title->setText(tr("No case selected"));
        m_meta->setText(tr("Pick a case in the queue (j/k, Enter) to read it here."));
        m_presence->hide();
        m_evidence->clear(tr("No case selected."));
        for (QTextBrowser *b : {m_reports, m_context, m_history, m_notes})
            setBrowserHtml(b, QString());
        m_act->clearCase();
        return;
    }
    client::CacheReader &reader = *cache->reader();
    const auto data = CaseDetailData::load(reader, m_caseId);
    if (!data) {
        m_title->setText(tr("Case #%1").arg(m_caseId));
        m_meta->setText(tr("This case is not in the cache. %1")
                            .arg(online() ? tr("Fetching it…")
                                          : tr("It can be read once the console is online.")));
        m_evidence->clear(tr("Nothing cached for case #%1.").arg(m_caseId));
        m_act->clearCase();
        return;
    }
    m_cachedVersion = data->version;
    m_subjectUserId = data->subjectUserId;
    const QString sev = data->severity;
    m_title->setText(QStringLiteral("#%1 &nbsp;%2 &nbsp;%3 %4")
                         .arg(data->id)
                         .arg(casehtml::words(data->category).toHtmlEscaped(),
                              chip(sev.toUpper(), severityColor(sev)),
                              chip(QStringLiteral("● ") + casehtml::words(data->status),
                                   QStringLiteral("#2f6fdb"))));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool closed = data->isClosed();
    QString sla = closed ? tr("closed %1").arg(casehtml::whenMs(data->closedAt))
                         : tr("SLA %1").arg(models::timetext::countdown(data->slaDueAt - now));
    if (!closed && data->slaDueAt < now)
        sla = QStringLiteral("<span style='color:#c0392b;font-weight:600'>%1 %2</span>")
                  .arg(sla.toHtmlEscaped(), tr("(breached)"));
    m_meta->setText(tr("Priority <b>%1</b> · %2 · %3 · about %4 (%5) · %n report(s) · opened %6",
                       nullptr, data->reportCount)
                        .arg(QLocale().toString(data->priority, 'f', 1), sla,
                             data->assigneeId
                                 ? tr("assigned to %1").arg(data->assigneeName.toHtmlEscaped())
                                 : tr("unassigned"),
                             data->subjectLabel.toHtmlEscaped(), data->subjectType.toHtmlEscaped(),
                             casehtml::whenMs(data->openedAt)));
    m_meta->setToolTip(casehtml::priorityTooltip(data->detail));

    if (!data->hasDetail()) {
        m_cacheNote->setText(online() ? tr("Fetching the case's reports and evidence…")
                                      : tr("Offline: this case's reports and evidence were never "
                                           "cached. They are fetched when you are online."));
        m_cacheNote->show();
    } else if (!online()) {
        m_cacheNote->setText(tr("Offline: showing the case as cached at %1. Actions are kept and "
                                "sent when the connection returns.")
                                 .arg(casehtml::whenMs(data->detailAt)));
        m_cacheNote->show();
    } else if (!m_cacheNote->text().startsWith(tr("Could not"))) {
        m_cacheNote->hide();
    }

    const QJsonObject file = memberFile(data->subjectUserId);
    if (file.isEmpty() || data->subjectUserId != property("memberFetchedFor").toLongLong()) {
        setProperty("memberFetchedFor", data->subjectUserId);
        fetchMemberFile(data->subjectUserId);
    }
    m_evidence->showCase(*data, reader, file.value(QStringLiteral("profile")).toObject());
    setBrowserHtml(m_reports, casehtml::priority(data->detail, data->priority) +
                                  QStringLiteral("<h3>%1</h3>").arg(tr("Reports").toHtmlEscaped()) +
                                  casehtml::reports(data->detail));
    setBrowserHtml(m_context, casehtml::subjectContext(data->detail));
    setBrowserHtml(m_history, casehtml::history(data->detail));
    setBrowserHtml(m_notes, casehtml::notes(data->detail));
    m_tabs->setTabText(1, tr("Re&ports %1").arg(data->reportCount));
    m_tabs->setTabText(4, tr("N&otes %1").arg(data->list(QStringLiteral("notes")).size()));
    m_act->setCase(*data, file, blockReason());
    showNotice(data->detail);
    updatePresence();
}

void CaseDetailPane::onCacheChanged(const client::TableChange &change)
{
    if (m_caseId <= 0)
        return;
    if (change.table == QLatin1String("cases") || change.table == QLatin1String("evidence")) {
        if (change.everything || change.ids().contains(m_caseId) ||
            change.table == QLatin1String("evidence"))
            render();
    } else if (change.table == QLatin1String("users") && m_subjectUserId > 0 &&
               (change.everything || change.ids().contains(m_subjectUserId))) {
        render();
    }
}

void CaseDetailPane::onEvent(const QJsonObject &event)
{
    const QJsonObject subject = event.value(QStringLiteral("subject")).toObject();
    if (subject.value(QStringLiteral("type")).toString() != QLatin1String("case") ||
        qint64(subject.value(QStringLiteral("id")).toDouble()) != m_caseId)
        return;
    const QJsonValue actor = event.value(QStringLiteral("actor"));
    const QString type = event.value(QStringLiteral("type")).toString();
    const qint64 actorId = qint64(actor.toDouble());
    if (type == QLatin1String("case.report_added")) {
        m_notice->setText(tr("A new report joined this case just now."));
        m_notice->show();
    }
    if (actor.isNull() || actorId == m_workspace->me().id)
        return;
    static const QHash<QString, const char *> verbs{
        {QStringLiteral("case.claimed"), QT_TR_NOOP("%1 claimed this case at %2.")},
        {QStringLiteral("case.released"), QT_TR_NOOP("%1 released this case at %2.")},
        {QStringLiteral("case.escalated"), QT_TR_NOOP("%1 escalated this case at %2.")},
        {QStringLiteral("case.resolved"), QT_TR_NOOP("%1 resolved this case at %2.")},
        {QStringLiteral("case.dismissed"), QT_TR_NOOP("%1 dismissed this case at %2.")},
        {QStringLiteral("case.note_added"), QT_TR_NOOP("%1 added a note at %2.")},
        {QStringLiteral("case.ban_proposed"), QT_TR_NOOP("%1 proposed a ban at %2.")},
        {QStringLiteral("case.ban_approved"), QT_TR_NOOP("%1 approved the ban at %2.")},
        {QStringLiteral("case.ban_rejected"), QT_TR_NOOP("%1 rejected the ban at %2.")},
        {QStringLiteral("case.appeal_decided"), QT_TR_NOOP("%1 decided the appeal at %2.")}};
    const auto it = verbs.find(type);
    if (it == verbs.end())
        return;
    const QDateTime at =
        QDateTime::fromString(event.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
    m_noticeActor = actorId;
    m_noticeVerb = QString::fromUtf8(it.value());
    m_noticeTime = QLocale().toString(
        (at.isValid() ? at : QDateTime::currentDateTimeUtc()).toLocalTime().time(),
        QLocale::ShortFormat);
    showNotice({});
    // Fresh detail (history, decision) for what they did.
    if (online() && m_workspace->caseDetails())
        m_workspace->caseDetails()->fetch(m_caseId);
}

void CaseDetailPane::onPresence(qint64 staffId, const QString &name, qint64 caseId,
                                const QString &state)
{
    if (staffId == m_workspace->me().id)
        return;
    if (state == QLatin1String("viewing"))
        m_viewers[caseId].insert(staffId, name);
    else
        m_viewers[caseId].remove(staffId);
    if (caseId == m_caseId)
        updatePresence();
}

void CaseDetailPane::showNotice(const QJsonObject &detail)
{
    if (m_noticeActor <= 0)
        return;
    QString name = m_workspace->cache()
                       ? CaseDetailData::staffName(*m_workspace->cache()->reader(), m_noticeActor)
                       : QString();
    if (name.isEmpty() || name.startsWith(u'#')) {
        // A staff member the cache does not know yet: the case's history names them.
        name.clear();
        for (const QJsonValue row : detail.value(QStringLiteral("history")).toArray()) {
            const QJsonObject actor = row.toObject().value(QStringLiteral("actor")).toObject();
            if (actor.value(QStringLiteral("id")).toInteger() == m_noticeActor)
                name = actor.value(QStringLiteral("name")).toString();
        }
    }
    if (name.isEmpty())
        name = tr("Another staff member (#%1)").arg(m_noticeActor);
    m_notice->setText(
        QStringLiteral("⚠ ") +
        tr(m_noticeVerb.toUtf8().constData())
            .arg(QStringLiteral("<b>%1</b>").arg(name.toHtmlEscaped()), m_noticeTime));
    m_notice->show();
}

QString CaseDetailPane::presenceText() const
{
    return m_presence->isHidden() ? QString() : m_presence->text();
}

QString CaseDetailPane::noticeText() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

void CaseDetailPane::updatePresence()
{
    const QMap<qint64, QString> viewers = m_viewers.value(m_caseId);
    if (viewers.isEmpty() || m_caseId <= 0) {
        m_presence->clear();
        m_presence->hide();
        return;
    }
    m_presence->setText(
        tr("Also viewing: %1")
            .arg(QStringList(viewers.values()).join(QStringLiteral(", ")).toHtmlEscaped()));
    m_presence->show();
}

QString CaseDetailPane::blockReason() const
{
    if (m_activity->hasRefusal())
        return tr("An action on this case was refused: discard it or retry it first.");
    const auto shown = m_activity->shownEntry();
    static const QStringList decisions{QStringLiteral("case.dismiss"),
                                       QStringLiteral("case.warn"),
                                       QStringLiteral("case.remove_content"),
                                       QStringLiteral("case.suspend"),
                                       QStringLiteral("case.ban"),
                                       QStringLiteral("case.appeal_decision"),
                                       QStringLiteral("case.escalate")};
    if (shown && client::outboxStateIsOpen(shown->state) && decisions.contains(shown->action.kind))
        return tr("A decision on this case is queued: undo it to choose another.");
    return {};
}

int CaseDetailPane::expectedVersion(int cachedVersion) const
{
    // Each queued act on the case moves its version by one when the server applies it; an act
    // queued behind others must carry the version they will leave (If-Match), not the cached one.
    int version = cachedVersion;
    int ahead = 0;
    for (const client::OutboxEntry &e : m_workspace->outbox()->entries(60'000)) {
        if (e.action.targetType != QLatin1String("case") || e.action.targetId != m_caseId)
            continue;
        if (e.state == client::OutboxState::Queued || e.state == client::OutboxState::Sending) {
            ++ahead;
        } else if (e.state == client::OutboxState::Done) {
            QJsonObject c = e.result.toObject();
            if (c.contains(QStringLiteral("case")))
                c = c.value(QStringLiteral("case")).toObject();
            version = qMax(version, c.value(QStringLiteral("version")).toInt());
        }
    }
    return version + ahead;
}

void CaseDetailPane::queue(client::Action action, const QString &label)
{
    if (m_caseId <= 0 || !m_workspace->outbox())
        return;
    action.ifMatch = QStringLiteral("\"%1\"").arg(expectedVersion(m_cachedVersion));
    const qint64 caseId = m_caseId;
    const QString kind = action.kind;
    client::onFinished(m_workspace->outbox()
        ->enqueue(action, m_undoMs), m_workspace->cache(), [this, caseId, kind, label,
                                      guard = QPointer<CaseDetailPane>(this)](
                                         const client::CacheWriteResult &result) {
            if (!guard || !result.ok)
                return;
            m_activity->setLabel(result.value.toLongLong(), label);
            m_activity->refresh();
            emit actionQueued(caseId, kind);
        });
}

void CaseDetailPane::claim()
{
    const QString why = m_act->whyNot(ActPanel::Mode::None);
    if (!why.isEmpty()) {
        m_act->showProblem(why);
        return;
    }
    queue(client::actions::claimCase(m_caseId, 0), tr("Claim"));
}

void CaseDetailPane::release()
{
    const auto data = m_workspace->cache() && m_caseId > 0
                          ? CaseDetailData::load(*m_workspace->cache()->reader(), m_caseId)
                          : std::nullopt;
    if (!data || data->status != QLatin1String("assigned")) {
        m_act->showProblem(tr("Only a claimed case can be released."));
        return;
    }
    if (data->assigneeId != m_workspace->me().id &&
        !m_workspace->hasPermission(protocol::Permission::SeniorModeration)) {
        m_act->showProblem(
            tr("Only %1 or a senior moderator can release this case.").arg(data->assigneeName));
        return;
    }
    queue(client::actions::releaseCase(m_caseId, 0), tr("Release"));
}

void CaseDetailPane::addNote()
{
    m_act->choose(ActPanel::Mode::Note);
}
void CaseDetailPane::dismiss()
{
    m_act->choose(ActPanel::Mode::Dismiss);
}
void CaseDetailPane::warn()
{
    m_act->choose(ActPanel::Mode::Warn);
}
void CaseDetailPane::removeContent()
{
    m_act->choose(ActPanel::Mode::RemoveContent);
}
void CaseDetailPane::suspend()
{
    m_act->choose(ActPanel::Mode::Suspend);
}
void CaseDetailPane::ban()
{
    m_act->choose(ActPanel::Mode::Ban);
}
void CaseDetailPane::escalate()
{
    m_act->choose(ActPanel::Mode::Escalate);
}
void CaseDetailPane::decideAppeal()
{
    m_act->choose(ActPanel::Mode::AppealUphold);
}
void CaseDetailPane::undo()
{
    m_activity->undo();
}

} // namespace skillex::views
