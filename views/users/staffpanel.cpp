// StaffPanel: the staff table is the cache's staff table (kept current by staff.* events).
#include "views/users/staffpanel.h"
#include "client/cache/onfinished.h"

#include "client/api/apiclient.h"
#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/cache/tablechange.h"
#include "client/outbox/outbox.h"
#include "client/outbox/useractions.h"
#include "client/workspace/workspace.h"
#include "views/common/roletext.h"
#include "views/users/staffinvitedialog.h"
#include "views/users/staffrolesdialog.h"
#include "views/users/userformat.h"

#include <QColor>
#include <QFuture>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace skillex::views {

namespace {
enum Col { Id, Name, Email, Roles, Status };

// "senior moderator, finance" for the eye; the raw names stay in the sort role.
QString readableRoles(const QStringList &names)
{
    QList<protocol::Role> roles;
    for (const QString &name : names)
        if (const auto role = protocol::roleFromName(name))
            roles << *role;
    return rolesText(roles);
}
} // namespace

StaffPanel::StaffPanel(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("staffPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    auto *bar = new QHBoxLayout;
    auto *filter = new QLineEdit(this);
    filter->setObjectName(QStringLiteral("staffFilter"));
    filter->setAccessibleName(tr("Filter staff"));
    filter->setPlaceholderText(tr("Filter by name, email or role"));
    filter->setClearButtonEnabled(true);
    bar->addWidget(filter, 1);
    m_invite = new QPushButton(tr("&Invite staff…"), this);
    m_invite->setObjectName(QStringLiteral("inviteStaffButton"));
    m_invite->setAccessibleName(tr("Invite a staff member"));
    m_roles = new QPushButton(tr("Change &roles…"), this);
    m_roles->setObjectName(QStringLiteral("changeRolesButton"));
    m_roles->setAccessibleName(tr("Change the selected account's roles"));
    m_disable = new QPushButton(tr("&Disable…"), this);
    m_disable->setObjectName(QStringLiteral("disableStaffButton"));
    m_disable->setAccessibleName(tr("Disable or enable the selected account"));
    bar->addWidget(m_invite);
    bar->addWidget(m_roles);
    bar->addWidget(m_disable);
    layout->addLayout(bar);

    m_model = new QStandardItemModel(0, 5, this);
    m_model->setHorizontalHeaderLabels(
        {tr("Id"), tr("Name"), tr("Email"), tr("Roles"), tr("Status")});
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortRole(Qt::UserRole);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("staffTable"));
    m_table->setAccessibleName(tr("Staff accounts"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Name, Qt::AscendingOrder);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setColumnWidth(Id, 60);
    m_table->setColumnWidth(Name, 200);
    m_table->setColumnWidth(Email, 300);
    m_table->setColumnWidth(Roles, 260);
    m_table->setTextElideMode(Qt::ElideMiddle);
    layout->addWidget(m_table, 1);
    m_empty =
        new QLabel(tr("No staff accounts in the cache yet: they arrive with the sync."), this);
    m_empty->setObjectName(QStringLiteral("placeholderText"));
    layout->addWidget(m_empty);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("staffNotice"));
    m_notice->setWordWrap(true);
    m_notice->hide();
    layout->addWidget(m_notice);

    connect(filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_invite, &QPushButton::clicked, this, [this] { invite(); });
    connect(m_roles, &QPushButton::clicked, this, &StaffPanel::askRoles);
    connect(m_disable, &QPushButton::clicked, this, &StaffPanel::askDisable);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &StaffPanel::updateButtons);
    connect(workspace->cache(), &client::CacheDb::changed, this, &StaffPanel::onCacheChanged);
    connect(
        workspace->outbox(), &client::Outbox::entriesChanged, this,
        [this](const QList<qint64> &ids) {
            if (m_pendingOutboxId <= 0 || !ids.contains(m_pendingOutboxId))
                return;
            const auto entry = m_workspace->outbox()->entry(m_pendingOutboxId);
            if (!entry)
                return;
            if (entry->state == client::OutboxState::Done) {
                setNotice(tr("Done: %1.").arg(entry->action.summary), QStringLiteral("#2e7d32"));
                m_pendingOutboxId = 0;
            } else if (entry->state == client::OutboxState::Conflict ||
                       entry->state == client::OutboxState::Failed) {
                setNotice(tr("Not applied: %1").arg(entry->lastError), QStringLiteral("#c0392b"));
                m_pendingOutboxId = 0;
            }
        });
    reload();
}

void StaffPanel::reload()
{
    const qint64 keep = selectedId();
    m_model->removeRows(0, m_model->rowCount());
    QSqlQuery &q = m_workspace->cache()->reader()->run(
        QStringLiteral("SELECT id, name, email, roles, status FROM staff ORDER BY id"));
    while (q.next()) {
        QStringList roles;
        for (const QJsonValue &r : QJsonDocument::fromJson(q.value(3).toString().toUtf8()).array())
            roles << r.toString();
        QList<QStandardItem *> row;
        auto item = [](const QString &text, const QVariant &sort) {
            auto *i = new QStandardItem(text);
            i->setData(sort, Qt::UserRole);
            i->setEditable(false);
            return i;
        };
        const QString status = q.value(4).toString();
        row << item(QString::number(q.value(0).toLongLong()), q.value(0).toLongLong())
            << item(q.value(1).toString(), q.value(1).toString().toLower())
            << item(q.value(2).toString(), q.value(2).toString())
            << item(readableRoles(roles), roles.join(QStringLiteral(", ")))
            << item(userformat::statusText(status), status);
        row.first()->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row.last()->setForeground(QColor(userformat::statusColor(status)));
        m_model->appendRow(row);
    }
    q.finish();
    m_empty->setVisible(m_model->rowCount() == 0);
    if (keep > 0)
        select(keep);
    updateButtons();
}

void StaffPanel::onCacheChanged(const client::TableChange &change)
{
    if (change.table == QLatin1String("staff"))
        reload();
}

bool StaffPanel::select(qint64 staffId)
{
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        if (m_proxy->index(r, Id).data(Qt::UserRole).toLongLong() == staffId) {
            m_table->setCurrentIndex(m_proxy->index(r, Name));
            return true;
        }
    }
    return false;
}

qint64 StaffPanel::selectedId() const
{
    const QModelIndex current = m_table ? m_table->currentIndex() : QModelIndex();
    if (!current.isValid())
        return 0;
    return m_proxy->index(current.row(), Id).data(Qt::UserRole).toLongLong();
}

QString StaffPanel::selectedValue(int column) const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_proxy->index(current.row(), column).data(Qt::UserRole).toString()
                             : QString();
}

void StaffPanel::updateButtons()
{
    const bool any = selectedId() > 0;
    m_roles->setEnabled(any);
    m_disable->setEnabled(any && selectedId() != m_workspace->me().id);
    m_disable->setToolTip(any && selectedId() == m_workspace->me().id
                              ? tr("You cannot disable your own account")
                              : QString());
    m_disable->setText(selectedValue(Status) == QLatin1String("disabled") ? tr("&Enable…")
                                                                          : tr("&Disable…"));
}

StaffInviteDialog *StaffPanel::invite()
{
    auto *dialog = new StaffInviteDialog(m_workspace->api(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &StaffInviteDialog::created, this, [this](const QJsonObject &account) {
        setNotice(tr("%1 was invited.").arg(account.value(QStringLiteral("email")).toString()),
                  QStringLiteral("#2e7d32"));
    });
    dialog->open();
    return dialog;
}

void StaffPanel::askRoles()
{
    const qint64 id = selectedId();
    if (id <= 0)
        return;
    QStringList current;
    for (const QString &r : selectedValue(Roles).split(QStringLiteral(", "), Qt::SkipEmptyParts))
        current << r;
    const QString name = m_proxy->index(m_table->currentIndex().row(), Name).data().toString();
    auto *dialog = new StaffRolesDialog(name, current, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, id] { enqueueWithVersion(id, dialog->roles(), std::nullopt); });
    dialog->open();
}

void StaffPanel::askDisable()
{
    const qint64 id = selectedId();
    if (id <= 0)
        return;
    const bool disabled = selectedValue(Status) == QLatin1String("disabled");
    const QString name = m_proxy->index(m_table->currentIndex().row(), Name).data().toString();
    const auto answer = QMessageBox::question(
        this, disabled ? tr("Enable %1").arg(name) : tr("Disable %1").arg(name),
        disabled ? tr("%1 will be able to sign in again with their password.").arg(name)
                 : tr("Disabling %1 signs them out everywhere at once (every token stops "
                      "working) and they cannot sign in until an admin enables the account "
                      "again.")
                       .arg(name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        setStatus(disabled ? QStringLiteral("active") : QStringLiteral("disabled"));
}

void StaffPanel::changeRoles(const QStringList &roles)
{
    if (selectedId() > 0)
        enqueueWithVersion(selectedId(), roles, std::nullopt);
}

void StaffPanel::setStatus(const QString &status)
{
    if (selectedId() > 0)
        enqueueWithVersion(selectedId(), std::nullopt, status);
}

void StaffPanel::enqueueWithVersion(qint64 staffId, const std::optional<QStringList> &roles,
                                    const std::optional<QString> &status)
{
    setNotice(tr("Reading the account's current version…"));
    m_workspace->api()->get(
        QStringLiteral("/api/v1/admin/staff/%1").arg(staffId), this,
        [this, staffId, roles, status](const client::ApiResult &result) {
            // Offline or unreachable: queue with "*" rather than lose the change; the server's
            // last-admin and self-lockout checks still hold.
            const int version =
                result.ok ? result.object().value(QStringLiteral("version")).toInt() : 0;
            if (!result.ok && !result.error.isConnectivityProblem()) {
                setNotice(tr("Not queued: %1").arg(result.error.message()),
                          QStringLiteral("#c0392b"));
                return;
            }
            QPointer<StaffPanel> self(this);
            client::onFinished(m_workspace->outbox()
                ->enqueue(client::actions::updateStaff(staffId, version, roles, status)), m_workspace->cache(), [self](const client::CacheWriteResult &w) {
                    if (!self)
                        return;
                    if (!w.ok) {
                        self->setNotice(tr("Not queued: %1").arg(w.error),
                                        QStringLiteral("#c0392b"));
                        return;
                    }
                    self->m_pendingOutboxId = w.value.toLongLong();
                    self->setNotice(tr("Queued; sent when the console is online."),
                                    QStringLiteral("#b26a00"));
                    emit self->queued(self->m_pendingOutboxId);
                });
        });
}

void StaffPanel::setNotice(const QString &text, const QString &color)
{
    m_notice->setVisible(!text.isEmpty());
    m_notice->setText(text);
    m_notice->setStyleSheet(
        color.isEmpty()
            ? QString()
            : QStringLiteral("QLabel { border-left: 4px solid %1; padding: 4px 8px; }").arg(color));
}

} // namespace skillex::views
