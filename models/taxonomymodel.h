// TaxonomyModel: the skills taxonomy as a tree (categories, then their skills), from the cache.
// Small enough to hold whole; rebuilt after each change with persistent indexes kept by id.
#pragma once

#include <QAbstractItemModel>
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
        KindRole,    // "category" | "skill"
        VersionRole, // for If-Match
        NamesRole,   // QVariantMap language -> name
    };

    explicit TaxonomyModel(client::CacheDb *db, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    QModelIndex categoryIndex(qint64 id) const;
    QModelIndex skillIndex(qint64 id) const;
    // Reads the tree again now (also done after each taxonomy change, coalesced).
    void reload();

private:
    struct Skill {
        qint64 id = 0;
        QString name, slug, status;
        int version = 0;
        QVariantMap names;
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
};

} // namespace skillex::models
