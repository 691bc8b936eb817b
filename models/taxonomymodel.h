// TaxonomyModel: the skills taxonomy as a tree (categories, then their skills), from the cache.
// Small enough to hold whole; rebuilt after each change with persistent indexes kept by id.
#pragma once

#include <QAbstractItemModel>
#include <QStringList>
#include <QTimer>
#include <QVector>

namespace skillex::client {
class CacheDb;
struct TableChange;
} // namespace skillex::client

namespace skillex::models {

class TaxonomyModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { Name, Slug, Status, Skills };
    Q_ENUM(Column)
    enum Role {
        IdRole = Qt::UserRole + 1,
        KindRole,       // "category" | "skill"
        VersionRole,    // for If-Match
        NamesRole,      // QVariantMap language -> name
        AliasesRole,    // QStringList (skills)
        CategoryIdRole, // a skill's category id; a category's own id
    };
    // The drag payload: "<kind> <id>" of one node.
    static const QString kMimeType;

    explicit TaxonomyModel(client::CacheDb *db, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Drag and drop (for admins): nodes are dragged as kMimeType; a drop changes nothing here
    // but asks, through dropRequested, for the move or reorder the view sends to the server
    // (the tree changes when the server's event reaches the cache).
    void setDragDropEnabled(bool enabled) { m_dragDrop = enabled; }
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

    QModelIndex categoryIndex(qint64 id) const;
    QModelIndex skillIndex(qint64 id) const;
    // Reads the tree again now (also done after each taxonomy change, coalesced).
    void reload();

signals:
    // A node was dropped: a skill (kind "skill") into categoryId before `row` (-1: last), or a
    // category (categoryId 0) before `row` among the categories.
    void dropRequested(const QString &kind, qint64 id, qint64 categoryId, int row);

private:
    struct Skill {
        qint64 id = 0;
        QString name, slug, status;
        int version = 0;
        QVariantMap names;
        QStringList aliases;
    };
    struct Category {
        qint64 id = 0;
        QString name, slug;
        int version = 0;
        QVariantMap names;
        QVector<Skill> skills;
    };

    void onCacheChanged(const client::TableChange &change);
    QVector<Category> read() const;

    client::CacheDb *m_db = nullptr;
    QVector<Category> m_categories;
    QTimer m_reload;
    bool m_dragDrop = false;
};

} // namespace skillex::models
