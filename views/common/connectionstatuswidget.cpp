// ConnectionStatusWidget: a coloured dot plus the state in words, since colour alone says too
// little.
#include "views/common/connectionstatuswidget.h"

#include "views/common/roletext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>

namespace skillex::views {

namespace {

using State = client::ConnectionState::State;

QColor colorFor(State state)
{
    switch (state) {
    case State::Live:
        return QColor(0x2e, 0x9d, 0x5b); // green
    case State::Connecting:
    case State::Syncing:
        return QColor(0x2f, 0x6f, 0xdb); // blue: in progress
    case State::Offline:
    case State::ServerUnavailable:
        return QColor(0xd9, 0x8e, 0x04); // amber
    case State::SessionExpired:
        return QColor(0xc0, 0x39, 0x2b); // red
    case State::SignedOut:
        break;
    }
    return QColor(0x8a, 0x92, 0x9c); // slate
}

QPixmap dot(const QColor &color, qreal ratio)
{
    const int size = 10;
    QPixmap pixmap(qRound(size * ratio), qRound(size * ratio));
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    return pixmap;
}

QLabel *separator(QWidget *parent)
{
    auto *label = new QLabel(QStringLiteral("\u00b7"), parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

ConnectionStatusWidget::ConnectionStatusWidget(QWidget *parent)
    : QWidget(parent)
    , m_dot(new QLabel(this))
    , m_stateLabel(new QLabel(this))
    , m_profileLabel(new QLabel(this))
    , m_personLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("connectionStatus"));
    m_stateLabel->setObjectName(QStringLiteral("connectionStateLabel"));
    m_profileLabel->setObjectName(QStringLiteral("profileLabel"));
    m_personLabel->setObjectName(QStringLiteral("personLabel"));
    m_personLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 2, 8, 2);
    layout->setSpacing(8);
    layout->addWidget(m_dot);
    layout->addWidget(m_stateLabel);
    layout->addWidget(separator(this));
    layout->addWidget(m_profileLabel);
    layout->addWidget(separator(this));
    layout->addWidget(m_personLabel);
    layout->addStretch(1);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &ConnectionStatusWidget::showState);
    m_tick.start();
    showState();
}

void ConnectionStatusWidget::setConnection(client::ConnectionState *state)
{
    if (m_state)
        disconnect(m_state, nullptr, this, nullptr);
    m_state = state;
    if (m_state) {
        connect(m_state, &client::ConnectionState::changed, this, [this] { showState(); });
        connect(m_state, &client::ConnectionState::statusChanged, this, [this] { showState(); });
    }
    showState();
}

void ConnectionStatusWidget::setIdentity(const QString &profile, const protocol::Me &me)
{
    m_profileLabel->setText(profile);
    m_profileLabel->setToolTip(tr("Server profile"));
    if (me.email.isEmpty()) {
        m_personLabel->clear();
    } else {
        const QString who =
            me.name.isEmpty() ? me.email : tr("%1 \u00b7 %2").arg(me.name, me.email);
        m_personLabel->setText(tr("%1 (%2)").arg(who, rolesText(me.roles)));
    }
    setAccessibleDescription(text());
}

void ConnectionStatusWidget::showState()
{
    const State state = m_state ? m_state->state() : State::SignedOut;
    m_dot->setPixmap(dot(colorFor(state), devicePixelRatioF()));
    // "Live · last event 2 s ago · outbox 3, 1 conflict": the age moves without any state
    // changing, so a timer refreshes it.
    m_stateLabel->setText(m_state ? m_state->statusText() : tr("Signed out"));
    const QString error = m_state ? m_state->lastError().message() : QString();
    m_stateLabel->setToolTip(error);
    setAccessibleDescription(text());
}

QString ConnectionStatusWidget::text() const
{
    QStringList parts{m_stateLabel->text()};
    if (!m_profileLabel->text().isEmpty())
        parts << m_profileLabel->text();
    if (!m_personLabel->text().isEmpty())
        parts << m_personLabel->text();
    return parts.join(QStringLiteral(" \u00b7 "));
}

} // namespace skillex::views
