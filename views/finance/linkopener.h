// LinkOpener: opens what a transfer's reference points at — a payment's detail, an
// adjustment, a session, a member — in a dialog; a case also goes to the page (caseRequested)
// so the shell can show it in the Cases area.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>

class QWidget;

namespace skillex::client {
class Workspace;
}

namespace skillex::views::finance {

class LinkOpener : public QObject {
    Q_OBJECT

public:
    LinkOpener(client::Workspace *workspace, QWidget *dialogParent);

    // ref as the server gives it: {type, id, href}. False (and a message) when it links nothing.
    bool open(const QJsonObject &ref);
    // The dialog opened last (tests look at it).
    QWidget *lastDialog() const { return m_last; }

signals:
    void caseRequested(qint64 caseId);
    void paymentRequested(qint64 paymentId);

private:
    client::Workspace *m_workspace = nullptr;
    QWidget *m_parent = nullptr;
    QPointer<QWidget> m_last;
};

} // namespace skillex::views::finance
