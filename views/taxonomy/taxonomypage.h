// TaxonomyPage: the Taxonomy area of the console.
#pragma once

#include <QWidget>

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

class TaxonomyPage : public QWidget {
    Q_OBJECT

public:
    explicit TaxonomyPage(client::Workspace *workspace, QWidget *parent = nullptr);

private:
    client::Workspace *m_workspace = nullptr;
};

} // namespace skillex::views
