// LinkOpener: a detail dialog per linked object; bookings and lots have no page of their own.
#include "views/finance/linkopener.h"

#include "client/workspace/workspace.h"
#include "views/finance/jsondetaildialog.h"
#include "views/finance/paymentdetaildialog.h"

#include <QMessageBox>

namespace skillex::views::finance {

LinkOpener::LinkOpener(client::Workspace *workspace, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_workspace(workspace)
    , m_parent(dialogParent)
{}

bool LinkOpener::open(const QJsonObject &ref)
{
    const QString type = ref.value(QStringLiteral("type")).toString();
    const QString id = ref.value(QStringLiteral("id")).toVariant().toString();
    if (type == QLatin1String("payment")) {
        emit paymentRequested(id.toLongLong());
        auto *dialog = new PaymentDetailDialog(m_workspace, id.toLongLong(), m_parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        m_last = dialog;
        return true;
    }
    QString path;
    QString title;
    if (type == QLatin1String("adjustment")) {
        path = QStringLiteral("/api/v1/admin/adjustments/%1").arg(id);
        title = tr("Adjustment #%1").arg(id);
    } else if (type == QLatin1String("session")) {
        path = QStringLiteral("/api/v1/admin/sessions/%1").arg(id);
        title = tr("Session #%1").arg(id);
    } else if (type == QLatin1String("case")) {
        emit caseRequested(id.toLongLong());
        path = QStringLiteral("/api/v1/admin/cases/%1").arg(id);
        title = tr("Case #%1").arg(id);
    } else if (type == QLatin1String("user")) {
        path = QStringLiteral("/api/v1/admin/users/%1").arg(id);
        title = tr("Member #%1").arg(id);
    } else {
        QMessageBox::information(m_parent, tr("Open linked object"),
                                 type.isEmpty()
                                     ? tr("This transfer links nothing.")
                                     : tr("A %1 (%2) has no page of its own; its transfers are in "
                                          "the ledger under the reference %1:%2.")
                                           .arg(type, id));
        return false;
    }
    auto *dialog = new JsonDetailDialog(m_workspace->api(), title, path, m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    m_last = dialog;
    return true;
}

} // namespace skillex::views::finance
