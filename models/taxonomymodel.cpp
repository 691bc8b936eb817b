// TaxonomyModel: two levels; a skill's internal id is its category's row + 1, a category's is 0.
#include "models/taxonomymodel.h"

#include "client/cache/cachedb.h"
#include "client/cache/cacheerror.h"
#include "client/cache/cachereader.h"
#include "client/cache/tablechange.h"
#include "common/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QSqlQuery>

namespace skillex::models {

const QString TaxonomyModel::kMimeType = QStringLiteral("application/x-skillex-taxonomy-node");

TaxonomyModel::TaxonomyModel(client::CacheDb *db, QObject *parent)
    : QAbstractItemModel(parent)
    , m_db(db)
{
    m_reload.setSingleShot(true);
    connect(&m_reload, &QTimer::timeout, this, &TaxonomyModel::reload);
    connect(m_db, &client::CacheDb::changed, this, &TaxonomyModel::onCacheChanged);
    m_categories = read();
}

void TaxonomyModel::onCacheChanged(const client::TableChange &change)
{
    if ((change.table == QLatin1String("categories") || change.table == QLatin1String("skills")) &&
        !m_reload.isActive())
        m_reload.start(0);
}

QVector<TaxonomyModel::Category> TaxonomyModel::read() const
{
    QVector<Category> out;
    client::CacheReader *reader = m_db->reader();
    if (!reader)
        return out;
    const auto names = [](const QVariant &json) {
        return QJsonDocument::fromJson(json.toString().toUtf8()).object().toVariantMap();
    };
    try {
        QHash<qint64, int> rowOf;
        QSqlQuery &categories = reader->run(QStringLiteral(
            "SELECT id, name, slug, version, names FROM categories ORDER BY position, id"));
        while (categories.next()) {
            Category c;
            c.id = categories.value(0).toLongLong();
            c.name = categories.value(1).toString();
            c.slug = categories.value(2).toString();
            c.version = categories.value(3).toInt();
            c.names = names(categories.value(4));
            rowOf.insert(c.id, int(out.size()));
            out.push_back(c);
        }
        categories.finish();
        // Merged skills live on as aliases of their target; the tree shows the target only.
        QSqlQuery &skills = reader->run(QStringLiteral(
            "SELECT id, category_id, name, slug, status, version, names, aliases FROM skills WHERE "
            "merged_into IS NULL ORDER BY category_id, position, id"));
        while (skills.next()) {
            const auto row = rowOf.constFind(skills.value(1).toLongLong());
            if (row == rowOf.constEnd())
                continue;
            Skill s;
            s.id = skills.value(0).toLongLong();
            s.name = skills.value(2).toString();
            s.slug = skills.value(3).toString();
            s.status = skills.value(4).toString();
            s.version = skills.value(5).toInt();
            s.names = names(skills.value(6));
            for (const QJsonValue a :
                 QJsonDocument::fromJson(skills.value(7).toString().toUtf8()).array())
                s.aliases << a.toString();
            out[*row].skills.push_back(s);
        }
        skills.finish();
    } catch (const client::CacheError &error) {
        logging::logger("client.models")
            ->error("taxonomy read failed: {}", logging::str(error.message()));
    }
    return out;
}

void TaxonomyModel::reload()
{
    QVector<Category> fresh = read();
    emit layoutAboutToBeChanged();
    // Persistent indexes follow their node by id; a node that is gone loses its index.
    const QModelIndexList before = persistentIndexList();
    QList<std::pair<bool, qint64>> nodes;
    for (const QModelIndex &i : before) {
        const bool isSkill = i.internalId() != 0;
        nodes.push_back({isSkill, data(i.siblingAtColumn(0), IdRole).toLongLong()});
    }
    m_categories = std::move(fresh);
    QModelIndexList after;
    for (int i = 0; i < before.size(); ++i) {
        const QModelIndex node =
            nodes[i].first ? skillIndex(nodes[i].second) : categoryIndex(nodes[i].second);
        after << (node.isValid() ? node.siblingAtColumn(before[i].column()) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    emit layoutChanged();
}

QModelIndex TaxonomyModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= columnCount() || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_categories.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= m_categories.size())
        return {};
    if (row >= m_categories.at(parent.row()).skills.size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex TaxonomyModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int TaxonomyModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_categories.size());
    if (parent.column() != 0 || parent.internalId() != 0)
        return 0;
    return int(m_categories.at(parent.row()).skills.size());
}

int TaxonomyModel::columnCount(const QModelIndex &) const
{
    return 4;
}

QVariant TaxonomyModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0) {
        const Category &c = m_categories.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
            case Name:
                return c.name;
            case Slug:
                return c.slug;
            case Skills:
                return int(c.skills.size());
            default:
                return {};
            }
        case IdRole:
            return c.id;
        case KindRole:
            return QStringLiteral("category");
        case VersionRole:
            return c.version;
        case NamesRole:
            return c.names;
        case CategoryIdRole:
            return c.id;
        default:
            return {};
        }
    }
    const Skill &s = m_categories.at(int(index.internalId() - 1)).skills.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return s.name;
        case Slug:
            return s.slug;
        case Status:
            return s.status;
        default:
            return {};
        }
    case IdRole:
        return s.id;
    case KindRole:
        return QStringLiteral("skill");
    case VersionRole:
        return s.version;
    case NamesRole:
        return s.names;
    case AliasesRole:
        return s.aliases;
    case CategoryIdRole:
        return m_categories.at(int(index.internalId() - 1)).id;
    default:
        return {};
    }
}

QVariant TaxonomyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Slug:
        return tr("Slug");
    case Status:
        return tr("Status");
    case Skills:
        return tr("Skills");
    default:
        return {};
    }
}

QModelIndex TaxonomyModel::categoryIndex(qint64 id) const
{
    for (int i = 0; i < m_categories.size(); ++i)
        if (m_categories.at(i).id == id)
            return index(i, 0);
    return {};
}

QModelIndex TaxonomyModel::skillIndex(qint64 id) const
{
    for (int i = 0; i < m_categories.size(); ++i) {
        const auto &skills = m_categories.at(i).skills;
        for (int j = 0; j < skills.size(); ++j)
            if (skills.at(j).id == id)
                return createIndex(j, 0, quintptr(i + 1));
    }
    return {};
}

Qt::ItemFlags TaxonomyModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractItemModel::flags(index);
    if (!m_dragDrop)
        return f;
    if (!index.isValid())
        return f | Qt::ItemIsDropEnabled; // categories are dropped between at the top level
    f |= Qt::ItemIsDragEnabled;
    if (index.internalId() == 0)
        f |= Qt::ItemIsDropEnabled; // skills are dropped into or between a category's rows
    return f;
}

QStringList TaxonomyModel::mimeTypes() const
{
    return {kMimeType};
}

QMimeData *TaxonomyModel::mimeData(const QModelIndexList &indexes) const
{
    // One node at a time: the server moves one skill, or reorders one list, per request.
    for (const QModelIndex &i : indexes) {
        if (!i.isValid())
            continue;
        auto *mime = new QMimeData;
        mime->setData(kMimeType, QStringLiteral("%1 %2")
                                     .arg(data(i, KindRole).toString())
                                     .arg(data(i, IdRole).toLongLong())
                                     .toUtf8());
        return mime;
    }
    return nullptr;
}

namespace {

bool decodeNode(const QMimeData *mime, QString *kind, qint64 *id)
{
    if (!mime || !mime->hasFormat(TaxonomyModel::kMimeType))
        return false;
    const QStringList parts = QString::fromUtf8(mime->data(TaxonomyModel::kMimeType)).split(u' ');
    if (parts.size() != 2)
        return false;
    bool ok = false;
    *kind = parts.at(0);
    *id = parts.at(1).toLongLong(&ok);
    return ok;
}

} // namespace

bool TaxonomyModel::canDropMimeData(const QMimeData *mime, Qt::DropAction action, int row,
                                    int column, const QModelIndex &parent) const
{
    Q_UNUSED(row)
    Q_UNUSED(column)
    QString kind;
    qint64 id = 0;
    if (!m_dragDrop || action != Qt::MoveAction || !decodeNode(mime, &kind, &id))
        return false;
    if (kind == QLatin1String("category"))
        return !parent.isValid();
    // A skill goes into a category, never between categories or onto another skill.
    return parent.isValid() && parent.internalId() == 0;
}

bool TaxonomyModel::dropMimeData(const QMimeData *mime, Qt::DropAction action, int row, int column,
                                 const QModelIndex &parent)
{
    if (!canDropMimeData(mime, action, row, column, parent))
        return false;
    QString kind;
    qint64 id = 0;
    decodeNode(mime, &kind, &id);
    const qint64 categoryId = parent.isValid() ? data(parent, IdRole).toLongLong() : 0;
    emit dropRequested(kind, id, categoryId, row);
    // Nothing moves here: the view must not remove the dragged row itself either.
    return false;
}

} // namespace skillex::models
