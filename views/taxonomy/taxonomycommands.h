// TaxonomyCommands: what the admin asks of the tree (reorder, move, drop, rename, ...) turned
// into outbox actions built from the versions the tree shows. Views call this; it is the one
// place that knows how a new order or a move is expressed to the server.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QStringList>

namespace skillex::client {
class Outbox;
struct Action;
} // namespace skillex::client

namespace skillex::models {
class TaxonomyModel;
}

namespace skillex::views {

class TaxonomyCommands : public QObject {
    Q_OBJECT

public:
    TaxonomyCommands(client::Outbox *outbox, models::TaxonomyModel *model,
                     QObject *parent = nullptr);

    // Moves the node at the model index (a skill among its category's, or a category among
    // the categories) by delta places. False when it cannot move further.
    bool reorder(qint64 categoryId, qint64 nodeId, int delta);
    // Puts the node before `row` of its list (-1: last).
    bool reorderTo(qint64 categoryId, qint64 nodeId, int row);
    // A drop from the tree: within its list a reorder, into another category a move.
    bool drop(const QString &kind, qint64 id, qint64 categoryId, int row);
    bool moveSkill(qint64 skillId, qint64 categoryId);

    void enqueue(const client::Action &action);

signals:
    // A one-line account of what was queued ("Reorder queued"), or why nothing was.
    void message(const QString &text);

private:
    bool reorderInFlight(qint64 categoryId, const QList<qint64> &shown) const;

    client::Outbox *m_outbox = nullptr;
    models::TaxonomyModel *m_model = nullptr;
};

} // namespace skillex::views
