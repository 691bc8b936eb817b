// ActionRunner: follows the outbox's change notices for the one entry it queued.
#include "views/finance/actionrunner.h"

#include "client/outbox/outbox.h"

#include <QFutureWatcher>
#include <QJsonObject>

namespace skillex::views::finance {

ActionRunner::ActionRunner(client::Outbox *outbox, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
{
    connect(m_outbox, &client::Outbox::entriesChanged, this, &ActionRunner::check);
}

void ActionRunner::run(const client::Action &action)
{
    m_enqueuing = true;
    auto *watcher = new QFutureWatcher<client::CacheWriteResult>(this);
    connect(watcher, &QFutureWatcher<client::CacheWriteResult>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_enqueuing = false;
        const client::CacheWriteResult result = watcher->result();
        if (!result.ok) {
            emit notQueued(result.error);
            return;
        }
        m_id = result.value.toLongLong();
        emit queued(m_id);
        check({m_id}); // it may have been sent already
    });
    watcher->setFuture(m_outbox->enqueue(action));
}

void ActionRunner::check(const QList<qint64> &ids)
{
    if (m_id == 0 || !ids.contains(m_id))
        return;
    const auto entry = m_outbox->entry(m_id);
    if (!entry)
        return;
    switch (entry->state) {
    case client::OutboxState::Done:
        m_id = 0;
        emit finished(*entry);
        break;
    case client::OutboxState::Conflict:
    case client::OutboxState::Failed:
        m_id = 0;
        emit finished(*entry);
        // The view showed the refusal where the person acted and kept their input; a money
        // movement is never retried behind their back, so it leaves the outbox.
        m_outbox->discard(entry->id);
        break;
    default:
        break;
    }
}

QString refusalText(const client::OutboxEntry &entry, const QString &whenConflict)
{
    if (entry.lastStatus == 409 && !whenConflict.isEmpty())
        return whenConflict;
    const QString error = entry.lastError.isEmpty()
                              ? QObject::tr("the server refused it (HTTP %1)").arg(entry.lastStatus)
                              : entry.lastError;
    return error;
}

} // namespace skillex::views::finance
