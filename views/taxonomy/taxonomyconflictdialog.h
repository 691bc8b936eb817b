// TaxonomyConflictDialog: a taxonomy edit the server refused because someone else changed the node
// first (412). It shows the admin's version and the server's current one side by side, with
// the differing fields marked, and lets the admin keep theirs or apply theirs-plus-mine.
#pragma once

#include "client/outbox/outboxentry.h"

#include <QDialog>
#include <functional>

class QTableWidget;

namespace skillex::views {

class TaxonomyConflictDialog : public QDialog {
    Q_OBJECT

public:
    // nameOf resolves a node id ("skill" or "category") to a name for the reader.
    using NameOf = std::function<QString(const QString &kind, qint64 id)>;

    TaxonomyConflictDialog(const client::OutboxEntry &entry, NameOf nameOf,
                           QWidget *parent = nullptr);

    qint64 entryId() const { return m_entryId; }

signals:
    void keepTheirs(qint64 entryId);
    void applyMine(qint64 entryId);

private:
    void addRow(const QString &field, const QString &mine, const QString &theirs);

    qint64 m_entryId = 0;
    QTableWidget *m_table = nullptr;
};

} // namespace skillex::views
