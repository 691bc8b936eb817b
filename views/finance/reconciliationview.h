// ReconciliationView: load a provider's settlement CSV, see the run's summary (matched,
// missing on either side, differing, bad rows), its rows filtered by outcome, earlier runs,
// and export the rows as CSV.
#pragma once

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace skillex::client {
class Workspace;
}

namespace skillex::views::finance {

class JsonRowsModel;
class SettlementUpload;

class ReconciliationView : public QWidget {
    Q_OBJECT

public:
    explicit ReconciliationView(client::Workspace *workspace, QWidget *parent = nullptr);

    // "stripe" or "razorpay".
    void setProvider(const QString &provider);
    // Reads and uploads the file (the file dialog calls this); false with the message shown
    // when the file cannot be read or is too large.
    bool loadFile(const QString &path);
    // Shows an earlier run and its rows.
    void showRun(qint64 runId);
    void reloadRuns();
    bool isBusy() const;
    QJsonObject run() const { return m_run; }
    JsonRowsModel *rows() const { return m_rows; }
    // The rows as shown (after the outcome filter) as CSV to path.
    bool exportTo(const QString &path, QString *error) const;
    QString messageText() const;

signals:
    void runShown(const QJsonObject &run);

private:
    void chooseFile();
    void fetchRows(qint64 runId, const QString &after);
    void showSummary();

    client::Workspace *m_workspace = nullptr;
    SettlementUpload *m_upload = nullptr;
    QComboBox *m_provider = nullptr;
    QComboBox *m_runs = nullptr;
    QComboBox *m_outcome = nullptr;
    QPushButton *m_load = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_message = nullptr;
    JsonRowsModel *m_rows = nullptr;
    QSortFilterProxyModel *m_filtered = nullptr;
    QTableView *m_table = nullptr;
    QJsonObject m_run;
    bool m_fetchingRows = false;
    quint64 m_generation = 0;
};

} // namespace skillex::views::finance
