// AliasChips: the server's alias rules (at most 20, 1-64 characters, none alike, none equal to
// one of the skill's names) are checked before saving so the message sits beside the chips.
#include "views/taxonomy/aliaschips.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QShortcut>
#include <QVBoxLayout>

namespace skillex::views {

namespace {
constexpr int kMaxAliases = 20;
constexpr int kMaxAliasLength = 64;
} // namespace

AliasChips::AliasChips(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("aliasChips"));
    m_chips = new QListWidget(this);
    m_chips->setObjectName(QStringLiteral("aliasList"));
    m_chips->setAccessibleName(tr("Aliases"));
    m_chips->setViewMode(QListView::IconMode);
    m_chips->setFlow(QListView::LeftToRight);
    m_chips->setWrapping(true);
    m_chips->setResizeMode(QListView::Adjust);
    m_chips->setMovement(QListView::Static);
    m_chips->setSpacing(3);
    m_chips->setMaximumHeight(64);
    m_chips->setStyleSheet(QStringLiteral(
        "QListWidget#aliasList { border: 1px solid palette(mid); border-radius: 4px; }"
        "QListWidget#aliasList::item { border: 1px solid palette(mid); border-radius: 9px;"
        " padding: 1px 8px; background: palette(alternate-base); color: palette(text); }"
        "QListWidget#aliasList::item:selected { background: palette(highlight);"
        " color: palette(highlighted-text); }"));
    auto *del = new QShortcut(QKeySequence::Delete, m_chips, nullptr, nullptr, Qt::WidgetShortcut);
    connect(del, &QShortcut::activated, this, &AliasChips::removeSelected);

    m_empty =
        new QLabel(tr("No aliases yet: other names members may search for this skill by."), this);
    m_empty->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    m_empty->setWordWrap(true);

    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("aliasInput"));
    m_input->setAccessibleName(tr("New alias"));
    m_input->setPlaceholderText(tr("Add an alias and press Enter"));
    m_input->setMaxLength(kMaxAliasLength);
    connect(m_input, &QLineEdit::returnPressed, this, &AliasChips::addFromInput);
    m_add = new QPushButton(tr("Add"), this);
    m_add->setAccessibleName(tr("Add alias"));
    connect(m_add, &QPushButton::clicked, this, &AliasChips::addFromInput);
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setAccessibleName(tr("Remove the selected alias"));
    m_remove->setToolTip(tr("Remove the selected alias (Delete)"));
    connect(m_remove, &QPushButton::clicked, this, &AliasChips::removeSelected);

    auto *row = new QHBoxLayout;
    row->addWidget(m_input, 1);
    row->addWidget(m_add);
    row->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_chips);
    layout->addWidget(m_empty);
    layout->addLayout(row);
}

void AliasChips::setAliases(const QStringList &aliases)
{
    m_saved = aliases;
    m_chips->clear();
    m_chips->addItems(aliases);
    updateEmptyHint();
}

void AliasChips::updateEmptyHint()
{
    // The empty state says what would be here.
    m_chips->setToolTip(m_chips->count() == 0
                            ? tr("No aliases: other names members may search for this skill by")
                            : QString());
    m_empty->setVisible(m_chips->count() == 0);
    m_chips->setVisible(m_chips->count() > 0);
}

void AliasChips::showEdited(const QStringList &aliases)
{
    m_chips->clear();
    m_chips->addItems(aliases);
    updateEmptyHint();
}

QStringList AliasChips::aliases() const
{
    QStringList out;
    for (int i = 0; i < m_chips->count(); ++i)
        out << m_chips->item(i)->text();
    return out;
}

bool AliasChips::isEdited() const
{
    QStringList a = aliases(), b = m_saved;
    a.sort();
    b.sort();
    return a != b;
}

QString AliasChips::validate(const QStringList &ownNames) const
{
    const QStringList list = aliases();
    if (list.size() > kMaxAliases)
        return tr("At most %1 aliases; remove %2.").arg(kMaxAliases).arg(list.size() - kMaxAliases);
    QSet<QString> own, seen;
    for (const QString &n : ownNames)
        own.insert(n.simplified().toCaseFolded());
    for (const QString &a : list) {
        const QString folded = a.toCaseFolded();
        if (own.contains(folded))
            return tr("\"%1\" is already one of the skill's names.").arg(a);
        if (seen.contains(folded))
            return tr("\"%1\" is listed twice.").arg(a);
        seen.insert(folded);
    }
    return {};
}

void AliasChips::setReadOnly(bool readOnly)
{
    m_input->setVisible(!readOnly);
    m_add->setVisible(!readOnly);
    m_remove->setVisible(!readOnly);
}

void AliasChips::addFromInput()
{
    const QString alias = m_input->text().simplified();
    if (alias.isEmpty())
        return;
    for (const QString &a : aliases())
        if (a.toCaseFolded() == alias.toCaseFolded()) {
            m_input->selectAll();
            return; // already there: nothing to add, and the text stays for correcting
        }
    m_chips->addItem(alias);
    m_input->clear();
    updateEmptyHint();
    emit edited();
}

void AliasChips::removeSelected()
{
    const auto selected = m_chips->selectedItems();
    if (selected.isEmpty())
        return;
    delete selected.first();
    updateEmptyHint();
    emit edited();
}

} // namespace skillex::views
