// NavigationRail: the column of areas (icon above label) on the left; hides what a role cannot use.
#pragma once

#include "views/common/area.h"

#include <QListWidget>

namespace skillex::views {

class NavigationRail : public QListWidget {
    Q_OBJECT

public:
    explicit NavigationRail(QWidget *parent = nullptr);

    // Shows only the areas roles may use; keeps the current area if it stays visible.
    void setRoles(const QList<protocol::Role> &roles);
    bool isAreaShown(Area area) const;
    QList<Area> shownAreas() const;

    // Returns false (and changes nothing) when area is hidden.
    bool setCurrentArea(Area area);
    std::optional<Area> currentArea() const;

signals:
    void areaChosen(skillex::views::Area area);

private:
    QListWidgetItem *itemFor(Area area) const;
};

} // namespace skillex::views
