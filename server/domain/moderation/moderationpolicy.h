// The moderation intake's fixed vocabulary and numbers (DOMAIN.md "Moderation"): report
// categories and their severity, subject types, which case states count as open, SLA by
// severity, the appeal window, and the bounds on what a member may file.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace skillex::server::moderation {

enum class Severity { Low = 1, Medium = 2, High = 3 };

QString severityName(Severity severity);
std::optional<Severity> severityFromName(const QString &name);

// The categories a report may have, in the API's spelling.
const QStringList &reportCategories();
// The default severity of a category; nullopt for an unknown category.
std::optional<Severity> categorySeverity(const QString &category);

// What a report can be about.
const QStringList &subjectTypes();

// A case in one of these states takes new reports on its subject; the others are closed.
const QStringList &openCaseStatuses();
const QStringList &closedCaseStatuses();
// "'open', 'assigned', ..." for an SQL IN list (fixed strings, never user input).
QString sqlList(const QStringList &values);

// The SLA runs from the case's opening: high 4 h, medium 24 h, low 72 h.
qint64 slaMs(Severity severity);

constexpr qint64 kHourMs = 3600LL * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr qint64 kAppealWindowMs = 20 * kDayMs;   // after the case was closed
constexpr qint64 kStrikeLifetimeMs = 90 * kDayMs; // strikes lapse after 90 days
constexpr int kMaxTextLength = 4000;              // report descriptions, appeals, messages
constexpr int kMaxReportsPerHour = 30;            // per reporter: a flood is refused with 429
constexpr int kContextMessages = 10;              // evidence of a message: ten either side

} // namespace skillex::server::moderation
