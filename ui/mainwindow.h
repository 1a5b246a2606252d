// The station's main window. In the middle the batch bar (batch, counts, rate, alerts) over the
// device board, and under it the selected device's live timeline and raw console. Docks: the
// ports the station watches, the station log and the audit history. Menus carry every action
// with a shortcut: start, retry, cancel one device or all, settings, field service, lock.
//
// Without a station attached (setStation) the window still shows the ports and the log, as the
// station does before its configuration is complete.
#pragma once

#include "pipeline/provisioningtypes.h"
#include "settings/stationprofile.h"

#include <QFuture>
#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QSettings;
class QSplitter;
class QTabWidget;

namespace Blackbird {

class ApiKeyStore;
class AuditStore;
class BatchBar;
class BrokerMonitor;
class DeviceBoardModel;
class DeviceBoardView;
class HistoryView;
class LogModel;
class PortListModel;
class PortWatcher;
class ProvisioningStation;
class RawConsoleModel;
class RawConsoleView;
class SupervisorLock;
class TimelineStore;
class TimelineView;
struct TimelineEntry;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // The window reads and writes its layout in settings, which must outlive it.
    MainWindow(PortWatcher *watcher, LogModel *log, QSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The engine the board drives and shows, and the audit store the history reads (either may
    // be null). Both must outlive the window.
    void setStation(ProvisioningStation *station, AuditStore *audit = nullptr);
    void setBrokerMonitor(BrokerMonitor *monitor);
    // What the Settings dialog edits. keys must outlive the window; store may be null (the
    // profile is then only applied, not saved).
    void setProfileSupport(ApiKeyStore *keys, const ProfileStore *store,
                           const StationProfile &profile);
    StationProfile profile() const { return m_profile; }
    ApiKeyStore *apiKeys() const;

    // The language chosen in View > Language ("de", "en", ...), or empty to follow the system.
    // The application installs it at start; a choice made in the menu applies from the next.
    static QString chosenLanguage(const QSettings &settings);

    DeviceBoardModel *boardModel() const { return m_boardModel; }
    DeviceBoardView *board() const { return m_board; }
    BatchBar *batchBar() const { return m_batchBar; }
    TimelineStore *timelineStore() const { return m_timeline.get(); }
    TimelineView *timelineView() const { return m_timelineView; }
    RawConsoleView *rawConsoleView() const { return m_rawConsole; }
    RawConsoleModel *rawConsole(const QString &port) const { return m_consoles.value(port); }

    // Field service: devices started from now on run this mode. error says why it was refused.
    bool enterFieldService(ServiceMode mode, const QString &reason, bool confirmErase,
                           QString *error);
    void returnToProduction();
    bool isFieldService() const;

    // The operator lock (see fieldservicedialog.h for what it protects).
    bool isLocked() const;
    bool hasSupervisorPassphrase() const;
    QFuture<bool> setSupervisorPassphrase(const QString &passphrase);
    // Locks only when a passphrase is set (false otherwise).
    bool lock();
    // Unlocks when the passphrase matches; lockChanged or unlockRefused follows.
    void unlock(const QString &passphrase);

    QAction *settingsAction() const { return m_settingsAction; }
    QAction *fieldServiceAction() const { return m_fieldServiceAction; }
    QAction *lockAction() const { return m_lockAction; }
    QAction *unlockAction() const { return m_unlockAction; }

public Q_SLOTS:
    void showSettings();
    void showFieldService();
    void askLock();
    void askUnlock();

Q_SIGNALS:
    // The Settings dialog saved a profile; the application applies it to the station.
    void profileChanged(const Blackbird::StationProfile &profile);
    void lockChanged(bool locked);
    void unlockRefused();
    void fieldServiceChanged(bool active);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createLanguageMenu(QMenu *menu);
    void updatePortCount();
    void showAbout();
    void onTimelineEntry(const TimelineEntry &entry);
    void showDevice(const QString &port);
    void applyLock();
    void unlockWith(const QString &passphrase, bool interactive);
    void updateModeActions();

    PortWatcher *m_watcher;
    PortListModel *m_ports;
    QSettings *m_settings;
    QLabel *m_portCount;
    QLabel *m_brokerState;
    QLabel *m_stationState;
    std::unique_ptr<TimelineStore> m_timeline;
    std::unique_ptr<SupervisorLock> m_lock;
    DeviceBoardModel *m_boardModel;
    DeviceBoardView *m_board;
    BatchBar *m_batchBar;
    QSplitter *m_splitter;
    QTabWidget *m_details;
    TimelineView *m_timelineView;
    RawConsoleView *m_rawConsole;
    QDockWidget *m_historyDock = nullptr;
    HistoryView *m_history = nullptr;
    QHash<QString, RawConsoleModel *> m_consoles;
    QPointer<ProvisioningStation> m_station;
    QPointer<ApiKeyStore> m_keys;
    const ProfileStore *m_profileStore = nullptr;
    StationProfile m_profile;
    QAction *m_settingsAction = nullptr;
    QAction *m_fieldServiceAction = nullptr;
    QAction *m_productionAction = nullptr;
    QAction *m_lockAction = nullptr;
    QAction *m_unlockAction = nullptr;
    QAction *m_soundAction = nullptr;
    QAction *m_bannerAction = nullptr;
    QMenu *m_viewMenu = nullptr;
};

} // namespace Blackbird
