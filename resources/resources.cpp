// Registers resources.qrc; Q_INIT_RESOURCE must be called outside any namespace.
#include "resources/resources.h"

#include <QtCore/QtGlobal>

static void initSkillexResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace skillex::resources {

void init()
{
    static const bool once = [] {
        initSkillexResources();
        return true;
    }();
    Q_UNUSED(once);
}

} // namespace skillex::resources
