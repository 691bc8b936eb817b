// OfflinePreparer: "Prepare for offline" — the signed-in person's queue (their claimed cases,
// then unassigned open ones by priority, up to a limit) brought into the cache with every
// evidence item and attachment, so the moderator can keep working with the network gone.
#pragma once

#include "client/api/apierror.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>

namespace skillex::client {

class Workspace;

class OfflinePreparer : public QObject {
    Q_OBJECT

public:
    struct Summary {
        int cases = 0;
        int evidenceItems = 0;
        int attachments = 0; // files whose bytes are in the cache
        qint64 bytes = 0;    // their size
        qint64 milliseconds = 0;
        int failures = 0;
        QString firstError;
        // "42 cases, 97 evidence items, 12 attachments, 3.1 MB in 4.2 s" (the CLI's line).
        QString line() const;
    };

    explicit OfflinePreparer(Workspace *workspace, QObject *parent = nullptr);

    // Default limit: enough for a long shift, small enough to fetch over a hotel network.
    void start(int limit = 200);
    void cancel();
    bool isRunning() const { return m_running; }

    // The cases chosen, in fetch order (claimed first, then unassigned by priority).
    QList<qint64> chooseCases(int limit) const;

signals:
    void progress(int done, int total, const QString &text);
    void finished(const skillex::client::OfflinePreparer::Summary &summary);

private:
    void next();
    void finish();

    Workspace *m_workspace = nullptr;
    QList<qint64> m_queue;
    QList<qint64> m_chosen;
    int m_total = 0;
    int m_inFlight = 0;
    bool m_running = false;
    Summary m_summary;
    QElapsedTimer m_timer;
};

} // namespace skillex::client
Q_DECLARE_METATYPE(skillex::client::OfflinePreparer::Summary)
