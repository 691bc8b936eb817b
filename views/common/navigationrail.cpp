// NavigationRail: a QListWidget in icon mode with a fixed grid, one item per area.
#include "views/common/navigationrail.h"

#include "views/common/iconfactory.h"

#include <QApplication>

namespace skillex::views {

namespace {
constexpr int kAreaRole = Qt::UserRole + 1;
constexpr int kRailWidth = 92;
} // namespace

NavigationRail::NavigationRail(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(QStringLiteral("navigationRail"));
    setAccessibleName(tr("Areas"));
    setViewMode(QListView::IconMode);
    setFlow(QListView::TopToBottom);
    setWrapping(false);
    setMovement(QListView::Static);
    setResizeMode(QListView::Adjust);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setIconSize(QSize(24, 24));
    setGridSize(QSize(kRailWidth - 14, 64));
    setUniformItemSizes(true);
    setFixedWidth(kRailWidth);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setFrameShape(QFrame::NoFrame);
    setTextElideMode(Qt::ElideRight);

    int shortcut = 1;
    for (Area area : allAreas()) {
        auto *item =
            new QListWidgetItem(IconFactory::forPalette(areaIconPath(area)), areaLabel(area), this);
        item->setData(kAreaRole, int(area));
        item->setTextAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        item->setSizeHint(QSize(kRailWidth - 14, 60));
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(areaLabel(area)).arg(shortcut++));
    }
    // Until a role is known, nothing is shown: no area is offered to someone not signed in.
    setRoles({});

    connect(this, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *current) {
        if (current && !current->isHidden())
            emit areaChosen(Area(current->data(kAreaRole).toInt()));
    });
}

QListWidgetItem *NavigationRail::itemFor(Area area) const
{
    for (int row = 0; row < count(); ++row) {
        if (item(row)->data(kAreaRole).toInt() == int(area))
            return item(row);
    }
    return nullptr;
}

void NavigationRail::setRoles(const QList<protocol::Role> &roles)
{
    for (Area area : allAreas())
        itemFor(area)->setHidden(!areaVisibleFor(area, roles));
    const auto current = currentArea();
    if (!current || !isAreaShown(*current)) {
        const auto shown = shownAreas();
        if (!shown.isEmpty())
            setCurrentArea(shown.first());
        else
            setCurrentItem(nullptr);
    }
}

bool NavigationRail::isAreaShown(Area area) const
{
    const auto *item = itemFor(area);
    return item && !item->isHidden();
}

QList<Area> NavigationRail::shownAreas() const
{
    QList<Area> shown;
    for (Area area : allAreas()) {
        if (isAreaShown(area))
            shown << area;
    }
    return shown;
}

bool NavigationRail::setCurrentArea(Area area)
{
    if (!isAreaShown(area))
        return false;
    setCurrentItem(itemFor(area));
    return true;
}

std::optional<Area> NavigationRail::currentArea() const
{
    const auto *item = currentItem();
    if (!item || item->isHidden())
        return std::nullopt;
    return Area(item->data(kAreaRole).toInt());
}

} // namespace skillex::views
