// MoveSkillDialog: the category the skill is in is listed but cannot be chosen.
#include "views/taxonomy/moveskilldialog.h"

#include "models/taxonomymodel.h"

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace skillex::views {

using models::TaxonomyModel;

MoveSkillDialog::MoveSkillDialog(TaxonomyModel *model, qint64 currentCategoryId,
                                 const QString &skillName, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("moveToDialog"));
    setWindowTitle(tr("Move to category"));
    auto *intro = new QLabel(
        tr("Move <b>%1</b> to: (it goes last in the new category)").arg(skillName.toHtmlEscaped()),
        this);
    m_filter = new QLineEdit(this);
    m_filter->setAccessibleName(tr("Filter categories"));
    m_filter->setPlaceholderText(tr("Type to filter categories"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("moveToList"));
    m_list->setAccessibleName(tr("Categories"));
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex c = model->index(r, 0);
        auto *item = new QListWidgetItem(c.data().toString(), m_list);
        const qint64 id = c.data(TaxonomyModel::IdRole).toLongLong();
        item->setData(Qt::UserRole, id);
        if (id == currentCategoryId) {
            item->setText(tr("%1 (current)").arg(c.data().toString()));
            item->setFlags(item->flags() & ~(Qt::ItemIsSelectable | Qt::ItemIsEnabled));
        }
    }
    connect(m_filter, &QLineEdit::textChanged, this, &MoveSkillDialog::applyFilter);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *move = buttons->addButton(tr("&Move"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    const auto accept = [this] {
        QListWidgetItem *item = m_list->currentItem();
        if (!item || !(item->flags() & Qt::ItemIsEnabled) || item->isHidden())
            return;
        emit categoryChosen(item->data(Qt::UserRole).toLongLong());
        QDialog::accept();
    };
    connect(move, &QPushButton::clicked, this, accept);
    connect(m_list, &QListWidget::itemActivated, this, accept);
    connect(m_filter, &QLineEdit::returnPressed, this, accept);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(380, 420);
}

void MoveSkillDialog::choose(qint64 categoryId)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toLongLong() == categoryId)
            m_list->setCurrentRow(i);
}

void MoveSkillDialog::applyFilter(const QString &text)
{
    QListWidgetItem *first = nullptr;
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const bool show = item->text().contains(text.trimmed(), Qt::CaseInsensitive);
        item->setHidden(!show);
        if (show && !first && (item->flags() & Qt::ItemIsEnabled))
            first = item;
    }
    if (first)
        m_list->setCurrentItem(first);
}

} // namespace skillex::views
