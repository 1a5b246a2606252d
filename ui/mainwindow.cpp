#include "mainwindow.h"

#include "batchbar.h"
#include "deviceboardmodel.h"
#include "deviceboardview.h"
#include "fieldservicedialog.h"
#include "historyview.h"
#include "keychain/apikeystore.h"
#include "logging/logcategories.h"
#include "logging/logmodel.h"
#include "logview.h"
#include "mqtt/brokermonitor.h"
#include "pipeline/provisioningstation.h"
#include "ports/portlistmodel.h"
#include "ports/portwatcher.h"
#include "portsview.h"
#include "rawconsoleview.h"
#include "settingsdialog.h"
#include "stationtranslator.h"
#include "timeline/timelinestore.h"
#include "timelineview.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Blackbird {

namespace {

const QString kSoundKey = QStringLiteral("alerts/sound");
const QString kLanguageKey = QStringLiteral("ui/language"); // empty: as the system
const QString kBannerKey = QStringLiteral("alerts/banner");

} // namespace

MainWindow::MainWindow(PortWatcher *watcher, LogModel *log, QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_watcher(watcher)
    , m_ports(new PortListModel(this))
    , m_settings(settings)
    , m_portCount(new QLabel(this))
    , m_brokerState(new QLabel(this))
    , m_stationState(new QLabel(this))
    , m_timeline(std::make_unique<TimelineStore>())
    , m_lock(std::make_unique<SupervisorLock>(settings))
    , m_boardModel(new DeviceBoardModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Blackbird Provisioning Station"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/blackbird-station.svg")));

    // The middle: batch bar, board, and the selected device's timeline and console.
    auto *central = new QWidget(this);
    m_batchBar = new BatchBar(central);
    m_board = new DeviceBoardView(m_boardModel, central);
    m_board->setObjectName(QStringLiteral("deviceBoardView"));
    m_batchBar->setActions(m_board->startAllAction(), m_board->cancelAllAction());
    m_batchBar->setSoundEnabled(m_settings->value(kSoundKey, true).toBool());
    m_batchBar->setBannerEnabled(m_settings->value(kBannerKey, true).toBool());

    m_details = new QTabWidget(central);
    m_details->setObjectName(QStringLiteral("deviceDetails"));
    m_timelineView = new TimelineView(m_timeline.get(), m_details);
    m_timelineView->setObjectName(QStringLiteral("deviceTimeline"));
    m_rawConsole = new RawConsoleView(m_details);
    m_rawConsole->setObjectName(QStringLiteral("rawConsole"));
    m_details->addTab(m_timelineView, tr("&Timeline"));
    m_details->addTab(m_rawConsole, tr("Raw &console"));

    m_splitter = new QSplitter(Qt::Vertical, central);
    m_splitter->setObjectName(QStringLiteral("boardSplitter"));
    m_splitter->addWidget(m_board);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_batchBar);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);
    connect(m_board, &DeviceBoardView::currentPortChanged, this, &MainWindow::showDevice);

    m_ports->setWatcher(watcher);
    auto *portsDock = new QDockWidget(tr("Ports"), this);
    portsDock->setObjectName(QStringLiteral("portsDock"));
    auto *portsView = new PortsView(m_ports, portsDock);
    portsView->setObjectName(QStringLiteral("portsView"));
    portsDock->setWidget(portsView);
    // Under the board, a tab beside the log: the board keeps the whole width for its columns,
    // and the ports' six columns get room too.
    addDockWidget(Qt::BottomDockWidgetArea, portsDock);

    auto *logDock = new QDockWidget(tr("Station log"), this);
    logDock->setObjectName(QStringLiteral("logDock"));
    logDock->setWidget(new LogView(log, logDock));
    tabifyDockWidget(portsDock, logDock);
    portsDock->raise(); // until a station is attached, what is plugged in matters most

    m_portCount->setObjectName(QStringLiteral("portCountLabel"));
    m_brokerState->setObjectName(QStringLiteral("brokerStateLabel"));
    m_stationState->setObjectName(QStringLiteral("stationStateLabel"));
    statusBar()->addWidget(m_stationState, 1);
    statusBar()->addPermanentWidget(m_brokerState);
    statusBar()->addPermanentWidget(m_portCount);
    connect(m_ports, &QAbstractItemModel::rowsInserted, this, &MainWindow::updatePortCount);
    connect(m_ports, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updatePortCount);
    connect(m_ports, &QAbstractItemModel::modelReset, this, &MainWindow::updatePortCount);
    updatePortCount();

    createMenus();
    applyLock();
    updateModeActions();
    // A first start fills most of the screen: the board is meant to be read from a distance.
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        resize(screen->availableGeometry().size() * 0.9);
    else
        resize(1400, 900);
    resizeDocks({logDock}, {height() / 5}, Qt::Vertical);
    m_splitter->setSizes({height() * 3 / 5, height() / 5});
    restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(m_settings->value(QStringLiteral("window/splitter")).toByteArray());
}

MainWindow::~MainWindow()
{
    // The views hold models of the store; they go before it.
    delete m_timelineView;
    m_timelineView = nullptr;
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *rescan = file->addAction(tr("&Rescan ports"), m_watcher, &PortWatcher::rescan);
    rescan->setShortcut(QKeySequence::Refresh);
    m_settingsAction = file->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setShortcut(QKeySequence(tr("Ctrl+,")));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *device = menuBar()->addMenu(tr("&Device"));
    device->addAction(m_board->startAction());
    device->addAction(m_board->retryAction());
    device->addAction(m_board->cancelAction());
    device->addSeparator();
    device->addAction(m_board->startAllAction());
    device->addAction(m_board->cancelAllAction());

    QMenu *station = menuBar()->addMenu(tr("&Station"));
    m_fieldServiceAction =
        station->addAction(tr("&Field service…"), this, &MainWindow::showFieldService);
    m_fieldServiceAction->setObjectName(QStringLiteral("fieldServiceAction"));
    m_fieldServiceAction->setShortcut(QKeySequence(tr("Ctrl+Shift+F")));
    m_productionAction =
        station->addAction(tr("Back to &production"), this, &MainWindow::returnToProduction);
    m_productionAction->setObjectName(QStringLiteral("productionAction"));
    m_productionAction->setShortcut(QKeySequence(tr("Ctrl+Shift+P")));
    station->addSeparator();
    m_lockAction = station->addAction(tr("&Lock station…"), this, &MainWindow::askLock);
    m_lockAction->setObjectName(QStringLiteral("lockAction"));
    m_lockAction->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
    m_unlockAction = station->addAction(tr("&Unlock station…"), this, &MainWindow::askUnlock);
    m_unlockAction->setObjectName(QStringLiteral("unlockAction"));
    m_unlockAction->setShortcut(QKeySequence(tr("Ctrl+Shift+U")));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *log = findChild<QDockWidget *>(QStringLiteral("logDock"))->toggleViewAction();
    log->setShortcut(QKeySequence(tr("Ctrl+L")));
    m_viewMenu->addAction(log);
    QAction *ports = findChild<QDockWidget *>(QStringLiteral("portsDock"))->toggleViewAction();
    ports->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    m_viewMenu->addAction(ports);
    m_viewMenu->addSeparator();
    m_soundAction = m_viewMenu->addAction(tr("Beep when a device &fails"));
    m_soundAction->setCheckable(true);
    m_soundAction->setChecked(m_batchBar->soundEnabled());
    connect(m_soundAction, &QAction::toggled, this, [this](bool on) {
        m_batchBar->setSoundEnabled(on);
        m_settings->setValue(kSoundKey, on);
    });
    m_bannerAction = m_viewMenu->addAction(tr("Show an &alert banner when a device fails"));
    m_bannerAction->setCheckable(true);
    m_bannerAction->setChecked(m_batchBar->bannerEnabled());
    connect(m_bannerAction, &QAction::toggled, this, [this](bool on) {
        m_batchBar->setBannerEnabled(on);
        m_settings->setValue(kBannerKey, on);
    });

    m_viewMenu->addSeparator();
    createLanguageMenu(m_viewMenu->addMenu(tr("&Language")));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Blackbird Provisioning Station"), this, &MainWindow::showAbout);
}

void MainWindow::createLanguageMenu(QMenu *menu)
{
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(menu);
    const QString chosen = m_settings->value(kLanguageKey).toString();
    const auto add = [&](const QString &text, const QString &language) {
        QAction *action = menu->addAction(text);
        action->setCheckable(true);
        action->setData(language);
        action->setChecked(language == chosen);
        group->addAction(action);
    };
    add(tr("As the &system"), QString());
    menu->addSeparator();
    add(QStringLiteral("English"), QStringLiteral("en"));
    for (const QString &language : stationLanguages()) {
        const QLocale locale(language);
        QString name = locale.nativeLanguageName();
        if (locale.language() == QLocale::Chinese)
            name = locale.nativeLanguageName() + QStringLiteral(" (") +
                   QLocale::scriptToString(locale.script()) + QLatin1Char(')');
        add(name, language);
    }
    connect(group, &QActionGroup::triggered, this, [this](QAction *action) {
        const QString language = action->data().toString();
        m_settings->setValue(kLanguageKey, language);
        const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
        statusBar()->showMessage(tr("The station speaks %1 from its next start.")
                                     .arg(action->text().remove(QLatin1Char('&'))));
        qCInfo(lcUi) << "language chosen:" << (language.isEmpty() ? "system" : language)
                     << locale.name();
    });
}

QString MainWindow::chosenLanguage(const QSettings &settings)
{
    return settings.value(kLanguageKey).toString();
}

void MainWindow::setStation(ProvisioningStation *station, AuditStore *audit)
{
    if (m_station)
        disconnect(m_station, nullptr, this, nullptr);
    m_station = station;
    m_boardModel->setStation(station);
    m_batchBar->setStation(station);
    if (station) {
        connect(station, &ProvisioningStation::timelineEntry, this, &MainWindow::onTimelineEntry);
        connect(station, &ProvisioningStation::ready, this, [this](int interrupted) {
            m_stationState->setText(
                interrupted > 0
                    ? tr("Ready. %n attempt(s) left running by the last run were marked "
                         "interrupted.",
                         nullptr, interrupted)
                    : tr("Ready."));
        });
        connect(station, &ProvisioningStation::startsBlockedChanged, this,
                [this](bool blocked, const QString &reason) {
                    m_stationState->setText(blocked ? tr("Blocked: %1").arg(reason) : tr("Ready."));
                });
        connect(station, &ProvisioningStation::deviceFinished, this, [this] {
            if (m_history)
                m_history->reload();
        });
        m_stationState->setText(station->isReady() ? tr("Ready.") : tr("Starting…"));
    }
    if (audit && !m_historyDock) {
        m_historyDock = new QDockWidget(tr("History"), this);
        m_historyDock->setObjectName(QStringLiteral("historyDock"));
        m_history = new HistoryView(audit, m_historyDock);
        m_history->setObjectName(QStringLiteral("historyView"));
        m_historyDock->setWidget(m_history);
        addDockWidget(Qt::BottomDockWidgetArea, m_historyDock);
        auto *logDock = findChild<QDockWidget *>(QStringLiteral("logDock"));
        tabifyDockWidget(logDock, m_historyDock);
        logDock->raise();
        QAction *toggle = m_historyDock->toggleViewAction();
        toggle->setShortcut(QKeySequence(tr("Ctrl+H")));
        m_viewMenu->insertAction(m_viewMenu->actions().value(2), toggle);
        restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
    }
    updateModeActions();
}

void MainWindow::setBrokerMonitor(BrokerMonitor *monitor)
{
    if (!monitor) {
        m_brokerState->clear();
        return;
    }
    const auto show = [this](bool connected, const QString &reason) {
        m_brokerState->setText(connected ? tr("Broker: watching")
                                         : tr("Broker: not connected (%1)").arg(reason));
    };
    connect(monitor, &BrokerMonitor::connectionChanged, this, show);
    show(monitor->isConnected(), tr("connecting"));
}

void MainWindow::setProfileSupport(ApiKeyStore *keys, const ProfileStore *store,
                                   const StationProfile &profile)
{
    m_keys = keys;
    m_profileStore = store;
    m_profile = profile;
}

ApiKeyStore *MainWindow::apiKeys() const
{
    return m_keys;
}

void MainWindow::onTimelineEntry(const TimelineEntry &entry)
{
    m_timeline->append(entry);
    // The raw console shows what the device printed, as the engine passes it on. Known limit:
    // the engine hands the GUI console lines (escape codes removed), not the serial bytes
    // themselves, so the hex view shows those lines' bytes; the byte stream needs a signal
    // from the device session through the job and the station.
    if (entry.source != TimelineEntry::Source::Console || entry.port.isEmpty())
        return;
    RawConsoleModel *&console = m_consoles[entry.port];
    if (!console)
        console = new RawConsoleModel(entry.port, this);
    console->append(RawConsoleModel::Direction::Received,
                    entry.text.toUtf8() + QByteArrayLiteral("\r\n"), entry.stationTime);
    if (m_rawConsole->model() == nullptr && m_board->currentPort() == entry.port)
        m_rawConsole->setModel(console);
}

void MainWindow::showDevice(const QString &port)
{
    m_timelineView->setPort(port);
    m_rawConsole->setModel(m_consoles.value(port));
}

void MainWindow::updatePortCount()
{
    m_portCount->setText(tr("Device ports: %1").arg(m_ports->rowCount()));
}

void MainWindow::showSettings()
{
    if (isLocked())
        return;
    auto *dialog = new SettingsDialog(m_keys, m_profileStore, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setProfile(m_profile);
    connect(dialog, &SettingsDialog::profileSaved, this, [this](const StationProfile &profile) {
        m_profile = profile;
        Q_EMIT profileChanged(profile);
    });
    dialog->open();
}

bool MainWindow::isFieldService() const
{
    return m_station && m_station->config().mode != ServiceMode::Production;
}

bool MainWindow::enterFieldService(ServiceMode mode, const QString &reason, bool confirmErase,
                                   QString *error)
{
    const auto refuse = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    if (isLocked())
        return refuse(tr("The station is locked; a supervisor must unlock it first."));
    if (!m_station)
        return refuse(tr("The station is not configured yet; open the settings first."));
    if (mode == ServiceMode::Production)
        return refuse(tr("Choose a field-service action."));
    if (reason.trimmed().isEmpty())
        return refuse(tr("Field service needs a reason."));
    StationConfig config = m_station->config();
    config.mode = mode;
    config.reason = reason.trimmed();
    config.confirmErase = mode == ServiceMode::EraseClaim && confirmErase;
    QString why;
    if (!m_station->setConfig(config, &why))
        return refuse(why);
    m_batchBar->setMode(mode, config.reason);
    updateModeActions();
    Q_EMIT fieldServiceChanged(true);
    return true;
}

void MainWindow::returnToProduction()
{
    if (!m_station)
        return;
    StationConfig config = m_station->config();
    config.mode = ServiceMode::Production;
    config.reason.clear();
    config.confirmErase = false;
    QString why;
    if (!m_station->setConfig(config, &why)) {
        QMessageBox::warning(this, tr("Back to production"),
                             tr("The station stays in field service: %1").arg(why));
        return;
    }
    m_batchBar->setMode(ServiceMode::Production, {});
    updateModeActions();
    Q_EMIT fieldServiceChanged(false);
}

void MainWindow::showFieldService()
{
    if (isLocked())
        return;
    const QString port = m_board->currentPort();
    const int row = m_boardModel->rowOf(port);
    auto *dialog =
        new FieldServiceDialog(row >= 0 ? m_boardModel->snapshot(row) : DeviceSnapshot(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QString error;
        if (!enterFieldService(dialog->mode(), dialog->reason(), dialog->eraseConfirmed(),
                               &error)) {
            QMessageBox::warning(
                this, tr("Field service"),
                tr("The station could not switch to field service: %1").arg(error));
        }
    });
    dialog->open();
}

void MainWindow::updateModeActions()
{
    const bool locked = isLocked();
    const bool field = isFieldService();
    m_fieldServiceAction->setEnabled(m_station != nullptr);
    m_productionAction->setEnabled(field);
    m_productionAction->setVisible(!locked && field);
}

bool MainWindow::isLocked() const
{
    return m_lock->isLocked();
}

bool MainWindow::hasSupervisorPassphrase() const
{
    return m_lock->hasPassphrase();
}

QFuture<bool> MainWindow::setSupervisorPassphrase(const QString &passphrase)
{
    return m_lock->setPassphrase(passphrase);
}

bool MainWindow::lock()
{
    if (!m_lock->hasPassphrase())
        return false;
    m_lock->setLocked(true);
    applyLock();
    Q_EMIT lockChanged(true);
    return true;
}

void MainWindow::unlock(const QString &passphrase)
{
    unlockWith(passphrase, false);
}

void MainWindow::unlockWith(const QString &passphrase, bool interactive)
{
    auto *watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcher<bool>::finished, this, [this, watcher, interactive] {
        watcher->deleteLater();
        if (!watcher->result()) {
            Q_EMIT unlockRefused();
            if (interactive) {
                QMessageBox::warning(this, tr("Unlock station"),
                                     tr("That is not the supervisor passphrase; the station "
                                        "stays locked."));
            }
            return;
        }
        m_lock->setLocked(false);
        applyLock();
        Q_EMIT lockChanged(false);
    });
    watcher->setFuture(m_lock->verify(passphrase));
}

void MainWindow::askLock()
{
    if (m_lock->hasPassphrase()) {
        const auto answer = QMessageBox::question(
            this, tr("Lock station"),
            tr("Lock the station? Settings and field service are hidden until a supervisor "
               "unlocks it with the passphrase. Provisioning goes on."));
        if (answer == QMessageBox::Yes)
            lock();
        return;
    }
    bool ok = false;
    const QString first = QInputDialog::getText(
        this, tr("Lock station"),
        tr("Choose the supervisor passphrase (at least %1 characters). It is needed to unlock "
           "settings and field service.")
            .arg(SupervisorLock::MinimumPassphraseLength),
        QLineEdit::Password, QString(), &ok);
    if (!ok)
        return;
    const QString second =
        QInputDialog::getText(this, tr("Lock station"), tr("Type the passphrase again:"),
                              QLineEdit::Password, QString(), &ok);
    if (!ok)
        return;
    if (first != second) {
        QMessageBox::warning(this, tr("Lock station"),
                             tr("The two passphrases differ; the station stays unlocked."));
        return;
    }
    if (first.size() < SupervisorLock::MinimumPassphraseLength) {
        QMessageBox::warning(this, tr("Lock station"),
                             tr("The passphrase is shorter than %1 characters; the station stays "
                                "unlocked.")
                                 .arg(SupervisorLock::MinimumPassphraseLength));
        return;
    }
    auto *watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcher<bool>::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (watcher->result())
            lock();
    });
    watcher->setFuture(m_lock->setPassphrase(first));
}

void MainWindow::askUnlock()
{
    bool ok = false;
    const QString passphrase =
        QInputDialog::getText(this, tr("Unlock station"), tr("Supervisor passphrase:"),
                              QLineEdit::Password, QString(), &ok);
    if (!ok)
        return;
    unlockWith(passphrase, true);
}

void MainWindow::applyLock()
{
    const bool locked = isLocked();
    m_settingsAction->setVisible(!locked);
    m_fieldServiceAction->setVisible(!locked);
    m_lockAction->setVisible(!locked);
    m_unlockAction->setVisible(locked);
    updateModeActions();
    setWindowTitle(locked ? tr("Blackbird Provisioning Station (locked)")
                          : tr("Blackbird Provisioning Station"));
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
    m_settings->setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    event->accept();
}

} // namespace Blackbird
