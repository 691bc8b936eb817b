// TaxonomyCommands: a reorder sends the whole list with each node's version (the server's
// If-Match for lists), so two admins reordering the same list cannot undo each other quietly.
#include "views/taxonomy/taxonomycommands.h"

#include "client/outbox/actions.h"
#include "client/outbox/outbox.h"
#include "client/outbox/taxonomyactions.h"
#include "models/taxonomymodel.h"

#include <QJsonArray>

namespace skillex::views {

using models::TaxonomyModel;

TaxonomyCommands::TaxonomyCommands(client::Outbox *outbox, TaxonomyModel *model, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_model(model)
{}

void TaxonomyCommands::enqueue(const client::Action &action)
{
    m_outbox->enqueue(action);
}

bool TaxonomyCommands::reorder(qint64 categoryId, qint64 nodeId, int delta)
{
    const QModelIndex parent = categoryId > 0 ? m_model->categoryIndex(categoryId) : QModelIndex();
    const QModelIndex node =
        categoryId > 0 ? m_model->skillIndex(nodeId) : m_model->categoryIndex(nodeId);
    if (!node.isValid())
        return false;
    const int target = node.row() + delta;
    if (target < 0 || target >= m_model->rowCount(parent)) {
        emit message(delta < 0 ? tr("Already first.") : tr("Already last."));
        return false;
    }
    // reorderTo takes "before row": moving down by one means before the row after next.
    return reorderTo(categoryId, nodeId, delta < 0 ? target : target + 1);
}

bool TaxonomyCommands::reorderTo(qint64 categoryId, qint64 nodeId, int row)
{
    const QModelIndex parent = categoryId > 0 ? m_model->categoryIndex(categoryId) : QModelIndex();
    if (categoryId > 0 && !parent.isValid())
        return false;
    QList<qint64> ids;
    QList<int> versions;
    const int count = m_model->rowCount(parent);
    int from = -1;
    for (int r = 0; r < count; ++r) {
        const QModelIndex i = m_model->index(r, 0, parent);
        ids << i.data(TaxonomyModel::IdRole).toLongLong();
        versions << i.data(TaxonomyModel::VersionRole).toInt();
        if (ids.last() == nodeId)
            from = r;
    }
    if (from < 0)
        return false;
    if (reorderInFlight(categoryId, ids)) {
        emit message(tr("The previous new order of this list is still on its way to the server; "
                        "try again in a moment."));
        return false;
    }
    int to = row < 0 || row > count ? count : row;
    if (to > from)
        --to; // removing the node first shifts the rows after it up by one
    if (to == from)
        return false;
    // The versions stay with their ids: the server checks each node as the admin read it.
    const qint64 movedId = ids.takeAt(from);
    const int movedVersion = versions.takeAt(from);
    ids.insert(to, movedId);
    versions.insert(to, movedVersion);
    enqueue(client::actions::reorderTaxonomy(categoryId, ids, versions));
    emit message(tr("New order queued."));
    return true;
}

bool TaxonomyCommands::reorderInFlight(qint64 categoryId, const QList<qint64> &shown) const
{
    // The last reorder of this list that the server did or will apply must already be what the
    // tree shows; otherwise a new order built from the tree would carry stale versions.
    std::optional<client::OutboxEntry> last;
    // Done ones count for a few seconds only: long enough for its event to reach the cache.
    for (const client::OutboxEntry &e : m_outbox->entries(5'000)) {
        if (e.action.kind != QLatin1String("taxonomy.reorder") || e.action.targetId != categoryId)
            continue;
        if (e.state == client::OutboxState::Queued || e.state == client::OutboxState::Sending ||
            e.state == client::OutboxState::Done)
            if (!last || e.id > last->id)
                last = e;
    }
    if (!last)
        return false;
    if (last->state != client::OutboxState::Done)
        return true;
    QList<qint64> sent;
    for (const QJsonValue v : last->action.body.value(QStringLiteral("ids")).toArray())
        sent << qint64(v.toDouble());
    return sent != shown;
}

bool TaxonomyCommands::moveSkill(qint64 skillId, qint64 categoryId)
{
    const QModelIndex skill = m_model->skillIndex(skillId);
    if (!skill.isValid() || !m_model->categoryIndex(categoryId).isValid())
        return false;
    if (skill.data(TaxonomyModel::CategoryIdRole).toLongLong() == categoryId) {
        emit message(tr("The skill is already in that category."));
        return false;
    }
    enqueue(client::actions::moveSkill(skillId, skill.data(TaxonomyModel::VersionRole).toInt(),
                                       categoryId));
    emit message(tr("Move queued; the skill goes last in its new category."));
    return true;
}

bool TaxonomyCommands::drop(const QString &kind, qint64 id, qint64 categoryId, int row)
{
    if (kind == QLatin1String("category"))
        return categoryId == 0 && reorderTo(0, id, row);
    const QModelIndex skill = m_model->skillIndex(id);
    if (!skill.isValid())
        return false;
    if (skill.data(TaxonomyModel::CategoryIdRole).toLongLong() == categoryId)
        return reorderTo(categoryId, id, row);
    return moveSkill(id, categoryId);
}

} // namespace skillex::views
