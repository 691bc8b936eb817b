// NodeDetailPane: the right side of the taxonomy — the selected category or skill with its
// names in the four languages, aliases as chips, status and usage, and the admin's actions
// (save, deprecate, move, merge). Edits keep the version they started from, so a change made
// meanwhile by someone else comes back as a conflict rather than being overwritten.
#pragma once

#include "client/outbox/outboxentry.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;

namespace skillex::client {
class ApiClient;
struct Action;
} // namespace skillex::client
namespace skillex::models {
class TaxonomyModel;
}

namespace skillex::views {

class AliasChips;
class NamesGrid;

class NodeDetailPane : public QWidget {
    Q_OBJECT

public:
    NodeDetailPane(client::ApiClient *api, models::TaxonomyModel *model, bool editable,
                   QWidget *parent = nullptr);

    // Shows a node ("category" or "skill"); an id of 0 shows the empty state.
    void showNode(const QString &kind, qint64 id);
    QString kind() const { return m_kind; }
    qint64 nodeId() const { return m_id; }
    // The version the current edits started from (If-Match).
    int baseVersion() const { return m_baseVersion; }
    bool isEdited() const;

    NamesGrid *names() const { return m_names; }
    AliasChips *aliases() const { return m_aliases; }

public slots:
    // After the cache changed: a node without edits follows the server; one with edits keeps
    // them and says the server moved on.
    void refreshFromModel();
    // Validates and asks for the change (actionRequested); false with the reason shown.
    bool save();
    void revert();
    // What became of an action on the shown node (from the outbox): done, a conflict (the pane
    // shows the server's version; the bar compares), or a refusal (the admin's text is put
    // back into the fields, with the server's reason).
    void noteOutcome(const skillex::client::OutboxEntry &entry);

signals:
    void actionRequested(const client::Action &action);
    void moveRequested(qint64 skillId);
    void mergeRequested(qint64 skillId);

private:
    void load(bool keepEdits);
    void updateButtons();
    void fetchUsage();
    QModelIndex current() const;

    client::ApiClient *m_api = nullptr;
    models::TaxonomyModel *m_model = nullptr;
    bool m_editable = false;
    QString m_kind;
    qint64 m_id = 0;
    int m_baseVersion = 0;
    QString m_status;

    QWidget *m_empty = nullptr;
    QWidget *m_body = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_statusChip = nullptr;
    QLabel *m_usage = nullptr;
    QLabel *m_notice = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_aliasLabel = nullptr;
    NamesGrid *m_names = nullptr;
    AliasChips *m_aliases = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
    QPushButton *m_deprecate = nullptr;
    QPushButton *m_move = nullptr;
    QPushButton *m_merge = nullptr;
    int m_usageGeneration = 0;

    // Unsaved edits of nodes the admin moved away from, restored on coming back: switching
    // nodes loses nothing. Keyed "skill:12" / "category:3".
    struct Draft {
        int baseVersion = 0;
        QJsonObject names;
        QStringList aliases;
        bool aliasesEdited = false;
    };
    QHash<QString, Draft> m_drafts;
    void keepDraft();
    void restoreDraft();
};

} // namespace skillex::views
