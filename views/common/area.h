// Area: the six workspaces of the console, with their names, icons and who may see them.
#pragma once

#include "protocol/roles.h"

#include <QList>
#include <QString>

#include <optional>

namespace skillex::views {

enum class Area { Dashboard, Cases, Users, Finance, Taxonomy, Audit };

QList<Area> allAreas();
// The command-line and settings name: "dashboard", "cases", ...
QString areaKey(Area area);
std::optional<Area> areaFromKey(const QString &key);
// What the rail shows: "Dashboard", "Cases", ...
QString areaLabel(Area area);
// What the area's placeholder page says will be there.
QString areaDescription(Area area);
QString areaIconPath(Area area);
// Hiding is a courtesy; the server enforces every permission anyway.
bool areaVisibleFor(Area area, const QList<protocol::Role> &roles);

} // namespace skillex::views
