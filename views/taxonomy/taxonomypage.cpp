// TaxonomyPage: still the placeholder page until the area is built.
#include "views/taxonomy/taxonomypage.h"

#include "views/common/placeholderpage.h"

#include <QVBoxLayout>

namespace skillex::views {

TaxonomyPage::TaxonomyPage(client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("taxonomyPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new PlaceholderPage(Area::Taxonomy, this));
}

} // namespace skillex::views
