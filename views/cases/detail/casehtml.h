// casehtml: the case's read-only sections as rich text for QTextBrowser — reports, the priority
// explained, the subject's context, history, notes, and the evidence snapshots (transcript,
// profile then and now, session with its bookings and transfers, review).
#pragma once

#include <QJsonObject>
#include <QString>

namespace skillex::views::casehtml {

// Wire time (ISO 8601) or milliseconds as the person's locale shows a date and time.
QString when(const QJsonValue &wireTime);
QString whenMs(qint64 ms);
// "1,250 cr"
QString credits(qint64 amount);
// "harassment" -> "Harassment", "remove_content" -> "Remove content"
QString words(const QString &identifier);

QString reports(const QJsonObject &detail);
QString priority(const QJsonObject &detail, double storedPriority);
// Plain one-line summary for the header's tooltip.
QString priorityTooltip(const QJsonObject &detail);
QString subjectContext(const QJsonObject &detail);
QString history(const QJsonObject &detail);
QString notes(const QJsonObject &detail);

// One evidence item (detail.evidence[i]); currentUser is subject_context.user (may be empty),
// currentProfile the member's cached file's profile (may be empty).
QString evidence(const QJsonObject &item, const QJsonObject &currentUser,
                 const QJsonObject &currentProfile);

} // namespace skillex::views::casehtml
