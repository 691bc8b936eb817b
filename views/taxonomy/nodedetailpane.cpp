// NodeDetailPane: usage (member skills, sessions) is not cached, so it is read from the
// server when a skill is shown; everything else comes from the cache through the model.
#include "views/taxonomy/nodedetailpane.h"

#include "client/api/apiclient.h"
#include "client/outbox/actions.h"
#include "client/outbox/taxonomyactions.h"
#include "models/taxonomymodel.h"
#include "views/taxonomy/aliaschips.h"
#include "views/taxonomy/namesgrid.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace skillex::views {

using models::TaxonomyModel;

NodeDetailPane::NodeDetailPane(client::ApiClient *api, TaxonomyModel *model, bool editable,
                               QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_model(model)
    , m_editable(editable)
{
    setObjectName(QStringLiteral("taxonomyDetail"));

    m_empty = new QLabel(tr("Select a category or a skill to see its names in every language, "
                            "its aliases and its status."),
                         this);
    static_cast<QLabel *>(m_empty)->setWordWrap(true);
    static_cast<QLabel *>(m_empty)->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));

    m_body = new QWidget(this);
    m_title = new QLabel(m_body);
    m_title->setObjectName(QStringLiteral("nodeTitle"));
    m_title->setStyleSheet(QStringLiteral("font-size: 15pt; font-weight: 600;"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusChip = new QLabel(m_body);
    m_statusChip->setObjectName(QStringLiteral("statusChip"));
    m_subtitle = new QLabel(m_body);
    m_subtitle->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_usage = new QLabel(m_body);
    m_usage->setObjectName(QStringLiteral("nodeUsage"));
    m_notice = new QLabel(m_body);
    m_notice->setObjectName(QStringLiteral("nodeNotice"));
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("color: #b26a00;"));
    m_error = new QLabel(m_body);
    m_error->setObjectName(QStringLiteral("nodeError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));

    m_names = new NamesGrid(m_body);
    m_aliases = new AliasChips(m_body);
    m_aliasLabel = new QLabel(tr("Aliases"), m_body);
    m_aliasLabel->setStyleSheet(QStringLiteral("font-weight: 600;"));
    auto *namesLabel = new QLabel(tr("Names"), m_body);
    namesLabel->setStyleSheet(QStringLiteral("font-weight: 600;"));

    m_save = new QPushButton(tr("&Save"), m_body);
    m_save->setObjectName(QStringLiteral("nodeSave"));
    m_save->setToolTip(tr("Send the changed names and aliases (Ctrl+S)"));
    m_revert = new QPushButton(tr("Re&vert"), m_body);
    m_revert->setObjectName(QStringLiteral("nodeRevert"));
    m_deprecate = new QPushButton(m_body);
    m_deprecate->setObjectName(QStringLiteral("nodeDeprecate"));
    m_move = new QPushButton(tr("M&ove to…"), m_body);
    m_move->setObjectName(QStringLiteral("nodeMove"));
    m_move->setToolTip(tr("Move the skill to another category (Ctrl+M)"));
    m_merge = new QPushButton(tr("Mer&ge…"), m_body);
    m_merge->setObjectName(QStringLiteral("nodeMerge"));
    m_merge->setToolTip(tr("Merge the skill into another, with a preview of what moves"));
    connect(m_save, &QPushButton::clicked, this, &NodeDetailPane::save);
    connect(m_revert, &QPushButton::clicked, this, &NodeDetailPane::revert);
    connect(m_move, &QPushButton::clicked, this, [this] { emit moveRequested(m_id); });
    connect(m_merge, &QPushButton::clicked, this, [this] { emit mergeRequested(m_id); });
    connect(m_deprecate, &QPushButton::clicked, this, [this] {
        const bool deprecate = m_status != QLatin1String("deprecated");
        emit actionRequested(client::actions::setSkillStatus(
            m_id, m_baseVersion,
            deprecate ? QStringLiteral("deprecated") : QStringLiteral("active")));
        m_notice->setText(deprecate ? tr("Deprecation queued.") : tr("Reactivation queued."));
    });
    auto *saveShortcut = new QShortcut(QKeySequence::Save, this);
    connect(saveShortcut, &QShortcut::activated, this, [this] {
        if (m_save->isEnabled())
            save();
    });
    connect(m_names, &NamesGrid::edited, this, &NodeDetailPane::updateButtons);
    connect(m_aliases, &AliasChips::edited, this, &NodeDetailPane::updateButtons);

    auto *head = new QHBoxLayout;
    head->addWidget(m_title);
    head->addWidget(m_statusChip);
    head->addStretch(1);
    auto *editRow = new QHBoxLayout;
    editRow->addStretch(1);
    editRow->addWidget(m_revert);
    editRow->addWidget(m_save);
    auto *nodeRow = new QHBoxLayout;
    nodeRow->addWidget(m_deprecate);
    nodeRow->addWidget(m_move);
    nodeRow->addWidget(m_merge);
    nodeRow->addStretch(1);

    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(8);
    body->addLayout(head);
    body->addWidget(m_subtitle);
    body->addWidget(m_usage);
    body->addSpacing(6);
    body->addWidget(namesLabel);
    body->addWidget(m_names);
    body->addSpacing(6);
    body->addWidget(m_aliasLabel);
    body->addWidget(m_aliases);
    body->addWidget(m_notice);
    body->addWidget(m_error);
    body->addLayout(editRow);
    body->addSpacing(6);
    body->addLayout(nodeRow);
    body->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_body, 1);

    m_names->setReadOnly(!editable);
    m_aliases->setReadOnly(!editable);
    for (QPushButton *b : {m_save, m_revert, m_deprecate, m_move, m_merge})
        b->setVisible(editable);
    showNode({}, 0);
}

QModelIndex NodeDetailPane::current() const
{
    if (m_id <= 0)
        return {};
    return m_kind == QLatin1String("skill") ? m_model->skillIndex(m_id)
                                            : m_model->categoryIndex(m_id);
}

void NodeDetailPane::showNode(const QString &kind, qint64 id)
{
    if (id > 0 && kind == m_kind && id == m_id)
        return;
    keepDraft();
    m_kind = kind;
    m_id = id;
    m_error->clear();
    m_notice->clear();
    load(false);
    restoreDraft();
    fetchUsage();
}

void NodeDetailPane::keepDraft()
{
    const QString key = m_kind + u':' + QString::number(m_id);
    if (m_id <= 0 || !isEdited()) {
        m_drafts.remove(key);
        return;
    }
    Draft d;
    d.baseVersion = m_baseVersion;
    d.names = m_names->edits();
    d.aliasesEdited = m_kind == QLatin1String("skill") && m_aliases->isEdited();
    d.aliases = m_aliases->aliases();
    m_drafts.insert(key, d);
}

void NodeDetailPane::restoreDraft()
{
    const auto it = m_drafts.constFind(m_kind + u':' + QString::number(m_id));
    if (it == m_drafts.constEnd() || !current().isValid())
        return;
    const Draft d = *it;
    m_drafts.erase(it);
    // The draft keeps the version it was started from: saving it against a node changed since
    // gives the conflict to choose from, rather than overwriting quietly.
    m_baseVersion = d.baseVersion;
    for (auto n = d.names.constBegin(); n != d.names.constEnd(); ++n)
        if (QLineEdit *edit = m_names->editor(n.key()))
            edit->setText(n.value().toString());
    m_names->refresh();
    if (d.aliasesEdited)
        m_aliases->showEdited(d.aliases);
    m_notice->setText(tr("Your unsaved changes are back; Save or Revert them."));
    const int now = current().data(TaxonomyModel::VersionRole).toInt();
    if (now != d.baseVersion)
        m_notice->setText(tr("Your unsaved changes are back. Changed on the server since you "
                             "started (version %1 → %2): saving will show both versions.")
                              .arg(d.baseVersion)
                              .arg(now));
    updateButtons();
}

bool NodeDetailPane::isEdited() const
{
    return m_id > 0 &&
           (m_names->isEdited() || (m_kind == QLatin1String("skill") && m_aliases->isEdited()));
}

void NodeDetailPane::refreshFromModel()
{
    if (m_id <= 0)
        return;
    load(isEdited());
}

void NodeDetailPane::load(bool keepEdits)
{
    // Notices are amber (a state to know about) unless a success says otherwise afterwards.
    m_notice->setStyleSheet(QStringLiteral("color: #b26a00;"));
    const QModelIndex node = current();
    m_empty->setVisible(!node.isValid());
    m_body->setVisible(node.isValid());
    if (!node.isValid()) {
        if (m_id > 0)
            static_cast<QLabel *>(m_empty)->setText(
                tr("This node is no longer in the tree (merged or removed on the server)."));
        return;
    }
    const bool skill = m_kind == QLatin1String("skill");
    const int version = node.data(TaxonomyModel::VersionRole).toInt();
    m_title->setText(node.data().toString());
    m_status = skill ? node.siblingAtColumn(TaxonomyModel::Status).data().toString() : QString();
    const QString slug = node.siblingAtColumn(TaxonomyModel::Slug).data().toString();
    m_subtitle->setText(
        skill ? tr("Skill #%1 · %2 · in %3 · version %4")
                    .arg(m_id)
                    .arg(slug, node.parent().data().toString())
                    .arg(version)
              : tr("Category #%1 · %2 · %n skill(s) · version %3", nullptr, m_model->rowCount(node))
                    .arg(m_id)
                    .arg(slug)
                    .arg(version));
    if (skill) {
        const bool deprecated = m_status == QLatin1String("deprecated");
        m_statusChip->setText(deprecated ? tr("\u25CB Deprecated") : tr("\u25CF Active"));
        m_statusChip->setStyleSheet(
            deprecated ? QStringLiteral("color: #b26a00; border: 1px solid #b26a00; "
                                        "border-radius: 9px; padding: 1px 8px;")
                       : QStringLiteral("color: #1e8449; border: 1px solid #1e8449; "
                                        "border-radius: 9px; padding: 1px 8px;"));
        m_deprecate->setText(deprecated ? tr("&Reactivate") : tr("&Deprecate"));
        m_deprecate->setToolTip(deprecated
                                    ? tr("Members may add the skill and offer sessions again")
                                    : tr("Members can no longer add the skill or offer "
                                         "sessions in it; it stays readable"));
    }
    m_statusChip->setVisible(skill);
    m_usage->setVisible(skill);
    m_aliasLabel->setVisible(skill);
    m_aliases->setVisible(skill);
    if (m_editable) {
        m_deprecate->setVisible(skill);
        m_move->setVisible(skill);
        m_merge->setVisible(skill);
    }
    if (keepEdits && version != m_baseVersion) {
        m_notice->setText(tr("Changed on the server since you started editing (version %1 → "
                             "%2). Saving will show both versions and let you choose.")
                              .arg(m_baseVersion)
                              .arg(version));
    } else if (!keepEdits) {
        m_baseVersion = version;
        m_names->setNames(node.data(TaxonomyModel::NamesRole).toMap());
        m_aliases->setAliases(node.data(TaxonomyModel::AliasesRole).toStringList());
    }
    updateButtons();
}

void NodeDetailPane::updateButtons()
{
    const bool edited = isEdited();
    m_save->setEnabled(edited);
    m_revert->setEnabled(edited);
    if (edited)
        m_error->clear();
}

void NodeDetailPane::fetchUsage()
{
    m_usage->clear();
    if (m_kind != QLatin1String("skill") || m_id <= 0 || !m_api)
        return;
    const int generation = ++m_usageGeneration;
    m_usage->setText(tr("Usage: loading…"));
    m_api->get(
        QStringLiteral("/api/v1/admin/taxonomy/skills/%1").arg(m_id), this,
        [this, generation](const client::ApiResult &result) {
            if (generation != m_usageGeneration)
                return;
            if (!result.ok) {
                m_usage->setText(tr("Usage: not available (%1)").arg(result.error.message()));
                return;
            }
            const QJsonObject usage = result.object().value(QStringLiteral("usage")).toObject();
            const QLocale locale;
            const auto n = [&](const char *key) {
                return locale.toString(qint64(usage.value(QLatin1String(key)).toDouble()));
            };
            m_usage->setText(tr("Usage: %1 teach · %2 learn · %3 sessions")
                                 .arg(n("teach"), n("learn"), n("sessions")));
        });
}

bool NodeDetailPane::save()
{
    if (!m_editable || !isEdited())
        return false;
    const bool skill = m_kind == QLatin1String("skill");
    QString problem = m_names->validate();
    if (problem.isEmpty() && skill && m_aliases->isEdited()) {
        QStringList own;
        for (const QString &code : NamesGrid::languages())
            own << m_names->editor(code)->text();
        own.removeAll(QString());
        problem = m_aliases->validate(own);
    }
    if (!problem.isEmpty()) {
        // The edits stay in the fields: nothing typed is lost.
        m_error->setText(tr("\u2716 Not saved: %1").arg(problem));
        return false;
    }
    const QJsonObject names = m_names->edits();
    client::Action action;
    if (!skill) {
        action = client::actions::updateCategory(m_id, m_baseVersion, names);
    } else if (names.size() == 1 && names.contains(QStringLiteral("en")) &&
               !m_aliases->isEdited()) {
        action = client::actions::renameSkill(m_id, m_baseVersion, QStringLiteral("en"),
                                              names.value(QStringLiteral("en")).toString());
    } else if (!names.isEmpty()) {
        action = client::actions::translateSkill(m_id, m_baseVersion, names);
        if (m_aliases->isEdited()) // one request, so both go with the same If-Match
            action.body.insert(
                QStringLiteral("aliases"),
                client::actions::setSkillAliases(m_id, m_baseVersion, m_aliases->aliases())
                    .body.value(QStringLiteral("aliases")));
    } else {
        action = client::actions::setSkillAliases(m_id, m_baseVersion, m_aliases->aliases());
    }
    emit actionRequested(action);
    // What was sent is now what this pane stands on; the cache catches up with the event.
    QVariantMap saved = m_names->savedNames();
    for (auto it = names.constBegin(); it != names.constEnd(); ++it)
        saved.insert(it.key(), it.value().toString());
    m_names->setNames(saved);
    m_aliases->setAliases(m_aliases->aliases());
    m_notice->setText(tr("Saved; sending to the server…"));
    updateButtons();
    return true;
}

void NodeDetailPane::noteOutcome(const client::OutboxEntry &entry)
{
    const QString type = m_kind == QLatin1String("skill") ? QStringLiteral("skill")
                                                          : QStringLiteral("skill_category");
    if (m_id <= 0 || entry.action.targetType != type || entry.action.targetId != m_id)
        return;
    switch (entry.state) {
    case client::OutboxState::Done:
        if (!isEdited())
            load(false);
        m_notice->setText(tr("\u2714 Saved on the server."));
        m_notice->setStyleSheet(QStringLiteral("color: #1e8449;"));
        break;
    case client::OutboxState::Conflict:
        load(false);
        m_notice->setText(tr("Your change was not applied: someone else changed this first. "
                             "The fields show the server's version; Compare in the red bar "
                             "above to choose."));
        break;
    case client::OutboxState::Failed: {
        load(false);
        // Nothing typed is lost: the refused text goes back into the fields to correct.
        const QJsonObject names = entry.action.body.value(QStringLiteral("names")).toObject();
        for (auto it = names.constBegin(); it != names.constEnd(); ++it)
            if (QLineEdit *edit = m_names->editor(it.key()))
                edit->setText(it.value().toString());
        m_names->refresh();
        if (entry.action.body.contains(QStringLiteral("aliases"))) {
            QStringList aliases;
            for (const QJsonValue v : entry.action.body.value(QStringLiteral("aliases")).toArray())
                aliases << v.toString();
            m_aliases->showEdited(aliases);
        }
        m_notice->clear();
        updateButtons();
        m_error->setText(tr("\u2716 Not applied: %1").arg(entry.lastError));
        break;
    }
    default:
        break;
    }
}

void NodeDetailPane::revert()
{
    m_error->clear();
    m_notice->clear();
    load(false);
}

} // namespace skillex::views
