// PaymentDetailDialog: the detail and a Close button.
#include "views/finance/paymentdetaildialog.h"

#include "views/finance/paymentdetail.h"

#include <QDialogButtonBox>
#include <QVBoxLayout>

namespace skillex::views::finance {

PaymentDetailDialog::PaymentDetailDialog(client::Workspace *workspace, qint64 paymentId,
                                         QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("paymentDetailDialog"));
    setWindowTitle(tr("Payment #%1").arg(paymentId));
    resize(760, 560);
    auto *layout = new QVBoxLayout(this);
    m_detail = new PaymentDetail(workspace, this);
    layout->addWidget(m_detail, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_detail->showPayment(paymentId);
}

} // namespace skillex::views::finance
