#include "mainwindow.h"

#include "logging/logmodel.h"
#include "logview.h"
#include "ports/portlistmodel.h"
#include "ports/portwatcher.h"
#include "portsview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace Blackbird {

MainWindow::MainWindow(PortWatcher *watcher, LogModel *log, QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_watcher(watcher)
    , m_ports(new PortListModel(this))
    , m_settings(settings)
    , m_portCount(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Blackbird Provisioning Station"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/blackbird-station.svg")));

    m_ports->setWatcher(watcher);
    auto *portsView = new PortsView(m_ports, this);
    portsView->setObjectName(QStringLiteral("portsView"));
    setCentralWidget(portsView);

    auto *logDock = new QDockWidget(tr("Station log"), this);
    logDock->setObjectName(QStringLiteral("logDock"));
    logDock->setWidget(new LogView(log, logDock));
    addDockWidget(Qt::BottomDockWidgetArea, logDock);

    m_portCount->setObjectName(QStringLiteral("portCountLabel"));
    statusBar()->addPermanentWidget(m_portCount);
    connect(m_ports, &QAbstractItemModel::rowsInserted, this, &MainWindow::updatePortCount);
    connect(m_ports, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updatePortCount);
    connect(m_ports, &QAbstractItemModel::modelReset, this, &MainWindow::updatePortCount);
    updatePortCount();

    createMenus();
    resize(1100, 700);
    restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *rescan = file->addAction(tr("&Rescan ports"), m_watcher, &PortWatcher::rescan);
    rescan->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *log = findChild<QDockWidget *>(QStringLiteral("logDock"))->toggleViewAction();
    log->setShortcut(QKeySequence(tr("Ctrl+L")));
    view->addAction(log);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Blackbird Provisioning Station"), this, &MainWindow::showAbout);
}

void MainWindow::updatePortCount()
{
    m_portCount->setText(tr("Device ports: %1").arg(m_ports->rowCount()));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Blackbird Provisioning Station"),
                       tr("Blackbird Provisioning Station %1\n\nGives IoT devices their identity "
                          "on the factory floor.")
                           .arg(QStringLiteral(BLACKBIRD_VERSION)));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

} // namespace Blackbird
