// CommandPalette: a frameless list under a filter field, the keys shown beside each command.
#include "views/cases/palette/commandpalette.h"

#include "views/cases/palette/fuzzymatch.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace skillex::views {

namespace {
constexpr int kIndexRole = Qt::UserRole + 1;
constexpr int kIdRole = Qt::UserRole + 2;
} // namespace

CommandPalette::CommandPalette(QList<CaseCommand> commands, QWidget *parent)
    : QDialog(parent)
    , m_commands(std::move(commands))
{
    setObjectName(QStringLiteral("commandPalette"));
    setWindowTitle(tr("Command palette"));
    setAccessibleName(tr("Command palette"));
    auto *layout = new QVBoxLayout(this);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("paletteFilter"));
    m_filter->setAccessibleName(tr("Type a command or view"));
    m_filter->setPlaceholderText(tr("Type an action or a view…  (Enter runs, Esc closes)"));
    m_filter->installEventFilter(this);
    layout->addWidget(m_filter);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("paletteList"));
    m_list->setAccessibleName(tr("Commands"));
    m_list->setUniformItemSizes(true);
    layout->addWidget(m_list);
    auto *hint = new QLabel(tr("↑ ↓ choose · Enter run · Esc close"), this);
    hint->setEnabled(false);
    layout->addWidget(hint);
    connect(m_filter, &QLineEdit::textChanged, this, &CommandPalette::refilter);
    connect(m_list, &QListWidget::itemActivated, this, &CommandPalette::runCurrent);
    refilter();
    resize(520, 420);
    m_filter->setFocus();
}

QStringList CommandPalette::shownIds() const
{
    QStringList ids;
    for (int i = 0; i < m_list->count(); ++i)
        ids << m_list->item(i)->data(kIdRole).toString();
    return ids;
}

void CommandPalette::refilter()
{
    struct Hit {
        int score;
        int index;
    };
    QList<Hit> hits;
    for (int i = 0; i < m_commands.size(); ++i) {
        const CaseCommand &c = m_commands.at(i);
        // A pattern scattered thinly over a long title (score <= 0) is noise, not a match.
        const bool typed = !m_filter->text().trimmed().isEmpty();
        if (auto score = fuzzyMatch(m_filter->text(), c.title); score && (!typed || *score > 0))
            hits.append({*score, i});
        else if (auto groupScore = fuzzyMatch(m_filter->text(), c.group + u' ' + c.title);
                 groupScore && (!typed || *groupScore > 0))
            hits.append({*groupScore - 20, i});
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const Hit &a, const Hit &b) { return a.score > b.score; });
    m_list->clear();
    for (const Hit &hit : hits) {
        const CaseCommand &c = m_commands.at(hit.index);
        QString text = QStringLiteral("%1: %2").arg(c.group, c.title);
        if (!c.key.isEmpty())
            text += QStringLiteral("    [%1]").arg(c.keyText());
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(kIndexRole, hit.index);
        item->setData(kIdRole, c.id);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void CommandPalette::runCurrent()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const CaseCommand command = m_commands.at(item->data(kIndexRole).toInt());
    accept();
    // After the palette closed, so that what runs (a dialog, a focus move) is on the page.
    if (command.run)
        command.run();
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Down:
        case Qt::Key_Up:
        case Qt::Key_PageDown:
        case Qt::Key_PageUp: {
            const int step = key->key() == Qt::Key_Down     ? 1
                             : key->key() == Qt::Key_Up     ? -1
                             : key->key() == Qt::Key_PageUp ? -10
                                                            : 10;
            if (m_list->count() > 0)
                m_list->setCurrentRow(qBound(0, m_list->currentRow() + step, m_list->count() - 1));
            return true;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter:
            runCurrent();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace skillex::views
