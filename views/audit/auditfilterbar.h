// AuditFilterBar: the audit log's filters (actor, action, target, dates) as one row of fields;
// Enter or Apply hands the whole filter on.
#pragma once

#include "models/auditfilter.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;

namespace skillex::client {
class CacheDb;
}

namespace skillex::views {

class AuditFilterBar : public QWidget {
    Q_OBJECT

public:
    explicit AuditFilterBar(client::CacheDb *cache, QWidget *parent = nullptr);

    // The filter the fields say now; nullopt (with the reason shown) when a field is wrong.
    std::optional<models::AuditFilter> filter() const;
    void setFilter(const models::AuditFilter &filter);
    void clear();
    // Fills the actor list from the staff in the cache.
    void reloadActors();

signals:
    void applied(const skillex::models::AuditFilter &filter);

private:
    void apply();

    client::CacheDb *m_cache = nullptr;
    QComboBox *m_actor = nullptr;
    QComboBox *m_action = nullptr;
    QComboBox *m_targetType = nullptr;
    QLineEdit *m_targetId = nullptr;
    QCheckBox *m_useFrom = nullptr;
    QDateEdit *m_from = nullptr;
    QCheckBox *m_useTo = nullptr;
    QDateEdit *m_to = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace skillex::views
