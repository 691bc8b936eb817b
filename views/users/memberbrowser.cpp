// MemberBrowser: a windowed list over the cache (instant, offline too) and the file beside it.
#include "views/users/memberbrowser.h"

#include "client/workspace/workspace.h"
#include "models/usersmodel.h"
#include "views/users/memberfileview.h"
#include "views/users/userstatusdelegate.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTextStream>
#include <QVBoxLayout>

namespace skillex::views {

MemberBrowser::MemberBrowser(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("memberBrowser"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("usersSplitter"));
    layout->addWidget(splitter);

    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 4, 8);
    auto *bar = new QHBoxLayout;
    m_search = new QLineEdit(left);
    m_search->setObjectName(QStringLiteral("userSearch"));
    m_search->setAccessibleName(tr("Search members by name, email or id"));
    m_search->setPlaceholderText(tr("Search name, email or id  (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    bar->addWidget(m_search, 1);
    m_kind = new QComboBox(left);
    m_kind->setObjectName(QStringLiteral("userKind"));
    m_kind->setAccessibleName(tr("Kind of account"));
    m_kind->addItem(tr("Members"), QStringLiteral("member"));
    m_kind->addItem(tr("Staff"), QStringLiteral("staff"));
    m_kind->addItem(tr("Everyone"), QString());
    bar->addWidget(m_kind);
    auto *exportButton = new QPushButton(tr("E&xport CSV…"), left);
    exportButton->setAccessibleName(tr("Export the listed accounts as CSV"));
    bar->addWidget(exportButton);
    leftLayout->addLayout(bar);

    m_model = new models::UsersModel(workspace->cache(), this);
    m_model->setKind(QStringLiteral("member"));
    m_table = new QTableView(left);
    m_table->setObjectName(QStringLiteral("usersTable"));
    m_table->setAccessibleName(tr("Accounts"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(models::UsersModel::Status, new UserStatusDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(models::UsersModel::Name, Qt::AscendingOrder);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Sized so that name, email, status and since fit the list's half at 1280 px.
    m_table->setColumnWidth(models::UsersModel::Name, 145);
    m_table->setColumnWidth(models::UsersModel::Email, 235);
    m_table->setColumnWidth(models::UsersModel::Status, 75);
    m_table->horizontalHeader()->setTextElideMode(Qt::ElideMiddle);
    // One line per row: wrapping would break an email at a dot and hide the rest.
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle); // emails differ at both ends
    // The kind is the filter's: a column of "member" says nothing until both are shown.
    m_table->setColumnHidden(models::UsersModel::Kind, true);
    m_table->setAlternatingRowColors(true);
    leftLayout->addWidget(m_table, 1);
    m_count = new QLabel(left);
    m_count->setObjectName(QStringLiteral("userCount"));
    leftLayout->addWidget(m_count);

    m_file = new MemberFileView(workspace, splitter);
    splitter->addWidget(left);
    splitter->addWidget(m_file);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({600, 680});

    connect(m_search, &QLineEdit::textChanged, this, &MemberBrowser::setSearch);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setKind(m_kind->currentData().toString());
        m_table->setColumnHidden(models::UsersModel::Kind,
                                 !m_kind->currentData().toString().isEmpty());
        updateCount();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_file->showUser(m_model->idAt(current.row()));
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, &MemberBrowser::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MemberBrowser::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MemberBrowser::updateCount);
    // A burst of changes (the first sync) arrives as one layout change.
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &MemberBrowser::updateCount);
    connect(exportButton, &QPushButton::clicked, this, &MemberBrowser::exportCsv);
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    // Enter in the search opens the first match.
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_model->rowCount() > 0) {
            m_table->setCurrentIndex(m_model->index(0, 0));
            m_table->setFocus();
        }
    });
    updateCount();
}

void MemberBrowser::setSearch(const QString &text)
{
    if (m_search->text() != text)
        m_search->setText(text);
    m_model->setSearch(text);
    updateCount();
}

void MemberBrowser::openUser(qint64 userId)
{
    const int row = m_model->rowOfId(userId);
    if (row >= 0)
        m_table->setCurrentIndex(m_model->index(row, 0));
    m_file->showUser(userId);
}

void MemberBrowser::updateCount()
{
    const int n = m_model->rowCount();
    if (n == 0)
        m_count->setText(m_search->text().isEmpty()
                             ? tr("No accounts in the cache yet: they arrive with the first "
                                  "sync.")
                             : tr("No account matches \"%1\". Try part of the name, the email "
                                  "or the id.")
                                   .arg(m_search->text()));
    else
        m_count->setText(tr("Accounts: %1").arg(QLocale().toString(n)));
}

void MemberBrowser::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export accounts"), QStringLiteral("accounts.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        QMessageBox::warning(this, tr("Export accounts"),
                             tr("Could not write %1: %2").arg(path, file.errorString()));
        return;
    }
    QTextStream out(&file);
    auto field = [](QString s) {
        if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n'))
            s = u'"' + s.replace(u'"', QStringLiteral("\"\"")) + u'"';
        return s;
    };
    out << "id";
    for (int c = 0; c < m_model->columnCount(); ++c)
        out << ',' << field(m_model->headerData(c, Qt::Horizontal).toString());
    out << '\n';
    for (int r = 0; r < m_model->rowCount(); ++r) {
        out << m_model->idAt(r);
        for (int c = 0; c < m_model->columnCount(); ++c)
            out << ',' << field(m_model->index(r, c).data().toString());
        out << '\n';
    }
}

} // namespace skillex::views
