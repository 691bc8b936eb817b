// AreaPages: makes the page of each console area; the one place that knows every area's class.
#pragma once

#include "views/common/area.h"

class QWidget;

namespace skillex::client {
class Workspace;
}

namespace skillex::app {

QWidget *createAreaPage(views::Area area, client::Workspace *workspace, QWidget *parent);

} // namespace skillex::app
