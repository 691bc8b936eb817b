// TaxonomyConflictBar: the red bar over the taxonomy when one of the admin's edits was not applied
// — a conflict (someone else changed the node first: Compare… opens TaxonomyConflictDialog) or a
// refusal (the server's reason, with Discard). Resolving goes back through the outbox.
#pragma once

#include "client/outbox/outboxentry.h"

#include <QFrame>
#include <QPointer>

class QLabel;
class QPushButton;

namespace skillex::client {
class Outbox;
}

namespace skillex::views {

class TaxonomyConflictDialog;

class TaxonomyConflictBar : public QFrame {
    Q_OBJECT

public:
    using NameOf = std::function<QString(const QString &kind, qint64 id)>;

    TaxonomyConflictBar(client::Outbox *outbox, NameOf nameOf, QWidget *parent = nullptr);

    // The first open conflict or failure shown, if any.
    std::optional<client::OutboxEntry> shown() const { return m_shown; }
    // Opens the comparison for the shown conflict (Compare…); null when there is none.
    TaxonomyConflictDialog *compare();
    void keepTheirs(qint64 entryId);
    void applyMine(qint64 entryId);

public slots:
    void refresh();

private:
    client::Outbox *m_outbox = nullptr;
    NameOf m_nameOf;
    std::optional<client::OutboxEntry> m_shown;
    QLabel *m_text = nullptr;
    QPushButton *m_compare = nullptr;
    QPushButton *m_discard = nullptr;
    QPointer<TaxonomyConflictDialog> m_dialog;
};

} // namespace skillex::views
