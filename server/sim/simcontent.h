// Made-up but plausible content for simulated members: names, chat lines, abuse of each kind,
// report texts. Kept apart from the simulator's logic so either can change alone.
#pragma once

#include <QRandomGenerator>
#include <QString>
#include <QStringList>

namespace skillex::sim::content {

QString personName(QRandomGenerator &rng);
QString emailFor(const QString &name, int serial);
QString sessionTitle(QRandomGenerator &rng, const QString &skillName);
QString friendlyOpening(QRandomGenerator &rng);
QString friendlyReply(QRandomGenerator &rng);
QString reviewText(QRandomGenerator &rng, int stars);

// An abusive message for a report category (harassment, scam, off_platform_payment, spam,
// inappropriate_content, impersonation); what a moderator will find in the evidence.
QString abusiveMessage(QRandomGenerator &rng, const QString &category);
QString reportDescription(QRandomGenerator &rng, const QString &category);

} // namespace skillex::sim::content
