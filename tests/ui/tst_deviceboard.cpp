// The device board, the batch bar, the field-service dialog and the supervisor lock, offscreen
// and without a stack: rows from snapshots read in words and icons, progress and time tick,
// countdowns say what is left, a failure raises the alert, field service refuses an empty reason,
// and the lock keeps its passphrase only as a salted hash.
#include "batchbar.h"
#include "deviceboardmodel.h"
#include "deviceboardview.h"
#include "fieldservicedialog.h"

#include <QAction>
#include <QFile>
#include <QFutureWatcher>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Blackbird;

namespace {

DeviceSnapshot running(const QString &port)
{
    DeviceSnapshot s;
    s.port = port;
    s.usbSerial = QStringLiteral("FT12345");
    s.deviceUuid = QStringLiteral("123e4567-e89b-12d3-a456-426614174000");
    s.deviceType = QStringLiteral("blackbird-sensor-v1");
    s.firmware = QStringLiteral("2.3.0");
    s.state = DeviceState::Running;
    s.step = ProvisioningStep::Transfer;
    s.stepProgress = 0.5;
    s.startedAt = QDateTime::currentDateTimeUtc().addSecs(-75);
    return s;
}

QString cell(const DeviceBoardModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

template<typename T> T await(QFuture<T> future)
{
    QFutureWatcher<T> watcher;
    QSignalSpy done(&watcher, &QFutureWatcher<T>::finished);
    watcher.setFuture(future);
    if (!future.isFinished())
        done.wait(20000);
    return future.result();
}

} // namespace

class TestDeviceBoard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsFollowSnapshots();
    void outcomesReadWithoutColour_data();
    void outcomesReadWithoutColour();
    void progressAndElapsed();
    void countdowns();
    void actionsFollowTheSelection();
    void failureRaisesTheAlert();
    void fieldServiceRefusesAnEmptyReason();
    void eraseNeedsConfirmation();
    void lockKeepsOnlyASaltedHash();
};

void TestDeviceBoard::rowsFollowSnapshots()
{
    DeviceBoardModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.updateSnapshot(running(QStringLiteral("/dev/pts/b")));
    model.updateSnapshot(running(QStringLiteral("/dev/pts/a")));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.size(), 2);
    // Sorted by port, the port column shows the last path component, the tooltip the whole.
    QCOMPARE(cell(model, 0, DeviceBoardModel::PortColumn), QStringLiteral("a"));
    QCOMPARE(cell(model, 0, DeviceBoardModel::PortColumn, Qt::ToolTipRole),
             QStringLiteral("/dev/pts/a"));
    QCOMPARE(cell(model, 1, DeviceBoardModel::UsbSerialColumn), QStringLiteral("FT12345"));
    QCOMPARE(cell(model, 1, DeviceBoardModel::DeviceColumn),
             QStringLiteral("123e4567-e89b-12d3-a456-426614174000"));
    QCOMPARE(cell(model, 1, DeviceBoardModel::TypeColumn), QStringLiteral("blackbird-sensor-v1"));
    QCOMPARE(cell(model, 1, DeviceBoardModel::FirmwareColumn), QStringLiteral("2.3.0"));

    // An update changes the row in place and keeps the USB serial a later snapshot lacks.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    DeviceSnapshot passed = running(QStringLiteral("/dev/pts/a"));
    passed.usbSerial.clear();
    passed.state = DeviceState::Passed;
    passed.step = ProvisioningStep::Record;
    model.updateSnapshot(passed);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(cell(model, 0, DeviceBoardModel::OutcomeColumn), QStringLiteral("Passed"));
    QCOMPARE(cell(model, 0, DeviceBoardModel::UsbSerialColumn), QStringLiteral("FT12345"));

    model.removePort(QStringLiteral("/dev/pts/a"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOf(QStringLiteral("/dev/pts/b")), 0);
    QCOMPARE(model.rowOf(QStringLiteral("/dev/pts/a")), -1);
    // A snapshot without a port is not a row.
    model.updateSnapshot(DeviceSnapshot());
    QCOMPARE(model.rowCount(), 1);
}

void TestDeviceBoard::outcomesReadWithoutColour_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("text");
    QTest::newRow("idle") << int(DeviceState::Idle) << QString()
                          << QStringLiteral("Waiting to start");
    QTest::newRow("running") << int(DeviceState::Running) << QString() << QStringLiteral("Running");
    QTest::newRow("passed") << int(DeviceState::Passed) << QString() << QStringLiteral("Passed");
    QTest::newRow("failed") << int(DeviceState::Failed)
                            << QStringLiteral("the registration service refused the API key")
                            << QStringLiteral(
                                   "Failed: the registration service refused the API key");
    QTest::newRow("failed, no reason")
        << int(DeviceState::Failed) << QString() << QStringLiteral("Failed at Transfer claim");
    QTest::newRow("skipped") << int(DeviceState::Skipped) << QString()
                             << QStringLiteral("Skipped: already provisioned");
    QTest::newRow("cancelled") << int(DeviceState::Cancelled)
                               << QStringLiteral("cancelled by the operator")
                               << QStringLiteral("Cancelled: cancelled by the operator");
}

void TestDeviceBoard::outcomesReadWithoutColour()
{
    QFETCH(int, state);
    QFETCH(QString, error);
    QFETCH(QString, text);
    DeviceBoardModel model;
    DeviceSnapshot s = running(QStringLiteral("/dev/ttyUSB0"));
    s.state = DeviceState(state);
    s.error = error;
    model.updateSnapshot(s);
    const QModelIndex outcome = model.index(0, DeviceBoardModel::OutcomeColumn);
    QCOMPARE(outcome.data().toString(), text);
    // The words are the outcome; the icon repeats them, and every state has its own icon.
    const QIcon icon = outcome.data(Qt::DecorationRole).value<QIcon>();
    QVERIFY(!icon.isNull());
    QCOMPARE(icon.cacheKey(), DeviceBoardModel::stateIcon(DeviceState(state)).cacheKey());
    QCOMPARE(outcome.data(DeviceBoardModel::StateRole).toInt(), state);
    QCOMPARE(outcome.data(Qt::AccessibleTextRole).toString(), text);
    if (DeviceState(state) != DeviceState::Idle)
        QVERIFY(outcome.data(Qt::BackgroundRole).isValid());
}

void TestDeviceBoard::progressAndElapsed()
{
    DeviceBoardModel model;
    DeviceSnapshot s = running(QStringLiteral("/dev/ttyUSB0"));
    model.updateSnapshot(s);
    const QModelIndex step = model.index(0, DeviceBoardModel::StepColumn);
    QCOMPARE(step.data().toString(), QStringLiteral("Transfer claim (3 of 8), 50%"));
    // Transfer is the third of eight steps: two done and half of the third.
    QCOMPARE(step.data(DeviceBoardModel::ProgressRole).toDouble(), 2.5 / 8);
    const QString elapsed = cell(model, 0, DeviceBoardModel::ElapsedColumn);
    QVERIFY2(elapsed == QStringLiteral("1:15") || elapsed == QStringLiteral("1:16"),
             qPrintable(elapsed));

    // It ticks: the time column is announced as changed every second while nothing else moves.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(changed.wait(2500));
    QCOMPARE(changed.first().at(0).toModelIndex().column(), int(DeviceBoardModel::ElapsedColumn));

    // A finished attempt stops at its finishing time and shows full progress.
    s.state = DeviceState::Passed;
    s.finishedAt = s.startedAt.addSecs(3725);
    model.updateSnapshot(s);
    QCOMPARE(cell(model, 0, DeviceBoardModel::ElapsedColumn), QStringLiteral("1:02:05"));
    QCOMPARE(step.data(DeviceBoardModel::ProgressRole).toDouble(), 1.0);
    QCOMPARE(step.data().toString(), QStringLiteral("Done"));
    // Failed keeps where it stopped.
    s.state = DeviceState::Failed;
    s.step = ProvisioningStep::Watch;
    s.stepProgress = 0;
    model.updateSnapshot(s);
    QCOMPARE(step.data().toString(), QStringLiteral("Stopped at Fleet handshake"));
    QCOMPARE(step.data(DeviceBoardModel::ProgressRole).toDouble(), 5.0 / 8);
    QCOMPARE(DeviceBoardModel::durationText(-5), QStringLiteral("0:00"));
}

void TestDeviceBoard::countdowns()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    DeviceSnapshot s = running(QStringLiteral("/dev/ttyUSB0"));
    QCOMPARE(DeviceBoardModel::countdownText(s, QDateTime(), now), QString());
    QCOMPARE(DeviceBoardModel::countdownText(s, now.addSecs(3590), now),
             QStringLiteral("59:50 left"));
    QCOMPARE(DeviceBoardModel::countdownText(s, now.addSecs(47 * 3600), now),
             QStringLiteral("47:00:00 left"));
    QCOMPARE(DeviceBoardModel::countdownText(s, now.addDays(825), now),
             QStringLiteral("825 days left"));
    QCOMPARE(DeviceBoardModel::countdownText(s, now.addDays(-3), now),
             QStringLiteral("expired 3 days ago"));
    QCOMPARE(DeviceBoardModel::countdownText(s, now.addSecs(-12), now),
             QStringLiteral("expired 0:12 ago"));
    s.state = DeviceState::Passed; // no longer relevant
    QCOMPARE(DeviceBoardModel::countdownText(s, now.addSecs(3590), now), QString());

    DeviceBoardModel model;
    s = running(QStringLiteral("/dev/ttyUSB0"));
    s.tokenExpiresAt = now.addSecs(120);
    s.claimExpiresAt = now.addDays(3).addSecs(600);
    model.updateSnapshot(s);
    QVERIFY(cell(model, 0, DeviceBoardModel::TokenExpiryColumn).endsWith(QStringLiteral("left")));
    QCOMPARE(cell(model, 0, DeviceBoardModel::ClaimExpiryColumn), QStringLiteral("3 days left"));
    // Under five minutes left the token's countdown turns red; the claim's three days do not.
    QVERIFY(model.index(0, DeviceBoardModel::TokenExpiryColumn).data(Qt::ForegroundRole).isValid());
    QVERIFY(
        !model.index(0, DeviceBoardModel::ClaimExpiryColumn).data(Qt::ForegroundRole).isValid());
}

void TestDeviceBoard::actionsFollowTheSelection()
{
    DeviceBoardModel model;
    DeviceBoardView view(&model);
    view.resize(1200, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *empty = view.findChild<QLabel *>(QStringLiteral("boardEmptyLabel"));
    QVERIFY(empty && empty->isVisible());

    DeviceSnapshot failed = running(QStringLiteral("/dev/ttyUSB1"));
    failed.state = DeviceState::Failed;
    failed.error = QStringLiteral("timed out");
    model.updateSnapshot(running(QStringLiteral("/dev/ttyUSB0")));
    model.updateSnapshot(failed);
    QVERIFY(view.table()->isVisible());
    QVERIFY(!empty->isVisible());
    QSignalSpy current(&view, &DeviceBoardView::currentPortChanged);
    view.selectPort(QStringLiteral("/dev/ttyUSB1"));
    QCOMPARE(view.currentPort(), QStringLiteral("/dev/ttyUSB1"));
    QCOMPARE(current.size(), 1);
    QCOMPARE(current.first().first().toString(), QStringLiteral("/dev/ttyUSB1"));
    // Without a station nothing can be started; actions stay off rather than doing nothing.
    QVERIFY(!view.retryAction()->isEnabled());
    QVERIFY(!view.startAllAction()->isEnabled());
    // Shortcuts exist for every action, for gloves and keyboards.
    for (QAction *action : {view.startAction(), view.retryAction(), view.cancelAction(),
                            view.startAllAction(), view.cancelAllAction()})
        QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->text()));
}

void TestDeviceBoard::failureRaisesTheAlert()
{
    BatchBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    bar.setBatch({QStringLiteral("B-42"), QStringLiteral("Ada"), QStringLiteral("line-3")});
    QVERIFY(bar.findChild<QLabel *>(QStringLiteral("batchLabel"))->text().contains("B-42"));
    BatchCounters counters;
    counters.passed = 7;
    counters.failed = 1;
    counters.running = 2;
    counters.queued = 1;
    counters.skipped = 3;
    counters.devicesPerHour = 123.45;
    bar.setCounters(counters);
    QCOMPARE(bar.findChild<QLabel *>(QStringLiteral("countsLabel"))->text(),
             QStringLiteral("✔ 7 passed   ✖ 1 failed   ▶ 3 running   3 skipped"));
    QCOMPARE(bar.findChild<QLabel *>(QStringLiteral("rateLabel"))->text(),
             QStringLiteral("123.5 devices/hour"));

    QVERIFY(!bar.isAlertShown());
    bar.setSoundEnabled(true);
    bar.alert(QStringLiteral("dev-003 failed at Register: refused"));
    QVERIFY(bar.isAlertShown());
    QCOMPARE(bar.beepCount(), 1);
    QVERIFY(bar.alertText().contains(QStringLiteral("refused")));
    bar.alert(QStringLiteral("dev-004 failed"));
    QVERIFY(bar.alertText().contains(QStringLiteral("2 failures")));
    bar.dismissAlert();
    QVERIFY(!bar.isAlertShown());

    // Both halves of the alert can be turned off.
    bar.setSoundEnabled(false);
    bar.setBannerEnabled(false);
    bar.alert(QStringLiteral("dev-005 failed"));
    QVERIFY(!bar.isAlertShown());
    QCOMPARE(bar.beepCount(), 2);
}

void TestDeviceBoard::fieldServiceRefusesAnEmptyReason()
{
    DeviceSnapshot device = running(QStringLiteral("/dev/ttyUSB0"));
    FieldServiceDialog dialog(device);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *identity = dialog.findChild<QLabel *>(QStringLiteral("deviceIdentity"));
    QVERIFY(identity && identity->text().contains(device.deviceUuid));
    QSignalSpy accepted(&dialog, &QDialog::accepted);

    dialog.setMode(ServiceMode::Rotate);
    dialog.setReason(QStringLiteral("   \n  "));
    dialog.accept();
    QCOMPARE(accepted.size(), 0);
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.errorText().contains(QStringLiteral("reason")));

    dialog.setReason(QStringLiteral("RMA 4711: certificate rotated after a key leak"));
    dialog.accept();
    QCOMPARE(accepted.size(), 1);
    QCOMPARE(dialog.mode(), ServiceMode::Rotate);
    QCOMPARE(dialog.reason(), QStringLiteral("RMA 4711: certificate rotated after a key leak"));
    QVERIFY(!dialog.eraseConfirmed());
}

void TestDeviceBoard::eraseNeedsConfirmation()
{
    FieldServiceDialog dialog;
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.setMode(ServiceMode::EraseClaim);
    dialog.setReason(QStringLiteral("device returned for scrapping"));
    dialog.accept();
    QCOMPARE(accepted.size(), 0);
    QVERIFY(dialog.problem().contains(QStringLiteral("confirmation")));
    dialog.setEraseConfirmed(true);
    dialog.accept();
    QCOMPARE(accepted.size(), 1);
    QVERIFY(dialog.eraseConfirmed());
}

void TestDeviceBoard::lockKeepsOnlyASaltedHash()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("station.ini"));
    QSettings settings(file, QSettings::IniFormat);
    SupervisorLock lock(&settings);
    QVERIFY(!lock.hasPassphrase());
    QVERIFY(!await(lock.verify(QStringLiteral("anything"))));
    QVERIFY(!await(lock.setPassphrase(QStringLiteral("short"))));
    QVERIFY(await(lock.setPassphrase(QStringLiteral("correct horse"))));
    QVERIFY(lock.hasPassphrase());
    QVERIFY(await(lock.verify(QStringLiteral("correct horse"))));
    QVERIFY(!await(lock.verify(QStringLiteral("correct hors"))));
    QVERIFY(!await(lock.verify(QString())));
    lock.setLocked(true);
    QVERIFY(lock.isLocked());

    QFile raw(file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray contents = raw.readAll();
    QVERIFY(!contents.contains("correct horse"));
    QVERIFY(contents.contains("hash="));
    // The same passphrase set again gets a new salt, so a new hash.
    const QByteArray firstHash = settings.value(QStringLiteral("lock/hash")).toByteArray();
    QVERIFY(await(lock.setPassphrase(QStringLiteral("correct horse"))));
    QVERIFY(settings.value(QStringLiteral("lock/hash")).toByteArray() != firstHash);
    QVERIFY(await(lock.verify(QStringLiteral("correct horse"))));
}

QTEST_MAIN(TestDeviceBoard)
#include "tst_deviceboard.moc"
