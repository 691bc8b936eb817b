// The case priority formula, in one place (DOMAIN.md "Moderation"; documented in docs/api.md):
//   priority = severity weight x (1 + log2(distinct reporters)) x reporter trust
//              x (1 + 0.5 x prior strikes) + age term
// Each term is its own function so that each is tested on its own.
#pragma once

#include "server/domain/moderation/moderationpolicy.h"

#include <QList>

namespace skillex::server::moderation {

struct PriorityInputs {
    Severity severity = Severity::Low;
    int distinctReporters = 1;
    double reporterTrust = 1.0; // mean trust of the case's distinct reporters
    int priorStrikes = 0;       // live strikes of the member the case is about
    qint64 waitingMs = 0;       // since the case opened
};

// high 60, medium 30, low 10: one high report outranks any low case before the age cap.
double severityWeight(Severity severity);
// 1 + log2(n): a second reporter doubles the weight, every doubling after adds as much again.
double reporterTerm(int distinctReporters);
// 1 + 0.5 x strikes, strikes capped at 10 so one member's history cannot swamp the queue.
double strikeTerm(int priorStrikes);
// +1 per whole hour waiting, capped at 48: old cases rise, but a two-day-old low case (58)
// still ranks below a fresh high one (60).
double ageTerm(qint64 waitingMs);

// A reporter's trust, bounded to [0.25, 1.5]:
//   account age: 0.75 for a new account, rising linearly (by whole days) to 1.0 at 30 days;
//   plus 0.5 x (confirmed - rejected) / (confirmed + rejected + 2) from the outcomes of their
//   earlier reports (confirmed: case resolved or decision upheld on appeal; rejected: case
//   dismissed or overturned on appeal). The +2 keeps one outcome from swinging it far.
double reporterTrust(qint64 accountAgeMs, int confirmedReports, int rejectedReports);
// The mean of the reporters' trusts (1.0 when there are none).
double meanTrust(const QList<double> &trusts);

double casePriority(const PriorityInputs &inputs);

constexpr double kMinTrust = 0.25;
constexpr double kMaxTrust = 1.5;
constexpr int kMaxCountedStrikes = 10;
constexpr double kMaxAgeTerm = 48.0;

} // namespace skillex::server::moderation
