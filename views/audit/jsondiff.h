// JsonDiff: an audit entry's before and after, flattened to field paths ("roles[0]",
// "profile.bio") with both values, so a view can put them side by side and mark what changed.
#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>

namespace skillex::views::jsondiff {

struct Line {
    QString path;
    QString before; // empty with hasBefore false when the field did not exist
    QString after;
    bool hasBefore = false;
    bool hasAfter = false;
    bool changed() const { return hasBefore != hasAfter || before != after; }
};

// Every leaf of either side, in the order of `before` then the fields only `after` has.
QList<Line> diff(const QJsonValue &before, const QJsonValue &after);

} // namespace skillex::views::jsondiff
