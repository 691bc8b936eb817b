// QueueOfflineBar: follows ConnectionState; "Try now" goes online (--offline) or reconnects.
#include "views/cases/queue/queueofflinebar.h"

#include "client/connection/connectionstate.h"
#include "client/outbox/outboxdispatcher.h"
#include "client/stream/eventstream.h"
#include "client/sync/syncengine.h"
#include "client/workspace/workspace.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace skillex::views {

QueueOfflineBar::QueueOfflineBar(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("offlineBar"));
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0xff, 0xf3, 0xc4));
    p.setColor(QPalette::WindowText, QColor(0x5d, 0x40, 0x00));
    setPalette(p);
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(10, 4, 10, 4);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("offlineText"));
    m_text->setWordWrap(true);
    m_try = new QPushButton(tr("Try now"), this);
    m_try->setObjectName(QStringLiteral("offlineTryNow"));
    m_try->setAccessibleName(tr("Try to connect now"));
    row->addWidget(m_text, 1);
    row->addWidget(m_try);
    connect(m_try, &QPushButton::clicked, this, &QueueOfflineBar::tryNow);
    if (client::ConnectionState *connection = workspace->connection())
        connect(connection, &client::ConnectionState::changed, this, &QueueOfflineBar::update);
    update();
}

QString QueueOfflineBar::text() const
{
    return m_text->text();
}

void QueueOfflineBar::update()
{
    using State = client::ConnectionState::State;
    client::ConnectionState *connection = m_workspace->connection();
    const State state = connection ? connection->state() : State::Offline;
    const bool down = m_workspace->isOffline() || state == State::Offline ||
                      state == State::ServerUnavailable || state == State::SessionExpired;
    setVisible(down);
    if (!down)
        return;
    const QLocale locale;
    QString first = connection ? connection->displayText() : tr("Offline");
    if (m_workspace->isOffline() && connection && state != State::Offline)
        first = tr("Working offline");
    QString cached;
    if (connection && connection->lastEventAt().isValid())
        cached = tr(" Showing what was cached at %1.")
                     .arg(locale.toString(connection->lastEventAt().toLocalTime().time(),
                                          QLocale::ShortFormat));
    else
        cached = tr(" Showing what was cached.");
    m_text->setText(first + QLatin1Char('.') + cached +
                    tr(" Actions are kept and sent when the connection returns."));
    setAccessibleName(m_text->text());
    m_try->setVisible(state != State::SessionExpired);
}

void QueueOfflineBar::tryNow()
{
    if (m_workspace->isOffline()) {
        m_workspace->goOnline();
        return;
    }
    if (client::SyncEngine *sync = m_workspace->sync(); sync && sync->stream())
        sync->stream()->reconnectNow();
    if (client::OutboxDispatcher *dispatcher = m_workspace->dispatcher())
        dispatcher->tryNow();
}

} // namespace skillex::views
