// CaseDetailData: the cache queries behind the pane.
#include "views/cases/detail/casedetaildata.h"

#include "client/cache/cachereader.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace skillex::views {

bool CaseDetailData::isClosed() const
{
    return status == QLatin1String("resolved") || status == QLatin1String("dismissed") ||
           status == QLatin1String("appeal_upheld") || status == QLatin1String("appeal_overturned");
}

std::optional<CaseAttachmentInfo> CaseDetailData::attachment(const QString &sha256) const
{
    for (const CaseAttachmentInfo &a : attachments)
        if (a.sha256 == sha256)
            return a;
    return std::nullopt;
}

std::optional<CaseDetailData> CaseDetailData::load(client::CacheReader &reader, qint64 id)
{
    CaseDetailData d;
    {
        QSqlQuery &q = reader.run(
            QStringLiteral("SELECT c.status, c.severity, c.category, c.subject_type, c.subject_id, "
                           "c.subject_user_id, c.subject_label, c.assignee_id, c.version, "
                           "c.priority, c.report_count, c.opened_at, c.sla_due_at, c.closed_at, "
                           "c.detail, c.detail_at, s.name FROM cases c LEFT JOIN staff s ON s.id = "
                           "c.assignee_id WHERE c.id = ?"),
            {id});
        if (!q.next()) {
            q.finish();
            return std::nullopt;
        }
        d.id = id;
        d.status = q.value(0).toString();
        d.severity = q.value(1).toString();
        d.category = q.value(2).toString();
        d.subjectType = q.value(3).toString();
        d.subjectId = q.value(4).toLongLong();
        d.subjectUserId = q.value(5).toLongLong();
        d.subjectLabel = q.value(6).toString();
        d.assigneeId = q.value(7).toLongLong();
        d.version = q.value(8).toInt();
        d.priority = q.value(9).toDouble();
        d.reportCount = q.value(10).toInt();
        d.openedAt = q.value(11).toLongLong();
        d.slaDueAt = q.value(12).toLongLong();
        d.closedAt = q.value(13).toLongLong();
        d.detail = QJsonDocument::fromJson(q.value(14).toByteArray()).object();
        d.detailAt = q.value(15).toLongLong();
        d.assigneeName = q.value(16).toString();
        q.finish();
    }
    if (d.assigneeId && d.assigneeName.isEmpty())
        d.assigneeName = d.detail.value(QStringLiteral("assignee"))
                             .toObject()
                             .value(QStringLiteral("name"))
                             .toString();
    QSqlQuery &files = reader.run(
        QStringLiteral("SELECT DISTINCT a.sha256, a.size, a.content_type, a.file_name, "
                       "b.sha256 IS NOT NULL FROM evidence e JOIN evidence_attachments ea ON "
                       "ea.evidence_id = e.id JOIN attachments a ON a.sha256 = ea.sha256 LEFT JOIN "
                       "attachment_blobs b ON b.sha256 = a.sha256 WHERE e.case_id = ? ORDER BY "
                       "a.sha256"),
        {id});
    while (files.next())
        d.attachments.push_back({files.value(0).toString(), files.value(1).toLongLong(),
                                 files.value(2).toString(), files.value(3).toString(),
                                 files.value(4).toBool()});
    files.finish();
    return d;
}

QByteArray CaseDetailData::attachmentBytes(client::CacheReader &reader, const QString &sha256)
{
    QSqlQuery &q =
        reader.run(QStringLiteral("SELECT bytes FROM attachment_blobs WHERE sha256 = ?"), {sha256});
    QByteArray bytes;
    if (q.next())
        bytes = q.value(0).toByteArray();
    q.finish();
    return bytes;
}

QString CaseDetailData::staffName(client::CacheReader &reader, qint64 staffId)
{
    const QVariant name =
        reader.scalar(QStringLiteral("SELECT name FROM staff WHERE id = ?"), {staffId});
    return name.isValid() && !name.toString().isEmpty() ? name.toString()
                                                        : QStringLiteral("#%1").arg(staffId);
}

} // namespace skillex::views
