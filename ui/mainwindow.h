// The station's main window: the live device ports in the middle, the station log in a dock.
#pragma once

#include <QMainWindow>

class QLabel;
class QSettings;

namespace Blackbird {

class LogModel;
class PortListModel;
class PortWatcher;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // The window reads and writes its layout in settings, which must outlive it.
    MainWindow(PortWatcher *watcher, LogModel *log, QSettings *settings, QWidget *parent = nullptr);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void updatePortCount();
    void showAbout();

    PortWatcher *m_watcher;
    PortListModel *m_ports;
    QSettings *m_settings;
    QLabel *m_portCount;
};

} // namespace Blackbird
