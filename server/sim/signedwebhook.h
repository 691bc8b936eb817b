// A webhook delivery as a provider sends it: the raw body and the headers that sign it.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace skillex::sim {

struct SignedWebhook {
    QByteArray body;                       // the exact bytes that were signed
    QHash<QByteArray, QByteArray> headers; // Content-Type and the provider's signature headers
    QString eventId;                       // the provider's event id, for deduplication
};

} // namespace skillex::sim
