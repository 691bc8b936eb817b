// TableChange: what one committed write did to one cache table, as the change notice carries it.
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace skillex::client {

struct TableChange {
    QString table;
    // Split by kind so that a model can tell an arrival (an insert) from an edit without a query;
    // ids() is all of them, for listeners that only care which rows to look at again.
    QList<qint64> inserted;
    QList<qint64> updated;
    QList<qint64> removed;
    // The whole table changed (a bulk load or a resync): reload rather than look at ids.
    bool everything = false;

    QList<qint64> ids() const { return inserted + updated + removed; }
    bool isEmpty() const
    {
        return !everything && inserted.isEmpty() && updated.isEmpty() && removed.isEmpty();
    }
};

} // namespace skillex::client

Q_DECLARE_METATYPE(skillex::client::TableChange)
