// PaymentsView: the payments list (provider, status, member filters; newest first; more pages
// on demand) beside the selected payment's detail with its webhook history and Refund.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace skillex::client {
class Workspace;
}

namespace skillex::views::finance {

class JsonRowsModel;
class PaymentDetail;

class PaymentsView : public QWidget {
    Q_OBJECT

public:
    explicit PaymentsView(client::Workspace *workspace, QWidget *parent = nullptr);

    void reload();
    void loadMore();
    // Selects the payment (showing its detail), loading it even when not in the list.
    void showPayment(qint64 paymentId);
    void setStatusFilter(const QString &status);
    bool isLoading() const { return m_loading; }
    JsonRowsModel *model() const { return m_model; }
    PaymentDetail *detail() const { return m_detail; }
    QTableView *table() const { return m_table; }

private:
    void fetch(bool more);

    client::Workspace *m_workspace = nullptr;
    QComboBox *m_provider = nullptr;
    QComboBox *m_status = nullptr;
    QLineEdit *m_member = nullptr;
    QLabel *m_info = nullptr;
    QPushButton *m_more = nullptr;
    JsonRowsModel *m_model = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    QTableView *m_table = nullptr;
    PaymentDetail *m_detail = nullptr;
    QString m_next;
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace skillex::views::finance
