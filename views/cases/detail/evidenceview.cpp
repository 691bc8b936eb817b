// EvidenceView: one block per evidence item; tiles keep their Reveal state while the case's
// evidence does not change (it never does once captured, but files arrive after the detail).
#include "views/cases/detail/evidenceview.h"

#include "views/cases/detail/attachmenttile.h"
#include "views/cases/detail/casehtml.h"

#include <QGridLayout>
#include <QJsonArray>
#include <QLabel>
#include <QVBoxLayout>

namespace skillex::views {

EvidenceView::EvidenceView(QWidget *parent)
    : QScrollArea(parent)
{
    setObjectName(QStringLiteral("evidenceView"));
    setAccessibleName(tr("Evidence"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    clear(tr("No case selected."));
}

void EvidenceView::clear(const QString &message)
{
    m_caseId = 0;
    m_shownKey.clear();
    m_content = new QWidget;
    auto *layout = new QVBoxLayout(m_content);
    auto *label = new QLabel(message, m_content);
    label->setWordWrap(true);
    label->setObjectName(QStringLiteral("evidenceEmpty"));
    layout->addWidget(label);
    layout->addStretch(1);
    setWidget(m_content);
}

QList<AttachmentTile *> EvidenceView::tiles() const
{
    return m_content ? m_content->findChildren<AttachmentTile *>() : QList<AttachmentTile *>();
}

void EvidenceView::showCase(const CaseDetailData &data, client::CacheReader &reader,
                            const QJsonObject &currentProfile)
{
    QString key =
        QStringLiteral("%1/%2/%3").arg(data.id).arg(data.detailAt).arg(!currentProfile.isEmpty());
    for (const CaseAttachmentInfo &a : data.attachments)
        key += a.cached ? u'1' : u'0';
    if (key == m_shownKey)
        return;
    const QJsonArray evidence = data.list(QStringLiteral("evidence"));
    if (evidence.isEmpty()) {
        clear(data.hasDetail()
                  ? tr("This case has no evidence.")
                  : tr("The evidence of this case is not cached yet. It is fetched when the case "
                       "is opened online, and then stays readable offline."));
        m_shownKey = key;
        m_caseId = data.id;
        return;
    }
    // Reveal state survives a re-render of the same case (a file arriving must not re-hide
    // what the moderator chose to see, nor reveal anything new).
    QSet<QString> revealed;
    if (m_caseId == data.id)
        for (AttachmentTile *t : tiles())
            if (t->isRevealed())
                revealed.insert(t->sha256());

    m_content = new QWidget;
    auto *layout = new QVBoxLayout(m_content);
    layout->setSpacing(12);
    const QJsonObject context = data.object(QStringLiteral("subject_context"));
    const QJsonObject currentUser = context.value(QStringLiteral("user")).toObject();
    for (const QJsonValue value : evidence) {
        const QJsonObject item = value.toObject();
        auto *text = new QLabel(casehtml::evidence(item, currentUser, currentProfile), m_content);
        text->setObjectName(QStringLiteral("evidenceText"));
        text->setTextFormat(Qt::RichText);
        text->setWordWrap(true);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        text->setFocusPolicy(Qt::StrongFocus);
        text->setAccessibleName(
            tr("Evidence #%1").arg(item.value(QStringLiteral("id")).toInteger()));
        layout->addWidget(text);

        // File names live in the snapshot's messages; the detail lists the hashes.
        QHash<QString, QString> names;
        for (const QJsonValue m : item.value(QStringLiteral("snapshot"))
                                      .toObject()
                                      .value(QStringLiteral("messages"))
                                      .toArray())
            for (const QJsonValue a : m.toObject().value(QStringLiteral("attachments")).toArray())
                names.insert(a.toObject().value(QStringLiteral("sha256")).toString(),
                             a.toObject().value(QStringLiteral("file_name")).toString());
        const QJsonArray files = item.value(QStringLiteral("attachments")).toArray();
        if (files.isEmpty())
            continue;
        auto *grid = new QGridLayout;
        int n = 0;
        for (const QJsonValue f : files) {
            const QJsonObject file = f.toObject();
            const QString sha = file.value(QStringLiteral("sha256")).toString();
            CaseAttachmentInfo info = data.attachment(sha).value_or(
                CaseAttachmentInfo{sha,
                                   qint64(file.value(QStringLiteral("size")).toDouble()),
                                   file.value(QStringLiteral("content_type")).toString(),
                                   {},
                                   false});
            if (info.fileName.isEmpty())
                info.fileName = names.value(sha);
            const QByteArray bytes =
                info.cached ? CaseDetailData::attachmentBytes(reader, sha) : QByteArray();
            auto *tile = new AttachmentTile(info, bytes, m_content);
            if (revealed.contains(sha))
                tile->reveal();
            grid->addWidget(tile, n / 2, n % 2);
            ++n;
        }
        grid->setColumnStretch(2, 1);
        layout->addLayout(grid);
    }
    layout->addStretch(1);
    setWidget(m_content);
    m_caseId = data.id;
    m_shownKey = key;
}

} // namespace skillex::views
