// TaxonomyConflictBar: "apply mine on top" re-sends the same change against the server's current
// version; for a reorder it rebuilds the list from the current one (new nodes go last).
#include "views/taxonomy/taxonomyconflictbar.h"

#include "client/outbox/outbox.h"
#include "client/outbox/taxonomyactions.h"
#include "views/taxonomy/taxonomyconflictdialog.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>

namespace skillex::views {

TaxonomyConflictBar::TaxonomyConflictBar(client::Outbox *outbox, NameOf nameOf, QWidget *parent)
    : QFrame(parent)
    , m_outbox(outbox)
    , m_nameOf(std::move(nameOf))
{
    setObjectName(QStringLiteral("taxonomyConflictBar"));
    setStyleSheet(QStringLiteral(
        "QFrame#taxonomyConflictBar { border: 1px solid #c0392b; border-left: 4px solid #c0392b;"
        " border-radius: 4px; background: rgba(192, 57, 43, 0.08); }"));
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("conflictText"));
    m_text->setWordWrap(true);
    m_compare = new QPushButton(tr("&Compare…"), this);
    m_compare->setObjectName(QStringLiteral("conflictCompare"));
    m_compare->setAccessibleName(tr("Compare your version with the server's"));
    m_discard = new QPushButton(tr("&Discard mine"), this);
    m_discard->setObjectName(QStringLiteral("conflictDiscard"));
    connect(m_compare, &QPushButton::clicked, this, &TaxonomyConflictBar::compare);
    connect(m_discard, &QPushButton::clicked, this, [this] {
        if (m_shown)
            keepTheirs(m_shown->id);
    });
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_compare);
    layout->addWidget(m_discard);
    connect(m_outbox, &client::Outbox::entriesChanged, this, &TaxonomyConflictBar::refresh);
    hide();
    refresh();
}

void TaxonomyConflictBar::refresh()
{
    m_shown.reset();
    int count = 0;
    for (const client::OutboxEntry &e : m_outbox->entries(0)) {
        if (!client::actions::isTaxonomyKind(e.action.kind) && e.action.kind != u"skill.rename")
            continue;
        if (e.state != client::OutboxState::Conflict && e.state != client::OutboxState::Failed)
            continue;
        ++count;
        if (!m_shown)
            m_shown = e;
    }
    if (!m_shown) {
        hide();
        return;
    }
    const bool conflict = m_shown->state == client::OutboxState::Conflict;
    // Named as the admin knows it, not by id: "Photography", "the order of Languages".
    const client::Action &a = m_shown->action;
    QString subject;
    if (a.kind == QLatin1String("taxonomy.reorder"))
        subject = a.targetId > 0
                      ? tr("the order of %1").arg(m_nameOf(QStringLiteral("category"), a.targetId))
                      : tr("the order of the categories");
    else if (a.targetType == QLatin1String("skill"))
        subject = m_nameOf(QStringLiteral("skill"), a.targetId);
    else if (a.targetType == QLatin1String("skill_category") && a.targetId > 0)
        subject = m_nameOf(QStringLiteral("category"), a.targetId);
    else
        subject = a.summary;
    QString text = conflict ? tr("\u2716 Not applied: someone else changed %1 before your change "
                                 "reached the server.")
                                  .arg(subject)
                            : tr("\u2716 Not applied to %1: %2").arg(subject, m_shown->lastError);
    if (count > 1)
        text += QLatin1Char(' ') + tr("(%n more waiting)", nullptr, count - 1);
    m_text->setText(text);
    // A conflict with the server's current node can be compared; a refusal only discarded.
    m_compare->setVisible(conflict && m_shown->conflictCurrent.isObject());
    m_discard->setText(conflict ? tr("Keep &theirs") : tr("&Discard mine"));
    show();
}

TaxonomyConflictDialog *TaxonomyConflictBar::compare()
{
    if (!m_shown || !m_shown->conflictCurrent.isObject())
        return nullptr;
    if (m_dialog)
        m_dialog->close();
    m_dialog = new TaxonomyConflictDialog(*m_shown, m_nameOf, window());
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &TaxonomyConflictDialog::keepTheirs, this, &TaxonomyConflictBar::keepTheirs);
    connect(m_dialog, &TaxonomyConflictDialog::applyMine, this, &TaxonomyConflictBar::applyMine);
    m_dialog->open();
    return m_dialog;
}

void TaxonomyConflictBar::keepTheirs(qint64 entryId)
{
    // The server's version is already in the cache (its event), so discarding is enough.
    m_outbox->discard(entryId);
}

void TaxonomyConflictBar::applyMine(qint64 entryId)
{
    const auto entry = m_outbox->entry(entryId);
    if (!entry)
        return;
    const QJsonObject current = entry->conflictCurrent.toObject();
    if (entry->action.kind != QLatin1String("taxonomy.reorder")) {
        m_outbox->retry(entryId, QStringLiteral("\"%1\"").arg(
                                     current.value(QStringLiteral("version")).toInt()));
        return;
    }
    // A list's If-Match is each node's version: take them from the current list, keep my order
    // for the nodes that are still there, and put the ones I never saw last.
    QHash<qint64, int> versions;
    QList<qint64> theirs;
    for (const QJsonValue v : current.value(QStringLiteral("items")).toArray()) {
        const QJsonObject node = v.toObject();
        const qint64 id = qint64(node.value(QStringLiteral("id")).toDouble());
        theirs << id;
        versions.insert(id, node.value(QStringLiteral("version")).toInt());
    }
    QList<qint64> ids;
    for (const QJsonValue v : entry->action.body.value(QStringLiteral("ids")).toArray())
        if (versions.contains(qint64(v.toDouble())))
            ids << qint64(v.toDouble());
    for (qint64 id : std::as_const(theirs))
        if (!ids.contains(id))
            ids << id;
    QList<int> idVersions;
    for (qint64 id : std::as_const(ids))
        idVersions << versions.value(id);
    const qint64 categoryId =
        qint64(entry->action.body.value(QStringLiteral("category_id")).toDouble());
    m_outbox->discard(entryId);
    m_outbox->enqueue(client::actions::reorderTaxonomy(categoryId, ids, idVersions));
}

} // namespace skillex::views
