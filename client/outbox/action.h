// Action: one thing a person asked the server to do, as a command object the outbox can keep,
// send, retry and show ("dismissing, queued") without knowing what it means.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace skillex::client {

struct Action {
    QString kind;      // "case.dismiss", "user.suspend", ... (see actions.h)
    QByteArray method; // POST, PATCH
    QString path;      // "/api/v1/admin/cases/8812/actions"
    QJsonObject body;
    // The version the person saw, sent as If-Match for versioned resources; empty when the
    // endpoint takes none.
    QString ifMatch;
    // The resource the action is about: the overlay shows it on that row, and actions on one
    // target are sent one after the other, in the order they were made.
    QString targetType; // "case", "user", "adjustment", "skill"
    qint64 targetId = 0;
    QString summary; // "Dismiss case #8812", for the outbox list

    bool isValid() const { return !kind.isEmpty() && !method.isEmpty() && path.startsWith(u'/'); }
};

} // namespace skillex::client
