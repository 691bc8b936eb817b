// QueueFilterBar: category, severity and assignee pickers and the text search over the queue;
// what it picks narrows the chosen tab's filter.
#pragma once

#include "models/casefilter.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTimer;

namespace skillex::client {
class CacheDb;
}

namespace skillex::views {

class QueueFilterBar : public QWidget {
    Q_OBJECT

public:
    QueueFilterBar(client::CacheDb *db, QWidget *parent = nullptr);

    // The tab's filter narrowed by what is picked here.
    models::CaseFilter narrow(models::CaseFilter base) const;
    QLineEdit *searchField() const { return m_search; }
    QComboBox *categoryBox() const { return m_category; }
    QComboBox *severityBox() const { return m_severity; }
    QComboBox *assigneeBox() const { return m_assignee; }
    // Staff names for the assignee picker, from the cache's staff table.
    void reloadStaff();
    void clear();

signals:
    void changed();

private:
    client::CacheDb *m_db = nullptr;
    QComboBox *m_category = nullptr;
    QComboBox *m_severity = nullptr;
    QComboBox *m_assignee = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_typing = nullptr;
};

} // namespace skillex::views
