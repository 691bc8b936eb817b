// MemberBrowser: the Users area's search (name, email or id, as you type) over every account in
// the cache, beside the chosen account's file.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace skillex::client {
class Workspace;
}
namespace skillex::models {
class UsersModel;
}

namespace skillex::views {

class MemberFileView;

class MemberBrowser : public QWidget {
    Q_OBJECT

public:
    explicit MemberBrowser(client::Workspace *workspace, QWidget *parent = nullptr);

    void setSearch(const QString &text);
    models::UsersModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    MemberFileView *file() const { return m_file; }
    // Selects the account in the list (when shown) and opens its file.
    void openUser(qint64 userId);

private:
    void updateCount();
    void exportCsv();

    client::Workspace *m_workspace = nullptr;
    models::UsersModel *m_model = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_kind = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_table = nullptr;
    MemberFileView *m_file = nullptr;
};

} // namespace skillex::views
