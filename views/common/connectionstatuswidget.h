// ConnectionStatusWidget: the status bar's line — connection state, profile, person and role.
#pragma once

#include "client/connection/connectionstate.h"
#include "protocol/auth.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;

namespace skillex::views {

class ConnectionStatusWidget : public QWidget {
    Q_OBJECT

public:
    explicit ConnectionStatusWidget(QWidget *parent = nullptr);

    // Follows state from now on (and shows its current value at once).
    void setConnection(client::ConnectionState *state);
    void setIdentity(const QString &profile, const protocol::Me &me);

    // The whole line as one string ("Live · Demo · Ada Admin · admin@… (admin)"), for tests
    // and for the accessible description.
    QString text() const;

private:
    void showState();

    QPointer<client::ConnectionState> m_state;
    QLabel *m_dot = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_profileLabel = nullptr;
    QLabel *m_personLabel = nullptr;
    QTimer m_tick;
};

} // namespace skillex::views
