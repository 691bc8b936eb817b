// ReconciliationView: upload -> run -> rows (paged until the end), filtered on the outcome.
#include "views/finance/reconciliationview.h"

#include "client/workspace/workspace.h"
#include "views/finance/apirequest.h"
#include "views/finance/financecsv.h"
#include "views/finance/financeformat.h"
#include "views/finance/financetable.h"
#include "views/finance/jsonrowsmodel.h"
#include "views/finance/settlementupload.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace skillex::views::finance {

namespace {
const Qt::Alignment kRight = Qt::AlignRight | Qt::AlignVCenter;
QString side(const QJsonObject &row, const char *which)
{
    const QJsonObject o = row.value(QLatin1String(which)).toObject();
    if (o.isEmpty())
        return {};
    QString t = money(o.value(QStringLiteral("amount_minor")).toInteger(),
                      o.value(QStringLiteral("currency")).toString());
    if (o.contains(QStringLiteral("status")))
        t += QStringLiteral(" · ") + o.value(QStringLiteral("status")).toString();
    return t;
}
QString outcomeText(const QString &outcome)
{
    if (outcome == QLatin1String("missing_internal"))
        return ReconciliationView::tr("missing here");
    if (outcome == QLatin1String("missing_in_report"))
        return ReconciliationView::tr("missing in the report");
    if (outcome == QLatin1String("bad_row"))
        return ReconciliationView::tr("bad row");
    return statusText(outcome);
}
QString list(const QJsonValue &v)
{
    QStringList parts;
    for (const QJsonValue &x : v.toArray())
        parts << scalarText(x);
    return parts.join(QStringLiteral(", "));
}
} // namespace

ReconciliationView::ReconciliationView(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_upload(new SettlementUpload(workspace->api(), this))
{
    setObjectName(QStringLiteral("reconciliationView"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_provider = new QComboBox(this);
    m_provider->setObjectName(QStringLiteral("reconProvider"));
    m_provider->setAccessibleName(tr("Provider of the report"));
    m_provider->addItem(QStringLiteral("Stripe"), QStringLiteral("stripe"));
    m_provider->addItem(QStringLiteral("Razorpay"), QStringLiteral("razorpay"));
    m_load = new QPushButton(tr("&Load settlement CSV…"), this);
    m_load->setObjectName(QStringLiteral("reconLoad"));
    m_runs = new QComboBox(this);
    m_runs->setObjectName(QStringLiteral("reconRuns"));
    m_runs->setAccessibleName(tr("Earlier runs"));
    m_runs->setMinimumContentsLength(28);
    auto *exportCsv = new QPushButton(tr("E&xport rows…"), this);
    exportCsv->setObjectName(QStringLiteral("reconExport"));
    top->addWidget(new QLabel(tr("Provider:"), this));
    top->addWidget(m_provider);
    top->addWidget(m_load);
    top->addSpacing(16);
    top->addWidget(new QLabel(tr("Run:"), this));
    top->addWidget(m_runs, 1);
    top->addWidget(exportCsv);
    layout->addLayout(top);

    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Upload progress"));
    m_progress->hide();
    layout->addWidget(m_progress);
    m_summary = new QLabel(tr("Load a provider's settlement report (Stripe itemized balance "
                              "change report or Razorpay settlement recon) to match it against "
                              "our payments."),
                           this);
    m_summary->setObjectName(QStringLiteral("reconSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    layout->addWidget(m_summary);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("reconMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);

    auto *filter = new QHBoxLayout;
    m_outcome = new QComboBox(this);
    m_outcome->setObjectName(QStringLiteral("reconOutcome"));
    m_outcome->setAccessibleName(tr("Show rows with outcome"));
    m_outcome->addItem(tr("All rows"), QString());
    m_outcome->addItem(tr("Matched"), QStringLiteral("matched"));
    m_outcome->addItem(tr("Differing"), QStringLiteral("differing"));
    m_outcome->addItem(tr("Missing here (in the report only)"), QStringLiteral("missing_internal"));
    m_outcome->addItem(tr("Missing in the report"), QStringLiteral("missing_in_report"));
    m_outcome->addItem(tr("Bad rows"), QStringLiteral("bad_row"));
    m_outcome->addItem(tr("Ignored"), QStringLiteral("ignored"));
    filter->addWidget(new QLabel(tr("Show:"), this));
    filter->addWidget(m_outcome);
    filter->addStretch(1);
    layout->addLayout(filter);

    m_rows = new JsonRowsModel(
        {{tr("Line"),
          [](const QJsonObject &o) { return scalarText(o.value(QStringLiteral("line"))); },
          [](const QJsonObject &o) { return o.value(QStringLiteral("line")).toInteger(); }, kRight},
         {tr("Outcome"),
          [](const QJsonObject &o) {
              return outcomeText(o.value(QStringLiteral("outcome")).toString());
          },
          // The raw outcome: what the outcome filter matches on.
          [](const QJsonObject &o) { return o.value(QStringLiteral("outcome")).toString(); }},
         {tr("Kind"),
          [](const QJsonObject &o) { return o.value(QStringLiteral("kind")).toString(); }},
         {tr("Report id"),
          [](const QJsonObject &o) { return scalarText(o.value(QStringLiteral("report_id"))); }},
         {tr("Order"),
          [](const QJsonObject &o) { return scalarText(o.value(QStringLiteral("order_id"))); }},
         {tr("Payment"),
          [](const QJsonObject &o) { return scalarText(o.value(QStringLiteral("payment_id"))); }},
         {tr("In the report"), [](const QJsonObject &o) { return side(o, "report"); }, {}, kRight},
         {tr("Ours"), [](const QJsonObject &o) { return side(o, "internal"); }, {}, kRight},
         {tr("Differences"),
          [](const QJsonObject &o) { return list(o.value(QStringLiteral("differences"))); }},
         {tr("Detail"),
          [](const QJsonObject &o) { return scalarText(o.value(QStringLiteral("detail"))); }}},
        this);
    m_filtered = new QSortFilterProxyModel(this);
    m_filtered->setSourceModel(m_rows);
    m_filtered->setSortRole(JsonRowsModel::SortRole);
    m_filtered->setFilterKeyColumn(1);
    m_filtered->setFilterRole(JsonRowsModel::SortRole);
    m_table = makeFinanceTable(m_filtered, tr("Reconciliation rows"), this);
    m_table->setObjectName(QStringLiteral("reconTable"));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(0, Qt::AscendingOrder);
    layout->addWidget(m_table, 1);

    connect(m_load, &QPushButton::clicked, this, &ReconciliationView::chooseFile);
    connect(exportCsv, &QPushButton::clicked, this, [this] {
        exportModelCsv(this, m_filtered,
                       QStringLiteral("reconciliation-%1.csv")
                           .arg(m_run.value(QStringLiteral("id")).toInteger()));
    });
    connect(m_outcome, &QComboBox::currentIndexChanged, this, [this] {
        const QString outcome = m_outcome->currentData().toString();
        m_filtered->setFilterRegularExpression(
            outcome.isEmpty() ? QString()
                              : QStringLiteral("^%1$").arg(QRegularExpression::escape(outcome)));
    });
    connect(m_runs, &QComboBox::activated, this, [this](int index) {
        const qint64 id = m_runs->itemData(index).toLongLong();
        if (id > 0 && id != m_run.value(QStringLiteral("id")).toInteger())
            showRun(id);
    });
    connect(m_upload, &SettlementUpload::progress, this, [this](qint64 sent, qint64 total) {
        m_progress->setRange(0, total > 0 ? 1000 : 0);
        if (total > 0)
            m_progress->setValue(int(sent * 1000 / total));
    });
    connect(m_upload, &SettlementUpload::failed, this, [this](const QString &message) {
        m_progress->hide();
        m_load->setEnabled(true);
        m_message->setText(tr("Not reconciled: %1").arg(message));
    });
    connect(m_upload, &SettlementUpload::finished, this, [this](const QJsonObject &run) {
        m_progress->hide();
        m_load->setEnabled(true);
        m_message->setText(
            tr("Report matched as run #%1.").arg(run.value(QStringLiteral("id")).toInteger()));
        m_run = run;
        showSummary();
        m_rows->setItems({});
        fetchRows(run.value(QStringLiteral("id")).toInteger(), {});
        reloadRuns();
    });
    if (!workspace->hasPermission(protocol::Permission::MoveMoney)) {
        m_load->setEnabled(false);
        m_load->setToolTip(tr("Your role can look at runs but not upload reports."));
    }
    reloadRuns();
}

void ReconciliationView::setProvider(const QString &provider)
{
    const int index = m_provider->findData(provider);
    if (index >= 0)
        m_provider->setCurrentIndex(index);
}

void ReconciliationView::chooseFile()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Load settlement report"), QString(),
                                     tr("Settlement reports (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

bool ReconciliationView::loadFile(const QString &path)
{
    QFile file(path);
    if (QFileInfo(path).size() > SettlementUpload::kMaxBytes) {
        m_message->setText(tr("%1 is larger than 10 MiB; the server takes reports up to that "
                              "size. Split it by date.")
                               .arg(QFileInfo(path).fileName()));
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        m_message->setText(tr("Could not read %1: %2").arg(path, file.errorString()));
        return false;
    }
    const QByteArray csv = file.readAll();
    if (csv.trimmed().isEmpty()) {
        m_message->setText(tr("%1 is empty.").arg(QFileInfo(path).fileName()));
        return false;
    }
    m_load->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_message->setText(
        tr("Uploading %1 (%2) and matching it…")
            .arg(QFileInfo(path).fileName(), QLocale().formattedDataSize(csv.size())));
    m_upload->start(m_provider->currentData().toString(), csv);
    return true;
}

void ReconciliationView::showRun(qint64 runId)
{
    m_rows->setItems({});
    m_run = {};
    m_summary->setText(tr("Loading run #%1…").arg(runId));
    fetchRows(runId, {});
}

void ReconciliationView::fetchRows(qint64 runId, const QString &after)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
    if (!after.isEmpty())
        query.addQueryItem(QStringLiteral("after"), after);
    const quint64 generation = after.isEmpty() ? ++m_generation : m_generation;
    m_fetchingRows = true;
    getJson(m_workspace->api(), QStringLiteral("/api/v1/admin/reconciliation/%1").arg(runId), query,
            this, [this, runId, generation](const client::ApiResult &result) {
                if (generation != m_generation)
                    return;
                if (!result.ok) {
                    m_fetchingRows = false;
                    m_message->setText(failureText(tr("load the run's rows"), result));
                    return;
                }
                const QJsonObject page = result.object();
                m_run = page.value(QStringLiteral("run")).toObject();
                m_rows->appendItems(page.value(QStringLiteral("items")).toArray());
                const QString next = page.value(QStringLiteral("next")).toString();
                showSummary();
                if (!next.isEmpty()) {
                    fetchRows(runId, next);
                    return;
                }
                m_fetchingRows = false;
                emit runShown(m_run);
            });
}

void ReconciliationView::reloadRuns()
{
    getJson(m_workspace->api(), QStringLiteral("/api/v1/admin/reconciliation"),
            QUrlQuery(QStringLiteral("limit=100")), this, [this](const client::ApiResult &result) {
                if (!result.ok)
                    return; // the list of earlier runs is a convenience; the upload still works
                m_runs->clear();
                const QJsonArray runs = result.object().value(QStringLiteral("items")).toArray();
                if (runs.isEmpty())
                    m_runs->addItem(tr("no runs yet"), 0);
                for (const QJsonValue &v : runs) {
                    const QJsonObject r = v.toObject();
                    m_runs->addItem(tr("#%1 %2, %3")
                                        .arg(r.value(QStringLiteral("id")).toInteger())
                                        .arg(r.value(QStringLiteral("provider")).toString(),
                                             timeText(r.value(QStringLiteral("created_at")))),
                                    r.value(QStringLiteral("id")).toInteger());
                }
                const int current = m_runs->findData(m_run.value(QStringLiteral("id")).toInteger());
                if (current >= 0)
                    m_runs->setCurrentIndex(current);
            });
}

void ReconciliationView::showSummary()
{
    const QJsonObject s = m_run.value(QStringLiteral("summary")).toObject();
    auto n = [&s](const char *key) {
        return QLocale().toString(s.value(QLatin1String(key)).toInteger());
    };
    m_summary->setText(
        tr("<b>Run #%1</b> · %2 (%3) · period %4 – %5 · %6 report rows<br>"
           "✔ <b>%7</b> matched · ≠ <b>%8</b> differing · ✖ <b>%9</b> missing here · "
           "✖ <b>%10</b> missing in the report · ⚠ <b>%11</b> bad rows · %12 ignored")
            .arg(m_run.value(QStringLiteral("id")).toInteger())
            .arg(m_run.value(QStringLiteral("provider")).toString(),
                 m_run.value(QStringLiteral("layout")).toString(),
                 dayText(m_run.value(QStringLiteral("period_from"))),
                 dayText(m_run.value(QStringLiteral("period_to"))), n("report_rows"), n("matched"),
                 n("differing"), n("missing_internal"))
            .arg(n("missing_in_report"), n("bad_rows"), n("ignored")));
}

bool ReconciliationView::isBusy() const
{
    return m_upload->isRunning() || m_fetchingRows;
}

bool ReconciliationView::exportTo(const QString &path, QString *error) const
{
    return writeCsvFile(path, modelToCsv(m_filtered), error);
}

QString ReconciliationView::messageText() const
{
    return m_message->text();
}

} // namespace skillex::views::finance
