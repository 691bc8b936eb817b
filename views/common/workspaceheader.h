// WorkspaceHeader: the strip above an area — its title on the left, the signed-in person on the
// right.
#pragma once

#include "protocol/auth.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace skillex::views {

class WorkspaceHeader : public QWidget {
    Q_OBJECT

public:
    explicit WorkspaceHeader(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setPerson(const protocol::Me &me);
    QString title() const;
    QString personText() const;

signals:
    void signOutRequested();
    // Download my queue with its evidence, to keep working without a network.
    void prepareOfflineRequested();

private:
    QLabel *m_title = nullptr;
    QToolButton *m_account = nullptr;
};

} // namespace skillex::views
