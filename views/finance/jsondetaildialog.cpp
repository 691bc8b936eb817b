// JsonDetailDialog: a two-column tree (field, value); nested objects and lists expand.
#include "views/finance/jsondetaildialog.h"

#include "client/api/apiclient.h"
#include "views/finance/apirequest.h"
#include "views/finance/financeformat.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace skillex::views::finance {

JsonDetailDialog::JsonDetailDialog(client::ApiClient *api, const QString &title,
                                   const QString &path, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_path(path)
{
    setWindowTitle(title);
    setObjectName(QStringLiteral("financeDetailDialog"));
    resize(560, 480);
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(tr("Loading…"), this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Field"), tr("Value")});
    m_tree->setAccessibleName(tr("Details of %1").arg(title));
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    layout->addWidget(m_tree, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setDefault(true);
    auto *retry = buttons->addButton(tr("&Reload"), QDialogButtonBox::ActionRole);
    retry->setAutoDefault(false);
    connect(retry, &QPushButton::clicked, this, &JsonDetailDialog::load);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    load();
}

void JsonDetailDialog::load()
{
    m_status->setText(tr("Loading…"));
    m_api->get(m_path, this, [this](const client::ApiResult &result) {
        if (!result.ok) {
            m_status->setText(failureText(tr("load the details"), result) +
                              tr(" Press Reload to try again."));
            return;
        }
        display(result.object());
    });
}

void JsonDetailDialog::display(const QJsonObject &object)
{
    m_object = object;
    m_status->setText(windowTitle());
    m_tree->clear();
    for (auto it = object.begin(); it != object.end(); ++it)
        addValue(nullptr, m_tree, it.key(), it.value());
    m_tree->expandToDepth(0);
    // Expand arrows only when something nests (a payment's webhooks, a session's bookings).
    bool nested = false;
    for (int i = 0; i < m_tree->topLevelItemCount() && !nested; ++i)
        nested = m_tree->topLevelItem(i)->childCount() > 0;
    m_tree->setRootIsDecorated(nested);
    emit loaded();
}

void JsonDetailDialog::addValue(QTreeWidgetItem *parent, QTreeWidget *tree, const QString &key,
                                const QJsonValue &value)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
    item->setText(0, key);
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            addValue(item, tree, it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        item->setText(1, tr("%n item(s)", nullptr, int(array.size())));
        for (qsizetype i = 0; i < array.size(); ++i)
            addValue(item, tree, QString::number(i + 1), array.at(i));
    } else {
        // Times in the person's locale; the server's exact value on hover.
        const bool time = key.endsWith(QLatin1String("_at")) && value.isString();
        item->setText(1, time ? timeText(value) : scalarText(value));
        item->setToolTip(1, scalarText(value));
    }
}

} // namespace skillex::views::finance
