// StatementView: GET /admin/ledger/accounts/{account}/statement, page by page.
#include "views/finance/statementview.h"

#include "client/workspace/workspace.h"
#include "views/finance/apirequest.h"
#include "views/finance/financecsv.h"
#include "views/finance/financeformat.h"
#include "views/finance/financetable.h"
#include "views/finance/jsonrowsmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace skillex::views::finance {

namespace {
const Qt::Alignment kRight = Qt::AlignRight | Qt::AlignVCenter;
qint64 number(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInteger();
}
QString text(const QJsonObject &o, const char *key)
{
    return scalarText(o.value(QLatin1String(key)));
}
QString signedCredits(qint64 v)
{
    return v > 0 ? QStringLiteral("+") + credits(v) : credits(v);
}
QString refText(const QJsonObject &o)
{
    const QJsonObject ref = o.value(QStringLiteral("ref")).toObject();
    const QString type = ref.value(QStringLiteral("type")).toString();
    return type.isEmpty() ? QString() : type + u' ' + scalarText(ref.value(QStringLiteral("id")));
}
} // namespace

StatementView::StatementView(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("statementView"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("statementAccount"));
    m_input->setAccessibleName(tr("Account"));
    m_input->setPlaceholderText(tr("42 (a member), user:42, escrow, income:fees, clearing:stripe…"));
    m_input->setClearButtonEnabled(true);
    auto *show = new QPushButton(tr("&Show statement"), this);
    show->setObjectName(QStringLiteral("statementShow"));
    show->setDefault(true);
    auto *exportCsv = new QPushButton(tr("E&xport CSV…"), this);
    exportCsv->setObjectName(QStringLiteral("statementExport"));
    top->addWidget(new QLabel(tr("&Account:"), this));
    qobject_cast<QLabel *>(top->itemAt(0)->widget())->setBuddy(m_input);
    top->addWidget(m_input, 1);
    top->addWidget(show);
    top->addWidget(exportCsv);
    layout->addLayout(top);
    m_summary = new QLabel(tr("Type an account (a member's wallet is user:<id>) and press "
                              "Show statement."),
                           this);
    m_summary->setObjectName(QStringLiteral("statementSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_lines = new JsonRowsModel(
        {{tr("Date"),
          [](const QJsonObject &o) { return timeText(o.value(QStringLiteral("created_at"))); }},
         {tr("Code"), [](const QJsonObject &o) { return text(o, "code"); }},
         {tr("Counterparty"), [](const QJsonObject &o) { return text(o, "counterparty"); }},
         {tr("Reference"), refText},
         {tr("Change"),
          [](const QJsonObject &o) { return signedCredits(number(o, "change")); },
          {},
          kRight},
         {tr("Pending change"),
          [](const QJsonObject &o) {
              return number(o, "pending_change") == 0 ? QString()
                                                      : signedCredits(number(o, "pending_change"));
          },
          {},
          kRight},
         {tr("Balance"),
          [](const QJsonObject &o) { return credits(number(o, "balance")); },
          {},
          kRight},
         {tr("Pending"),
          [](const QJsonObject &o) { return credits(number(o, "pending")); },
          {},
          kRight},
         {tr("Available"),
          [](const QJsonObject &o) {
              return o.contains(QStringLiteral("available")) ? credits(number(o, "available"))
                                                             : QString();
          },
          {},
          kRight}},
        this);
    m_lines->setItalic([](const QJsonObject &o) {
        return o.value(QStringLiteral("kind")).toString() == QLatin1String("pending");
    });
    m_lots = new JsonRowsModel(
        {{tr("Source"), [](const QJsonObject &o) { return text(o, "source"); }},
         {tr("Granted"),
          [](const QJsonObject &o) { return credits(number(o, "amount")); },
          {},
          kRight},
         {tr("Remaining"),
          [](const QJsonObject &o) { return credits(number(o, "remaining")); },
          {},
          kRight},
         {tr("Granted on"),
          [](const QJsonObject &o) { return timeText(o.value(QStringLiteral("granted_at"))); }},
         {tr("Expires"),
          [](const QJsonObject &o) { return timeText(o.value(QStringLiteral("expires_at"))); }},
         {tr("Reference"), refText}},
        this);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_table = makeFinanceTable(m_lines, tr("Statement lines"), splitter, 3);
    m_table->setObjectName(QStringLiteral("statementTable"));
    auto *lotsBox = new QWidget(splitter);
    auto *lotsLayout = new QVBoxLayout(lotsBox);
    lotsLayout->setContentsMargins(0, 0, 0, 0);
    m_lotsTitle = new QLabel(tr("Credit lots"), lotsBox);
    lotsLayout->addWidget(m_lotsTitle);
    m_lotsTable = makeFinanceTable(m_lots, tr("Credit lots with expiry"), lotsBox, 5);
    m_lotsTable->setObjectName(QStringLiteral("statementLots"));
    lotsLayout->addWidget(m_lotsTable, 1);
    splitter->addWidget(m_table);
    splitter->addWidget(lotsBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    auto *bottom = new QHBoxLayout;
    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("statementInfo"));
    m_more = new QPushButton(tr("Load &more"), this);
    m_more->setEnabled(false);
    bottom->addWidget(m_info, 1);
    bottom->addWidget(m_more);
    layout->addLayout(bottom);

    connect(show, &QPushButton::clicked, this, [this] { showAccount(m_input->text()); });
    connect(m_input, &QLineEdit::returnPressed, this, [this] { showAccount(m_input->text()); });
    connect(m_more, &QPushButton::clicked, this, &StatementView::loadMore);
    connect(exportCsv, &QPushButton::clicked, this, [this] {
        exportModelCsv(
            this, m_lines,
            QStringLiteral("statement-%1.csv").arg(QString(m_accountName).replace(u':', u'-')));
    });
}

void StatementView::showAccount(const QString &account)
{
    QString name = account.trimmed();
    // A bare member id means that member's wallet.
    static const QRegularExpression digits(QStringLiteral("^\\d+$"));
    if (digits.match(name).hasMatch())
        name = QStringLiteral("user:") + name;
    if (name.isEmpty()) {
        m_summary->setText(tr("Type an account first: user:<member id>, escrow, income:fees…"));
        return;
    }
    m_input->setText(name);
    m_accountName = name;
    m_account = {};
    m_next.clear();
    m_lines->setItems({});
    m_lots->setItems({});
    fetch(false);
}

void StatementView::loadMore()
{
    if (!m_next.isEmpty() && !m_loading)
        fetch(true);
}

void StatementView::fetch(bool more)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
    if (more)
        query.addQueryItem(QStringLiteral("after"), m_next);
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_more->setEnabled(false);
    m_info->setText(tr("Loading the statement…"));
    const QString path = QStringLiteral("/api/v1/admin/ledger/accounts/%1/statement")
                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_accountName, ":")));
    getJson(m_workspace->api(), path, query, this,
            [this, generation, more](const client::ApiResult &result) {
                if (generation != m_generation)
                    return;
                m_loading = false;
                if (!result.ok) {
                    m_info->clear();
                    m_summary->setText(result.status == 404
                                           ? tr("There is no account %1.").arg(m_accountName)
                                           : failureText(tr("load the statement"), result));
                    return;
                }
                const QJsonObject page = result.object();
                m_account = page.value(QStringLiteral("account")).toObject();
                m_next = page.value(QStringLiteral("next")).toString();
                const QJsonArray items = page.value(QStringLiteral("items")).toArray();
                if (more)
                    m_lines->appendItems(items);
                else
                    m_lines->setItems(items);
                if (!more || page.contains(QStringLiteral("lots")))
                    m_lots->setItems(page.value(QStringLiteral("lots")).toArray());
                m_more->setEnabled(!m_next.isEmpty());
                m_info->setText(m_lines->rowCount() == 0
                                    ? tr("No entries on this account yet.")
                                    : tr("%n line(s)%1", nullptr, m_lines->rowCount())
                                          .arg(m_next.isEmpty()
                                                   ? tr(", back to the first")
                                                   : tr(", older lines on the server")));
                showSummary();
                emit loaded();
            });
}

void StatementView::showSummary()
{
    const QJsonObject &a = m_account;
    QString summary = tr("%1 (%2): balance %3 · pending %4")
                          .arg(text(a, "id"), text(a, "kind"), credits(number(a, "balance")),
                               credits(number(a, "pending")));
    if (a.contains(QStringLiteral("available")))
        summary += tr(" · available %1").arg(credits(number(a, "available")));
    summary += tr(" · debits posted %1, credits posted %2")
                   .arg(credits(number(a, "debits_posted")), credits(number(a, "credits_posted")));
    m_summary->setText(summary);
    const bool wallet = text(a, "kind") == QLatin1String("user");
    m_lotsTitle->setText(
        wallet
            ? tr("Credit lots with credits left, soonest expiry first (%1)").arg(m_lots->rowCount())
            : tr("Credit lots: only member wallets have them."));
}

bool StatementView::exportTo(const QString &path, QString *error) const
{
    return writeCsvFile(path, modelToCsv(m_lines), error);
}

} // namespace skillex::views::finance
