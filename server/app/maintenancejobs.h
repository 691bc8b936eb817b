// Periodic jobs (credit expiry, case priority refresh, ...) on a thread of their own, so that
// long runs never hold up the HTTP thread.
#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>
#include <vector>

namespace skillex::server {

class MaintenanceJobs : public QObject {
    Q_OBJECT
public:
    struct Job {
        QString name;
        int intervalMs = 60000;
        std::function<void()> run; // runs on the jobs thread; throwing is logged, not fatal
    };

    explicit MaintenanceJobs(QObject *parent = nullptr);
    ~MaintenanceJobs() override;

    // Add jobs before start(). Each runs once shortly after start, then every intervalMs.
    void add(Job job);
    // Told of every run (on the jobs thread), for GET /admin/system. Set before start().
    using Observer = std::function<void(const QString &job, qint64 startedAtMs, qint64 tookMs,
                                        bool ok, const QString &error)>;
    void setObserver(Observer observer) { m_observer = std::move(observer); }
    void start();
    // Stops the timers and the thread; the thread's database connections are closed on it.
    void stop();

private:
    std::vector<Job> m_jobs;
    Observer m_observer;
    QThread m_thread;
    QObject *m_worker = nullptr; // lives on m_thread
};

} // namespace skillex::server
