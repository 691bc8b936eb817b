// A worker object on m_thread owns one QTimer per job; the thread closes its own database
// connections before it ends (see Database::closeThreadConnections).
#include "server/app/maintenancejobs.h"

#include "common/logging.h"
#include "server/storage/database.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>

namespace skillex::server {

MaintenanceJobs::MaintenanceJobs(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("maintenance"));
}

MaintenanceJobs::~MaintenanceJobs()
{
    stop();
}

void MaintenanceJobs::add(Job job)
{
    m_jobs.push_back(std::move(job));
}

void MaintenanceJobs::start()
{
    if (m_worker || m_jobs.empty())
        return;
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    for (const Job &job : m_jobs) {
        QMetaObject::invokeMethod(m_worker, [worker = m_worker, job, observer = m_observer] {
            auto run = [job, observer] {
                QElapsedTimer timer;
                timer.start();
                const qint64 startedAt = QDateTime::currentMSecsSinceEpoch();
                QString error;
                try {
                    job.run();
                } catch (const std::exception &e) {
                    error = QString::fromUtf8(e.what());
                    logging::logger("server.jobs")
                        ->error("{} failed: {}", logging::str(job.name), e.what());
                }
                if (observer)
                    observer(job.name, startedAt, timer.elapsed(), error.isEmpty(), error);
                if (timer.elapsed() > 1000)
                    logging::logger("server.jobs")
                        ->info("{} took {} ms", logging::str(job.name), timer.elapsed());
            };
            auto *timer = new QTimer(worker);
            timer->setInterval(job.intervalMs);
            QObject::connect(timer, &QTimer::timeout, worker, run);
            timer->start();
            QTimer::singleShot(1000, worker, run);
        });
    }
}

void MaintenanceJobs::stop()
{
    if (!m_worker)
        return;
    // Close this thread's connections on the thread itself, then let it end.
    QMetaObject::invokeMethod(
        m_worker, [] { Database::closeThreadConnections(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
}

} // namespace skillex::server
