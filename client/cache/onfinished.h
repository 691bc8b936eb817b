// onFinished: run a callback on the context's thread when a future (a cache write) finishes,
// unless the context is gone by then. Used instead of QFuture::then(context, ...), which in
// Qt 6.4 asserts in debug builds when the context dies first and crashed once in
// QPromise::start under load (tst_case_queue). A QFutureWatcher that is the context's child
// dies with it, so nothing runs for a destroyed object, and finished() arrives on its thread.
#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace skillex::client {

template <typename T, typename Callback>
void onFinished(const QFuture<T> &future, QObject *context, Callback &&callback)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, callback = std::forward<Callback>(callback)]() mutable {
                         watcher->deleteLater();
                         const T result = watcher->future().isCanceled() ? T{} : watcher->result();
                         callback(result);
                     });
    watcher->setFuture(future);
}

} // namespace skillex::client
