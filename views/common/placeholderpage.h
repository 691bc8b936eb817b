// PlaceholderPage: an area's empty page, saying what will be there until the area is built.
#pragma once

#include "views/common/area.h"

#include <QWidget>

namespace skillex::views {

class PlaceholderPage : public QWidget {
    Q_OBJECT

public:
    explicit PlaceholderPage(Area area, QWidget *parent = nullptr);

    Area area() const { return m_area; }

private:
    Area m_area;
};

} // namespace skillex::views
