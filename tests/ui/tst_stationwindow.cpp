// The whole station window, offscreen, as a technician drives it: the real MainWindow wired the
// way blackbird-station's main() wires it (StationController from the local stack's
// endpoints.json, the API key from BLACKBIRD_API_KEY), the real blackbird-local (registration
// service, CA, Mosquitto with fleet provisioning) and the real blackbird-devsim. The test plugs
// in devices (links in the folder the window watches), presses the window's own buttons, answers
// its dialogs and reads what the board, the batch bar, the timeline and the history show:
//
//  1. a batch of 8 devices all reach "Passed";
//  2. 4 more are plugged in, one of them fails fleet provisioning on purpose (the simulator signs
//     badly, the broker rejects it): the board says why in words, the others pass;
//  3. with the fault gone, the window's Retry makes it pass;
//  4. the history exports CSV and the batch report PDF with every device;
//  5. the lock hides settings and field service; a wrong passphrase is refused, the right one
//     unlocks.
//
// With BLACKBIRD_SCREENSHOT_DIR set it saves pictures of the window on the way (mid-batch, all
// passed, the failure with its timeline, the history, the settings dialog).
#include "batchbar.h"
#include "deviceboardmodel.h"
#include "deviceboardview.h"
#include "devsimprocess.h"
#include "historyview.h"
#include "logging/logmodel.h"
#include "logging/logsink.h"
#include "mainwindow.h"
#include "pdftext.h"
#include "ports/portwatcher.h"
#include "settings/stationsettings.h"
#include "stackprocess.h"
#include "station/stationcontroller.h"
#include "timelineview.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include <functional>
#include <memory>

using namespace Blackbird;

namespace {

constexpr int kFirstBatch = 8;
constexpr int kSecondRun = 4;
constexpr int kDevices = kFirstBatch + kSecondRun;
constexpr int kFaultyDevice = kFirstBatch + 1; // the second of the devices plugged in later
const QString kBatchId = QStringLiteral("GUI-TEST-1");
const QString kPassphrase = QStringLiteral("gloves-off-42");

// Modal dialogs opened with exec() block the test until they close, so they are answered from
// a timer running inside their event loop: one answer per dialog, in the order they appear.
// An answer returns an empty string when the dialog was the one expected (and answers it), else
// what was wrong (the dialog is then closed so the test goes on and fails).
class DialogScript : public QObject
{
public:
    using Answer = std::function<QString(QWidget *dialog)>;

    explicit DialogScript(QList<Answer> answers)
        : m_answers(std::move(answers))
    {
        connect(&m_timer, &QTimer::timeout, this, &DialogScript::poll);
        m_timer.start(20);
    }

    bool done() const { return m_next == m_answers.size(); }
    QString problems() const { return m_problems.join(QStringLiteral("; ")); }

private:
    void poll()
    {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || !modal->isVisible())
            return;
        for (const QPointer<QWidget> &seen : std::as_const(m_answered)) {
            if (seen == modal)
                return; // answered, not yet gone
        }
        m_answered << modal;
        if (m_next >= m_answers.size()) {
            m_problems << QStringLiteral("an unexpected %1: %2")
                              .arg(QString::fromLatin1(modal->metaObject()->className()),
                                   modal->windowTitle());
            modal->close();
            return;
        }
        const QString problem = m_answers.at(m_next++)(modal);
        if (!problem.isEmpty()) {
            m_problems << problem;
            modal->close();
        }
    }

    QList<Answer> m_answers;
    qsizetype m_next = 0;
    QList<QPointer<QWidget>> m_answered;
    QStringList m_problems;
    QTimer m_timer;
};

QString wrongDialog(QWidget *dialog, const char *expected)
{
    return QStringLiteral("expected a %1, got a %2 (%3)")
        .arg(QLatin1String(expected), QString::fromLatin1(dialog->metaObject()->className()),
             dialog->windowTitle());
}

// Types text into a QInputDialog and presses OK.
DialogScript::Answer typeText(const QString &text)
{
    return [text](QWidget *dialog) {
        auto *input = qobject_cast<QInputDialog *>(dialog);
        if (!input)
            return wrongDialog(dialog, "QInputDialog");
        input->setTextValue(text);
        input->accept();
        return QString();
    };
}

// Checks a QMessageBox's words and presses its OK (or Yes) button.
DialogScript::Answer confirm(const QString &expectedText)
{
    return [expectedText](QWidget *dialog) {
        auto *box = qobject_cast<QMessageBox *>(dialog);
        if (!box)
            return wrongDialog(dialog, "QMessageBox");
        if (!box->text().contains(expectedText))
            return QStringLiteral("the message box says \"%1\", not \"%2\"")
                .arg(box->text(), expectedText);
        QAbstractButton *button = box->button(QMessageBox::Ok);
        if (!button)
            button = box->button(QMessageBox::Yes);
        if (!button)
            return QStringLiteral("the message box has no OK or Yes button");
        button->click();
        return QString();
    };
}

// Names the file in a save dialog and saves.
DialogScript::Answer saveAs(const QString &path)
{
    return [path](QWidget *dialog) {
        auto *files = qobject_cast<QFileDialog *>(dialog);
        if (!files)
            return wrongDialog(dialog, "QFileDialog");
        // Typed as a technician would: selectFile() leaves a focused name field alone.
        auto *name = files->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        if (!name)
            return QStringLiteral("the save dialog has no file name field");
        name->setText(path);
        static_cast<QDialog *>(files)->accept(); // QFileDialog::accept() is protected
        return QString();
    };
}

// Minimal CSV reading: quoted fields with doubled quotes and line breaks inside quotes.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
        } else if (c == u'\n') {
            row << field;
            field.clear();
            rows << row;
            row.clear();
        } else if (c != u'\r') {
            field += c;
        }
    }
    if (!field.isEmpty() || !row.isEmpty())
        rows << (row << field);
    return rows;
}

} // namespace

class TestStationWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void batchOfEightPasses();
    void failureIsShownWithItsReason();
    void retryAfterTheFaultPasses();
    void exportsTheHistory();
    void lockHidesSettingsUntilUnlocked();

private:
    bool control(const QString &command, QString *answer);
    bool plugIn(int device);
    QString portOf(int device) const;
    DeviceSnapshot row(int device) const;
    QString describe(int device) const;
    QString outcome(int device) const;
    int countIn(int from, int count, DeviceState state) const;
    int finishedIn(int from, int count) const;
    void clickRow(int device);
    void screenshot(const QString &name, QWidget *widget = nullptr);

    QTemporaryDir m_dir;
    QString m_portsDir;
    QString m_screenshots;
    std::unique_ptr<StackProcess> m_stack;
    std::unique_ptr<DevsimProcess> m_devsim;
    std::unique_ptr<StationSettings> m_settings;
    std::unique_ptr<LogModel> m_log;
    std::unique_ptr<PortWatcher> m_watcher;
    std::unique_ptr<StationController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    QStringList m_problems; // what the controller would have shown the technician
};

void TestStationWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_screenshots = qEnvironmentVariable("BLACKBIRD_SCREENSHOT_DIR");
    if (!m_screenshots.isEmpty())
        QVERIFY(QDir().mkpath(m_screenshots));

    QString error;
    m_stack = std::make_unique<StackProcess>(m_dir.filePath(QStringLiteral("stack")));
    QVERIFY2(m_stack->start({}, &error), qPrintable(error));
    m_devsim = std::make_unique<DevsimProcess>(m_dir.filePath(QStringLiteral("sim")));
    // A console line now and then, as real devices print, for the timeline to show.
    QVERIFY2(m_devsim->start(kDevices,
                             {QStringLiteral("--baud"), QStringLiteral("0"),
                              QStringLiteral("--console-interval-ms"), QStringLiteral("1500")},
                             &error),
             qPrintable(error));

    // The folder the window watches: a device is plugged in when its link appears there.
    m_portsDir = m_dir.filePath(QStringLiteral("ports"));
    QVERIFY(QDir().mkpath(m_portsDir));
    for (int i = 0; i < kFirstBatch; ++i)
        QVERIFY(plugIn(i));

    // The API key as an automated rig gives it: in the environment, never on a command line.
    const QByteArray key =
        m_stack->endpoints().value(QStringLiteral("api_key")).toString().toUtf8();
    QVERIFY(!key.isEmpty());
    qputenv(ApiKeyStore::kEnvironmentVariable, key);

    // As blackbird-station --settings FILE --endpoints FILE --port-pattern GLOB --batch ID
    // --operator NAME --audit-sqlite FILE sets itself up.
    m_log = std::make_unique<LogModel>();
    connect(LogSink::instance(), &LogSink::recorded, m_log.get(), &LogModel::append,
            Qt::QueuedConnection);
    m_settings = std::make_unique<StationSettings>(m_dir.filePath(QStringLiteral("station.ini")));
    m_watcher = std::make_unique<PortWatcher>();
    m_watcher->setInterval(std::chrono::milliseconds(100));

    StationController::Options options;
    options.endpointsFile = QDir(m_stack->stateDir()).filePath(QStringLiteral("endpoints.json"));
    options.portPatterns = {QDir(m_portsDir).filePath(QStringLiteral("dev-*"))};
    options.auditSqlitePath = m_dir.filePath(QStringLiteral("audit.sqlite"));
    options.batch.batchId = kBatchId;
    options.batch.operatorName = QStringLiteral("Dana Operator");
    m_controller = std::make_unique<StationController>(m_watcher.get());
    m_controller->setOptions(options);
    connect(m_controller.get(), &StationController::problem, this,
            [this](const QString &text) { m_problems << text; });
    QSignalSpy started(m_controller.get(), &StationController::started);

    m_window = std::make_unique<MainWindow>(m_watcher.get(), m_log.get(), &m_settings->backend());
    const ProfileStore profiles(m_dir.filePath(QStringLiteral("profiles")));
    std::optional<StationProfile> profile =
        StationController::loadProfile(options, QString(), profiles, &error);
    QVERIFY2(profile, qPrintable(error));
    QVERIFY2(m_controller->configure(*profile, &error), qPrintable(error));
    m_window->setStation(&m_controller->station(), &m_controller->audit());
    m_window->setBrokerMonitor(&m_controller->monitor());
    m_window->setProfileSupport(&m_controller->keys(), &profiles, *profile);
    // The size of a workstation's screen, whatever the offscreen platform's screen says.
    m_window->resize(1600, 1000);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_watcher->start();

    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->station().isReady(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->monitor().isConnected(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->boardModel()->rowCount(), kFirstBatch, 10000);
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(u'\n')));
    auto *brokerState = m_window->findChild<QLabel *>(QStringLiteral("brokerStateLabel"));
    QVERIFY(brokerState);
    QTRY_COMPARE(brokerState->text(), QStringLiteral("Broker: watching"));
}

void TestStationWindow::cleanupTestCase()
{
    if (m_window)
        m_window->close();
    m_window.reset();
    m_controller.reset();
    m_watcher.reset();
    LogSink::uninstall();
    if (m_devsim)
        m_devsim->stop();
    if (m_stack)
        m_stack->stop();
    qunsetenv(ApiKeyStore::kEnvironmentVariable);
}

bool TestStationWindow::control(const QString &command, QString *answer)
{
    m_devsim->process().waitForReadyRead(50);
    m_devsim->process().readAllStandardOutput(); // an old line is not the answer
    return m_devsim->control(command, answer) || answer->contains(QLatin1String("\nok "));
}

bool TestStationWindow::plugIn(int device)
{
    return QFile::link(m_devsim->link(device), portOf(device));
}

QString TestStationWindow::portOf(int device) const
{
    return QDir(m_portsDir).filePath(QStringLiteral("dev-%1").arg(device, 3, 10, QLatin1Char('0')));
}

DeviceSnapshot TestStationWindow::row(int device) const
{
    const int r = m_window->boardModel()->rowOf(portOf(device));
    return r >= 0 ? m_window->boardModel()->snapshot(r) : DeviceSnapshot();
}

QString TestStationWindow::outcome(int device) const
{
    const DeviceBoardModel *model = m_window->boardModel();
    const int r = model->rowOf(portOf(device));
    return r >= 0 ? model->index(r, DeviceBoardModel::OutcomeColumn).data().toString() : QString();
}

QString TestStationWindow::describe(int device) const
{
    const DeviceSnapshot s = row(device);
    return QStringLiteral("dev-%1: %2 (%3)").arg(device).arg(outcome(device), s.error);
}

int TestStationWindow::countIn(int from, int count, DeviceState state) const
{
    int n = 0;
    for (int i = from; i < from + count; ++i)
        n += row(i).state == state;
    return n;
}

int TestStationWindow::finishedIn(int from, int count) const
{
    return count - countIn(from, count, DeviceState::Idle) -
           countIn(from, count, DeviceState::Running);
}

void TestStationWindow::clickRow(int device)
{
    QTableView *table = m_window->board()->table();
    const QModelIndex index = table->model()->index(m_window->boardModel()->rowOf(portOf(device)),
                                                    DeviceBoardModel::PortColumn);
    QVERIFY(index.isValid());
    table->scrollTo(index);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    QCOMPARE(m_window->board()->currentPort(), portOf(device));
}

void TestStationWindow::screenshot(const QString &name, QWidget *widget)
{
    if (m_screenshots.isEmpty())
        return;
    QWidget *shown = widget ? widget : m_window.get();
    const QString path = QDir(m_screenshots).filePath(name);
    QVERIFY2(shown->grab().save(path), qPrintable(path));
    qInfo() << "saved" << path;
}

void TestStationWindow::batchOfEightPasses()
{
    auto *startAll = m_window->findChild<QToolButton *>(QStringLiteral("batchStartAll"));
    QVERIFY(startAll);
    QVERIFY(startAll->isVisible());
    QVERIFY(startAll->isEnabled());
    for (int i = 0; i < kFirstBatch; ++i)
        QCOMPARE(outcome(i), QStringLiteral("Waiting to start"));

    // Mid-batch: the first device done, others still on their way.
    bool midBatchSeen = false;
    const QMetaObject::Connection midBatch =
        connect(&m_controller->station(), &ProvisioningStation::deviceFinished, this,
                [this, &midBatchSeen] {
                    if (!midBatchSeen && m_controller->station().counters().running > 0) {
                        midBatchSeen = true;
                        screenshot(QStringLiteral("station-mid-batch.png"));
                    }
                });
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(startAll, Qt::LeftButton);
    // The button started every device (none is left waiting).
    QTRY_COMPARE_WITH_TIMEOUT(countIn(0, kFirstBatch, DeviceState::Idle), 0, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(finishedIn(0, kFirstBatch), kFirstBatch, 120000);
    disconnect(midBatch);
    qInfo() << "a batch of" << kFirstBatch << "took" << clock.elapsed() << "ms in the window";

    for (int i = 0; i < kFirstBatch; ++i) {
        const DeviceSnapshot s = row(i);
        QVERIFY2(s.state == DeviceState::Passed, qPrintable(describe(i)));
        QCOMPARE(outcome(i), QStringLiteral("Passed"));
        QVERIFY(!s.deviceUuid.isEmpty());
        const int r = m_window->boardModel()->rowOf(portOf(i));
        const DeviceBoardModel *model = m_window->boardModel();
        QCOMPARE(model->index(r, DeviceBoardModel::StepColumn).data().toString(),
                 QStringLiteral("Done"));
        QCOMPARE(model->index(r, DeviceBoardModel::DeviceColumn).data().toString(), s.deviceUuid);
        QCOMPARE(model->index(r, DeviceBoardModel::TypeColumn).data().toString(),
                 QStringLiteral("blackbird-sensor-v1"));
        QVERIFY(!model->index(r, DeviceBoardModel::FirmwareColumn).data().toString().isEmpty());
    }
    // Columns no device has anything for take no room: simulated devices have no USB serial,
    // and the countdowns are over once every device passed.
    const QTableView *table = m_window->board()->table();
    QVERIFY(table->isColumnHidden(DeviceBoardModel::UsbSerialColumn));
    QVERIFY(table->isColumnHidden(DeviceBoardModel::ClaimExpiryColumn));
    QVERIFY(table->isColumnHidden(DeviceBoardModel::TokenExpiryColumn));
    QVERIFY(!table->isColumnHidden(DeviceBoardModel::DeviceColumn));
    QVERIFY(!table->isColumnHidden(DeviceBoardModel::TypeColumn));
    auto *counts = m_window->findChild<QLabel *>(QStringLiteral("countsLabel"));
    QVERIFY(counts);
    QVERIFY2(counts->text().contains(QStringLiteral("%1 passed").arg(kFirstBatch)),
             qPrintable(counts->text()));
    QVERIFY2(counts->text().contains(QStringLiteral("0 failed")), qPrintable(counts->text()));
    auto *batch = m_window->findChild<QLabel *>(QStringLiteral("batchLabel"));
    QVERIFY(batch && batch->text().contains(kBatchId));
    QVERIFY(!m_window->batchBar()->isAlertShown());
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(u'\n')));
    // A field engineer's laptop screen holds the window.
    QVERIFY2(m_window->minimumSizeHint().width() <= 1280,
             qPrintable(QString::number(m_window->minimumSizeHint().width())));
    screenshot(QStringLiteral("station-batch-passed.png"));
}

void TestStationWindow::failureIsShownWithItsReason()
{
    // The simulator signs RegisterThing's token badly on one device: the broker rejects it.
    QString answer;
    QVERIFY2(
        control(QStringLiteral("fault %1 fleet-fault bad-signature").arg(kFaultyDevice), &answer),
        qPrintable(answer));
    for (int i = kFirstBatch; i < kDevices; ++i)
        QVERIFY(plugIn(i));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->boardModel()->rowCount(), kDevices, 10000);
    for (int i = kFirstBatch; i < kDevices; ++i)
        QCOMPARE(outcome(i), QStringLiteral("Waiting to start"));

    QSignalSpy alerts(m_window->batchBar(), &BatchBar::alertRaised);
    auto *startAll = m_window->findChild<QToolButton *>(QStringLiteral("batchStartAll"));
    QTest::mouseClick(startAll, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finishedIn(kFirstBatch, kSecondRun), kSecondRun, 120000);

    // The one device failed, and the board says at which step and why, in words.
    const DeviceSnapshot failed = row(kFaultyDevice);
    QVERIFY2(failed.state == DeviceState::Failed, qPrintable(describe(kFaultyDevice)));
    const QString words = outcome(kFaultyDevice);
    QVERIFY2(words.startsWith(QStringLiteral("Failed: ")), qPrintable(words));
    QVERIFY2(words.contains(QStringLiteral("InvalidSignature")), qPrintable(words));
    const int r = m_window->boardModel()->rowOf(portOf(kFaultyDevice));
    QCOMPARE(m_window->boardModel()->index(r, DeviceBoardModel::StepColumn).data().toString(),
             QStringLiteral("Stopped at Fleet handshake"));
    // The icon repeats it, the colour too, and the whole reason is in the tooltip.
    QVERIFY(!m_window->boardModel()
                 ->index(r, DeviceBoardModel::OutcomeColumn)
                 .data(Qt::DecorationRole)
                 .isNull());
    QCOMPARE(m_window->boardModel()
                 ->index(r, DeviceBoardModel::OutcomeColumn)
                 .data(Qt::ToolTipRole)
                 .toString(),
             words);

    // The failed device's claim certificate is still valid for a retry, and the board says
    // for how long.
    QVERIFY(!m_window->board()->table()->isColumnHidden(DeviceBoardModel::ClaimExpiryColumn));
    const QString claimLeft =
        m_window->boardModel()->index(r, DeviceBoardModel::ClaimExpiryColumn).data().toString();
    QVERIFY2(claimLeft.endsWith(QStringLiteral(" left")), qPrintable(claimLeft));

    // The others passed, and the first batch was left alone (not started again).
    for (int i = 0; i < kDevices; ++i) {
        if (i != kFaultyDevice)
            QVERIFY2(row(i).state == DeviceState::Passed, qPrintable(describe(i)));
    }
    auto *counts = m_window->findChild<QLabel *>(QStringLiteral("countsLabel"));
    QVERIFY2(counts->text().contains(QStringLiteral("%1 passed").arg(kDevices - 1)),
             qPrintable(counts->text()));
    QVERIFY2(counts->text().contains(QStringLiteral("1 failed")), qPrintable(counts->text()));

    // The alert banner names the device and the reason.
    QCOMPARE(alerts.size(), 1);
    QVERIFY(m_window->batchBar()->isAlertShown());
    const QString alert = m_window->batchBar()->alertText();
    QVERIFY2(alert.startsWith(QStringLiteral("dev-%1 failed at Fleet handshake")
                                  .arg(kFaultyDevice, 3, 10, QLatin1Char('0'))),
             qPrintable(alert));
    QVERIFY2(alert.contains(QStringLiteral("InvalidSignature")), qPrintable(alert));

    // Its timeline shows the broker's rejection once the device is selected.
    clickRow(kFaultyDevice);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_window->timelineView()->port(), portOf(kFaultyDevice));
    const auto timelineShows = [this](const QString &text) {
        const QAbstractItemModel *model = m_window->timelineView()->table()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int column = 0; column < model->columnCount(); ++column) {
                if (model->index(row, column).data().toString().contains(text))
                    return true;
            }
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(timelineShows(QStringLiteral("InvalidSignature")), 15000);
    // What a technician does next: only the errors, where the broker's rejection stands out.
    auto *level = m_window->timelineView()->findChild<QComboBox *>(QStringLiteral("timelineLevel"));
    QVERIFY(level);
    level->setCurrentIndex(level->findText(QStringLiteral("Errors only")));
    QTRY_VERIFY(m_window->timelineView()->table()->model()->rowCount() > 0);
    QTRY_VERIFY(timelineShows(QStringLiteral("RegisterThing rejected (403 InvalidSignature)")));
    for (int row = 0; row < m_window->timelineView()->table()->model()->rowCount(); ++row) {
        const QString text = m_window->timelineView()
                                 ->table()
                                 ->model()
                                 ->index(row, TimelineModel::LevelColumn)
                                 .data()
                                 .toString();
        QCOMPARE(text, TimelineModel::levelLabel(TimelineEntry::Level::Error));
    }
    screenshot(QStringLiteral("station-failure-timeline.png"));
    level->setCurrentIndex(0);
}

void TestStationWindow::retryAfterTheFaultPasses()
{
    QString answer;
    QVERIFY2(control(QStringLiteral("fault %1 fleet-fault none").arg(kFaultyDevice), &answer),
             qPrintable(answer));

    clickRow(kFaultyDevice);
    if (QTest::currentTestFailed())
        return;
    QAction *retry = m_window->board()->retryAction();
    QVERIFY(retry->isEnabled());
    QCOMPARE(retry->objectName(), QStringLiteral("retryDeviceAction"));
    auto *toolBar = m_window->findChild<QToolBar *>(QStringLiteral("boardToolBar"));
    QVERIFY(toolBar);
    QWidget *retryButton = toolBar->widgetForAction(retry);
    QVERIFY(retryButton && retryButton->isVisible() && retryButton->isEnabled());
    QTest::mouseClick(retryButton, Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(row(kFaultyDevice).state != DeviceState::Failed, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(row(kFaultyDevice).state != DeviceState::Running, 60000);
    QVERIFY2(row(kFaultyDevice).state == DeviceState::Passed, qPrintable(describe(kFaultyDevice)));
    QCOMPARE(outcome(kFaultyDevice), QStringLiteral("Passed"));
    QVERIFY(!retry->isEnabled()); // nothing left to retry on this row
    // The alert about it is gone with the failure: no stale banner sends anyone after it.
    QVERIFY(!m_window->batchBar()->isAlertShown());
    for (int i = 0; i < kDevices; ++i)
        QVERIFY2(row(i).state == DeviceState::Passed, qPrintable(describe(i)));
    auto *counts = m_window->findChild<QLabel *>(QStringLiteral("countsLabel"));
    QVERIFY2(counts->text().contains(QStringLiteral("%1 passed").arg(kDevices)),
             qPrintable(counts->text()));
}

void TestStationWindow::exportsTheHistory()
{
    auto *history = m_window->findChild<HistoryView *>(QStringLiteral("historyView"));
    QVERIFY(history);
    auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("historyDock"));
    QVERIFY(dock);
    dock->show();
    dock->raise();
    // Every attempt reached the store: 12 devices, the faulty one twice.
    QSignalSpy loaded(history, &HistoryView::loaded);
    history->reload();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.last().at(0).toInt(), kDevices + 1);

    // CSV through the window's button and its save dialog.
    const QString csvPath = m_dir.filePath(QStringLiteral("shift-history.csv"));
    QSignalSpy csvDone(history, &HistoryView::csvExported);
    auto *exportCsv = history->findChild<QToolButton *>(QStringLiteral("historyExportCsv"));
    QVERIFY(exportCsv && exportCsv->isVisible());
    {
        DialogScript script({saveAs(csvPath)});
        QTest::mouseClick(exportCsv, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(script.done(), 10000);
        QVERIFY2(script.problems().isEmpty(), qPrintable(script.problems()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(csvDone.size(), 1, 10000);
    const auto csvResult = csvDone.first().at(0).value<AuditResult>();
    QVERIFY2(csvResult.ok, qPrintable(csvResult.error));
    QFile csvFile(csvPath);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(csvFile.readAll()));
    QCOMPARE(rows.size(), 1 + kDevices + 1);
    const QStringList header = rows.first();
    const qsizetype uuidColumn = header.indexOf(QStringLiteral("device_uuid"));
    const qsizetype outcomeColumn = header.indexOf(QStringLiteral("outcome"));
    const qsizetype batchColumn = header.indexOf(QStringLiteral("batch_id"));
    QVERIFY2(uuidColumn >= 0 && outcomeColumn >= 0 && batchColumn >= 0,
             qPrintable(header.join(u',')));
    for (int i = 0; i < kDevices; ++i) {
        const QString uuid = row(i).deviceUuid;
        QStringList outcomes;
        for (const QStringList &fields : rows.mid(1)) {
            if (fields.value(uuidColumn) == uuid) {
                outcomes << fields.value(outcomeColumn);
                QCOMPARE(fields.value(batchColumn), kBatchId);
            }
        }
        outcomes.sort();
        const QStringList expected =
            i == kFaultyDevice ? QStringList{QStringLiteral("failed"), QStringLiteral("passed")}
                               : QStringList{QStringLiteral("passed")};
        QVERIFY2(outcomes == expected,
                 qPrintable(QStringLiteral("dev-%1 %2: %3")
                                .arg(i)
                                .arg(uuid, outcomes.join(QStringLiteral(", ")))));
    }

    // The batch report through its button: the batch comes from the selected attempt.
    history->table()->selectRow(0);
    const QString pdfPath = m_dir.filePath(QStringLiteral("batch-report.pdf"));
    QSignalSpy pdfDone(history, &HistoryView::reportWritten);
    auto *report = history->findChild<QToolButton *>(QStringLiteral("historyBatchReport"));
    QVERIFY(report && report->isVisible());
    {
        DialogScript script({saveAs(pdfPath)});
        QTest::mouseClick(report, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(script.done(), 10000);
        QVERIFY2(script.problems().isEmpty(), qPrintable(script.problems()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(pdfDone.size(), 1, 30000);
    const auto pdfResult = pdfDone.first().at(0).value<AuditResult>();
    QVERIFY2(pdfResult.ok, qPrintable(pdfResult.error));
    QFile pdfFile(pdfPath);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    const QByteArray pdf = pdfFile.readAll();
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.size() > 4000);
    const QString text = Test::pdfText(pdf).remove(QRegularExpression(QStringLiteral("\\s")));
    QVERIFY2(text.contains(QStringLiteral("Batchreport:") + kBatchId), qPrintable(text.left(300)));
    for (int i = 0; i < kDevices; ++i)
        QVERIFY2(text.contains(row(i).deviceUuid), qPrintable(row(i).deviceUuid));
    QVERIFY2(text.contains(QStringLiteral("%1devices:%2passed,1failed,0skipped,0other.")
                               .arg(kDevices + 1)
                               .arg(kDevices)),
             qPrintable(text.left(600)));
    QVERIFY(text.contains(QStringLiteral("InvalidSignature")));
    // The history as a supervisor reads it: the dock given most of the window's height.
    m_window->resizeDocks({dock}, {m_window->height() / 2}, Qt::Vertical);
    QTest::qWait(50);
    screenshot(QStringLiteral("station-history.png"));
}

void TestStationWindow::lockHidesSettingsUntilUnlocked()
{
    QAction *settings = m_window->settingsAction();
    QAction *fieldService = m_window->fieldServiceAction();
    QAction *lock = m_window->lockAction();
    QAction *unlock = m_window->unlockAction();
    QCOMPARE(settings->objectName(), QStringLiteral("settingsAction"));
    QCOMPARE(lock->objectName(), QStringLiteral("lockAction"));
    QVERIFY(settings->isVisible() && fieldService->isVisible() && fieldService->isEnabled());
    QVERIFY(lock->isVisible());
    QVERIFY(!unlock->isVisible());
    QVERIFY(!m_window->hasSupervisorPassphrase());

    // Unlocked, the settings open (without blocking: the dialog is window-modal).
    settings->trigger();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QDialog *>(QStringLiteral("settingsDialog"))) &&
                dialog->isVisible());
    // Every field is in view (no bar hides its edge) and every label's shortcut works.
    auto *scroll = dialog->findChild<QScrollArea *>();
    QVERIFY(scroll);
    QTRY_COMPARE(scroll->widget()->width(), scroll->viewport()->width());
    QVERIFY(!scroll->verticalScrollBar()->isVisible());
    for (const QLabel *label : dialog->findChildren<QLabel *>()) {
        if (label->text().contains(u'&') && !label->text().contains(u'<'))
            QVERIFY2(label->buddy(), qPrintable(label->text()));
    }
    screenshot(QStringLiteral("station-settings.png"), dialog);
    dialog->reject();
    QTRY_VERIFY(!m_window->findChild<QDialog *>(QStringLiteral("settingsDialog")));

    // Locking the first time asks for the supervisor passphrase twice.
    QSignalSpy lockChanged(m_window.get(), &MainWindow::lockChanged);
    {
        DialogScript script({typeText(kPassphrase), typeText(kPassphrase)});
        lock->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(script.done(), 10000);
        QVERIFY2(script.problems().isEmpty(), qPrintable(script.problems()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(lockChanged.size(), 1, 10000);
    QCOMPARE(lockChanged.first().at(0).toBool(), true);
    QVERIFY(m_window->isLocked());
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("locked")));
    QVERIFY(!settings->isVisible());
    QVERIFY(!fieldService->isVisible());
    QVERIFY(!lock->isVisible());
    QVERIFY(unlock->isVisible());
    // No menu offers them, and asking directly opens nothing.
    for (QMenu *menu : m_window->findChildren<QMenu *>()) {
        for (QAction *action : menu->actions()) {
            if (action == settings || action == fieldService)
                QVERIFY(!action->isVisible());
        }
    }
    m_window->showSettings();
    m_window->showFieldService();
    QTest::qWait(50);
    QVERIFY(!m_window->findChild<QDialog *>(QStringLiteral("settingsDialog")));
    QVERIFY(!QApplication::activeModalWidget());
    // Provisioning goes on while locked.
    QVERIFY(m_window->board()->startAllAction()->isEnabled());

    // A wrong passphrase is refused, and the technician is told.
    QSignalSpy refused(m_window.get(), &MainWindow::unlockRefused);
    {
        DialogScript script({typeText(QStringLiteral("not-the-passphrase")),
                             confirm(QStringLiteral("not the supervisor passphrase"))});
        unlock->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(script.done(), 10000);
        QVERIFY2(script.problems().isEmpty(), qPrintable(script.problems()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 10000);
    QVERIFY(m_window->isLocked());
    QVERIFY(!settings->isVisible());
    QCOMPARE(lockChanged.size(), 1);

    // The right one unlocks.
    {
        DialogScript script({typeText(kPassphrase)});
        unlock->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(script.done(), 10000);
        QVERIFY2(script.problems().isEmpty(), qPrintable(script.problems()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(lockChanged.size(), 2, 10000);
    QCOMPARE(lockChanged.last().at(0).toBool(), false);
    QVERIFY(!m_window->isLocked());
    QVERIFY(settings->isVisible() && fieldService->isVisible());
    QVERIFY(!unlock->isVisible());
    QCOMPARE(refused.size(), 1);
    // Only a hash of the passphrase is kept in the settings.
    m_settings->backend().sync();
    QFile ini(m_dir.filePath(QStringLiteral("station.ini")));
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().contains(kPassphrase.toUtf8()));
}

QTEST_MAIN(TestStationWindow)
#include "tst_stationwindow.moc"
