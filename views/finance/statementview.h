// StatementView: any account's statement with its running balance (newest first, more pages on
// demand, balances carried across pages by the server) and, for a wallet, the credit lots with
// their expiry; the lines export as CSV.
#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace skillex::client {
class Workspace;
}

namespace skillex::views::finance {

class JsonRowsModel;

class StatementView : public QWidget {
    Q_OBJECT

public:
    explicit StatementView(client::Workspace *workspace, QWidget *parent = nullptr);

    // "user:42", "escrow", ... Loads the first page.
    void showAccount(const QString &account);
    void loadMore();
    bool isLoading() const { return m_loading; }
    bool hasMore() const { return !m_next.isEmpty(); }
    QJsonObject account() const { return m_account; }
    JsonRowsModel *lines() const { return m_lines; }
    JsonRowsModel *lots() const { return m_lots; }
    // Writes the loaded lines as CSV to path (false and error on failure).
    bool exportTo(const QString &path, QString *error) const;

signals:
    void loaded();

private:
    void fetch(bool more);
    void showSummary();

    client::Workspace *m_workspace = nullptr;
    QLineEdit *m_input = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_info = nullptr;
    QPushButton *m_more = nullptr;
    QTableView *m_table = nullptr;
    QTableView *m_lotsTable = nullptr;
    QLabel *m_lotsTitle = nullptr;
    JsonRowsModel *m_lines = nullptr;
    JsonRowsModel *m_lots = nullptr;
    QJsonObject m_account;
    QString m_accountName;
    QString m_next;
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace skillex::views::finance
