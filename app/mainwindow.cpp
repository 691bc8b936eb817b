// MainWindow: lays out the shell, switches areas, and remembers its geometry between runs.
#include "app/mainwindow.h"

#include "app/areapages.h"
#include "client/auth/authsession.h"
#include "client/workspace/workspace.h"
#include "views/common/connectionstatuswidget.h"
#include "views/common/navigationrail.h"
#include "views/common/prepareofflinedialog.h"
#include "views/common/workspaceheader.h"

#include <QAction>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

#include <memory>

namespace skillex::app {

namespace {

std::unique_ptr<QSettings> openSettings(const QString &file)
{
    return file.isEmpty() ? std::make_unique<QSettings>()
                          : std::make_unique<QSettings>(file, QSettings::IniFormat);
}

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kAreaKey = QStringLiteral("mainWindow/area");

} // namespace

MainWindow::MainWindow(client::Workspace *workspace, const QString &settingsFile, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(workspace)
    , m_session(workspace->session())
    , m_settingsFile(settingsFile)
    , m_rail(new views::NavigationRail(this))
    , m_header(new views::WorkspaceHeader(this))
    , m_pages(new QStackedWidget(this))
    , m_status(new views::ConnectionStatusWidget(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/skillex.svg")));
    setMinimumSize(960, 600);

    auto *workspaceArea = new QWidget(this);
    auto *workspaceLayout = new QVBoxLayout(workspaceArea);
    workspaceLayout->setContentsMargins(0, 0, 0, 0);
    workspaceLayout->setSpacing(0);
    workspaceLayout->addWidget(m_header);
    workspaceLayout->addWidget(m_pages, 1);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_rail);
    layout->addWidget(workspaceArea, 1);
    setCentralWidget(central);

    statusBar()->setSizeGripEnabled(false);
    statusBar()->addWidget(m_status, 1);
    m_status->setConnection(m_workspace->connection());

    // Ctrl+1..6 jump to the areas in rail order; hidden areas ignore their shortcut.
    int number = 1;
    for (views::Area area : views::allAreas()) {
        auto *action = new QAction(this);
        action->setShortcut(QKeySequence(QStringLiteral("Ctrl+%1").arg(number++)));
        connect(action, &QAction::triggered, this, [this, area] { showArea(area); });
        addAction(action);
    }
    auto *quit = new QAction(tr("Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    addAction(quit);

    connect(m_rail, &views::NavigationRail::areaChosen, this, &MainWindow::onAreaChosen);
    connect(m_header, &views::WorkspaceHeader::signOutRequested, this,
            &MainWindow::signOutRequested);
    connect(m_header, &views::WorkspaceHeader::prepareOfflineRequested, this, [this] {
        auto *dialog = new views::PrepareOfflineDialog(m_workspace, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        dialog->start();
    });

    const auto settings = openSettings(m_settingsFile);
    if (!restoreGeometry(settings->value(kGeometryKey).toByteArray()))
        resize(1280, 800);
    refreshIdentity();
    if (const auto last = views::areaFromKey(settings->value(kAreaKey).toString()))
        showArea(*last);
}

void MainWindow::refreshIdentity()
{
    const auto &me = m_workspace->me();
    setWindowTitle(tr("Skillex Console \u2014 %1").arg(m_workspace->profileName()));
    m_header->setPerson(me);
    m_status->setIdentity(m_workspace->profileName(), me);
    m_rail->setRoles(me.roles);
    if (const auto area = m_rail->currentArea())
        onAreaChosen(*area);
}

bool MainWindow::showArea(views::Area area)
{
    if (!m_rail->setCurrentArea(area))
        return false;
    onAreaChosen(area);
    return true;
}

std::optional<views::Area> MainWindow::currentArea() const
{
    return m_rail->currentArea();
}

QWidget *MainWindow::page(views::Area area)
{
    if (QWidget *existing = m_pageFor.value(int(area)))
        return existing;
    if (!views::areaVisibleFor(area, m_workspace->me().roles))
        return nullptr;
    QWidget *made = createAreaPage(area, m_workspace, m_pages);
    m_pages->addWidget(made);
    m_pageFor.insert(int(area), made);
    return made;
}

void MainWindow::onAreaChosen(views::Area area)
{
    if (QWidget *shown = page(area))
        m_pages->setCurrentWidget(shown);
    m_header->setTitle(views::areaLabel(area));
}

void MainWindow::saveState() const
{
    const auto settings = openSettings(m_settingsFile);
    settings->setValue(kGeometryKey, saveGeometry());
    if (const auto area = currentArea())
        settings->setValue(kAreaKey, views::areaKey(*area));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    QMainWindow::closeEvent(event);
    if (event->isAccepted())
        emit closed();
}

} // namespace skillex::app
