// LedgerCheckView: the check on demand; colour never alone (an icon and "OK"/"Broken").
#include "views/finance/ledgercheckview.h"

#include "client/api/apiclient.h"
#include "client/workspace/workspace.h"
#include "views/finance/apirequest.h"
#include "views/finance/financeformat.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace skillex::views::finance {

LedgerCheckView::LedgerCheckView(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("ledgerCheckView"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_banner = new QLabel(tr("The ledger check recomputes every account from the transfers and "
                             "tests DOMAIN.md's five invariants. Press Run check."),
                          this);
    m_banner->setObjectName(QStringLiteral("ledgerCheckBanner"));
    m_banner->setWordWrap(true);
    m_run = new QPushButton(tr("&Run check"), this);
    m_run->setObjectName(QStringLiteral("ledgerCheckRun"));
    top->addWidget(m_banner, 1);
    top->addWidget(m_run);
    layout->addLayout(top);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("ledgerCheckTree"));
    m_tree->setAccessibleName(tr("Ledger invariants"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Invariant"), tr("State"), tr("Detail")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->setRootIsDecorated(true);
    layout->addWidget(m_tree, 1);
    connect(m_run, &QPushButton::clicked, this, &LedgerCheckView::runCheck);
}

void LedgerCheckView::runCheck()
{
    if (m_running)
        return;
    m_running = true;
    m_run->setEnabled(false);
    m_banner->setText(tr("Checking the ledger… this reads every account and transfer."));
    m_workspace->api()->get(QStringLiteral("/api/v1/admin/ledger/check"), this,
                            [this](const client::ApiResult &result) {
                                m_running = false;
                                m_run->setEnabled(true);
                                if (!result.ok) {
                                    m_banner->setText(failureText(tr("run the check"), result) +
                                                      tr(" Press Run check to try again."));
                                    return;
                                }
                                display(result.object());
                            });
}

void LedgerCheckView::display(const QJsonObject &result)
{
    m_result = result;
    const bool ok = result.value(QStringLiteral("ok")).toBool();
    m_banner->setText(
        (ok ? tr("✔ The ledger is consistent: all five invariants hold.")
            : tr("✖ The ledger breaks an invariant: see the accounts below.")) +
        tr(" %1 accounts and %2 transfers checked at %3.")
            .arg(QLocale().toString(result.value(QStringLiteral("accounts_checked")).toInteger()),
                 QLocale().toString(result.value(QStringLiteral("transfers_checked")).toInteger()),
                 timeText(result.value(QStringLiteral("checked_at")))));
    m_banner->setStyleSheet(ok ? QStringLiteral("color: #2e7d32; font-weight: bold;")
                               : QStringLiteral("color: #c62828; font-weight: bold;"));
    m_tree->clear();
    const QIcon good = style()->standardIcon(QStyle::SP_DialogApplyButton);
    const QIcon bad = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    for (const QJsonValue &v : result.value(QStringLiteral("invariants")).toArray()) {
        const QJsonObject inv = v.toObject();
        const bool holds = inv.value(QStringLiteral("ok")).toBool();
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(0, tr("%1. %2")
                             .arg(inv.value(QStringLiteral("number")).toInteger())
                             .arg(inv.value(QStringLiteral("name")).toString()));
        item->setIcon(1, holds ? good : bad);
        item->setText(1, holds ? tr("OK") : tr("Broken"));
        item->setForeground(1, holds ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
        item->setText(2, inv.value(QStringLiteral("detail")).toString());
        item->setToolTip(2, inv.value(QStringLiteral("detail")).toString());
        for (const QJsonValue &account : inv.value(QStringLiteral("accounts")).toArray()) {
            auto *child = new QTreeWidgetItem(item);
            child->setText(0, scalarText(account.isObject()
                                             ? account.toObject().value(QStringLiteral("id"))
                                             : account));
            child->setText(2, account.isObject()
                                  ? scalarText(account.toObject().value(QStringLiteral("detail")))
                                  : QString());
        }
        item->setExpanded(!holds);
    }
    emit checked(ok);
}

} // namespace skillex::views::finance
