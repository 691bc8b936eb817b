// SkillMergeDialog: the preview is the server's own dry run (docs/api.md: its counts equal what an
// applied merge moves in the same state), so what the admin confirms is what happens.
#include "views/taxonomy/skillmergedialog.h"

#include "client/api/apiclient.h"
#include "models/taxonomymodel.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace skillex::views {

using models::TaxonomyModel;

SkillMergeDialog::SkillMergeDialog(client::ApiClient *api, TaxonomyModel *model, qint64 fromId,
                                   const QString &fromName, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_fromId(fromId)
{
    setObjectName(QStringLiteral("mergeDialog"));
    setWindowTitle(tr("Merge skill"));
    setMinimumWidth(480);

    auto *intro = new QLabel(
        tr("Merge <b>%1</b> into another skill. Its member skills and sessions move to the "
           "target, its names become the target's aliases, and it is retired. This cannot be "
           "undone.")
            .arg(fromName.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);

    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("mergeTarget"));
    m_target->setAccessibleName(tr("Merge into"));
    m_target->setEditable(true);
    m_target->setInsertPolicy(QComboBox::NoInsert);
    m_target->completer()->setFilterMode(Qt::MatchContains);
    m_target->completer()->setCompletionMode(QCompleter::PopupCompletion);
    // Merges never make a chain: only live, active skills can take another in.
    for (int c = 0; c < model->rowCount(); ++c) {
        const QModelIndex category = model->index(c, 0);
        for (int s = 0; s < model->rowCount(category); ++s) {
            const QModelIndex skill = model->index(s, 0, category);
            const qint64 id = skill.data(TaxonomyModel::IdRole).toLongLong();
            if (id == fromId || skill.siblingAtColumn(TaxonomyModel::Status).data().toString() !=
                                    QLatin1String("active"))
                continue;
            m_target->addItem(
                tr("%1 — %2").arg(skill.data().toString(), category.data().toString()), id);
        }
    }
    m_target->setCurrentIndex(-1);
    connect(m_target, &QComboBox::currentIndexChanged, this, &SkillMergeDialog::resetPreview);

    m_previewButton = new QPushButton(tr("&Preview"), this);
    m_previewButton->setObjectName(QStringLiteral("mergePreview"));
    m_previewButton->setAccessibleName(tr("Preview the merge"));
    connect(m_previewButton, &QPushButton::clicked, this, &SkillMergeDialog::runPreview);

    m_result =
        new QLabel(tr("Choose the skill to merge into, then Preview to see what moves."), this);
    m_result->setObjectName(QStringLiteral("mergePreviewResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->setMinimumHeight(140);
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_merge = buttons->addButton(tr("&Merge"), QDialogButtonBox::AcceptRole);
    m_merge->setObjectName(QStringLiteral("mergeConfirm"));
    m_merge->setEnabled(false);
    m_merge->setToolTip(tr("Preview first: the merge is confirmed for the previewed target."));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_merge, &QPushButton::clicked, this, [this] {
        if (m_previewedInto == 0 || m_previewedInto != target())
            return;
        emit mergeConfirmed(m_fromId, m_previewedInto, m_preview);
        accept();
    });

    auto *form = new QFormLayout;
    form->addRow(tr("Merge &into"), m_target);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_previewButton, 0, Qt::AlignLeft);
    layout->addWidget(m_result);
    layout->addStretch(1);
    layout->addWidget(buttons);
}

void SkillMergeDialog::setTarget(qint64 intoId)
{
    m_target->setCurrentIndex(m_target->findData(intoId));
}

qint64 SkillMergeDialog::target() const
{
    return m_target->currentData().toLongLong();
}

void SkillMergeDialog::resetPreview()
{
    ++m_generation;
    m_preview = {};
    m_previewedInto = 0;
    m_merge->setEnabled(false);
    m_result->setText(target() > 0 ? tr("Preview to see what moves.")
                                   : tr("Choose the skill to merge into."));
}

void SkillMergeDialog::runPreview()
{
    const qint64 into = target();
    if (into <= 0) {
        m_result->setText(tr("Choose the skill to merge into first."));
        return;
    }
    resetPreview();
    const int generation = m_generation;
    m_previewButton->setEnabled(false);
    m_result->setText(tr("Asking the server what would move…"));
    client::ApiClient::Call call;
    call.method = QByteArrayLiteral("POST");
    call.path = QStringLiteral("/api/v1/admin/taxonomy/skills/%1/merge").arg(m_fromId);
    call.body = QJsonObject{{QStringLiteral("into"), into}, {QStringLiteral("dry_run"), true}};
    m_api->request(call, this, [this, generation, into](const client::ApiResult &result) {
        m_previewButton->setEnabled(true);
        if (generation != m_generation)
            return;
        if (!result.ok) {
            m_result->setText(tr("<span style='color:#c0392b'>&#10007; The preview failed: "
                                 "%1</span> Press Preview to try again.")
                                  .arg(result.error.message().toHtmlEscaped()));
            return;
        }
        m_previewedInto = into;
        showPreview(result.object());
    });
}

void SkillMergeDialog::showPreview(const QJsonObject &plan)
{
    m_preview = plan;
    const QLocale locale;
    const QJsonObject ms = plan.value(QStringLiteral("member_skills")).toObject();
    const auto n = [&](const QJsonValue &v) { return locale.toString(qint64(v.toDouble())); };
    const int conflicts = int(plan.value(QStringLiteral("conflicts")).toArray().size());
    QString text =
        tr("<b>What moves</b><table cellspacing='4'>"
           "<tr><td>Member skills</td><td align='right'><b>%1</b></td><td>(%2 repointed, %3 "
           "combined with one the member already had)</td></tr>"
           "<tr><td>Sessions</td><td align='right'><b>%4</b></td><td></td></tr>"
           "<tr><td>Aliases added</td><td align='right'><b>%5</b></td><td></td></tr>"
           "<tr><td>Earlier merges repointed</td><td align='right'><b>%6</b></td><td></td></tr>"
           "</table>")
            .arg(n(ms.value(QStringLiteral("total"))), n(ms.value(QStringLiteral("repointed"))),
                 n(ms.value(QStringLiteral("combined"))), n(plan.value(QStringLiteral("sessions"))),
                 n(plan.value(QStringLiteral("aliases_added"))),
                 locale.toString(plan.value(QStringLiteral("flattened")).toArray().size()));
    if (conflicts > 0)
        text += tr("<p>Where a member had both skills, the higher proficiency is kept.</p>");
    m_result->setText(text);
    m_merge->setEnabled(true);
    m_merge->setFocus();
    adjustSize();
}

} // namespace skillex::views
