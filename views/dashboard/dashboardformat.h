// dashboardformat: how the dashboard writes its figures — counts, ratios, credits, money and
// durations in the person's locale, and the change against the previous period.
#pragma once

#include <QString>

#include <optional>

namespace skillex::views::dashboardformat {

// Money drops the cents from 10,000 up (tiles); MoneyExact never does (hover).
enum class Kind { Count, Mean, Ratio, Credits, Money, MoneyExact, Seconds };

// "1,250", "190.4", "12.5%", "1,250 cr", "4,500.00 USD", "3 h 20 min"; "–" for null.
QString figure(Kind kind, const std::optional<double> &value, const QString &currency = {});
// "▲ 12.5%" / "▼ 3.0%" / "no change" / "–" (no previous figure).
QString change(const std::optional<double> &change);
// Minor units per major unit of an ISO 4217 currency (JPY 1, most 100).
int minorUnits(const QString &currency);

} // namespace skillex::views::dashboardformat
