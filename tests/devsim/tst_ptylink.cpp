// Tests the simulated UART cable on real pseudo-terminals, opened from the station side with
// QSerialPort exactly as the station opens a device.
#include "ptylink.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSerialPort>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Blackbird::Sim::PtyLink;

class TestPtyLink : public QObject
{
    Q_OBJECT

private slots:
    void linkPointsAtSlaveAndGoesAway();
    void openFailsWithReasonInMissingFolder();
    void bytesFlowBothWays();
    void stationCloseAndReopenAreSurvived();
    void outputNobodyReadsIsNotReplayed();
    void pacingFollowsBaud_data();
    void pacingFollowsBaud();
    void corruptionFlipsOneBitPerByte_data();
    void corruptionFlipsOneBitPerByte();
    void reconnectHangsUpAndMovesLink_data();
    void reconnectHangsUpAndMovesLink();
};

namespace {

bool openStation(QSerialPort &port, const QString &path)
{
    port.setPortName(path);
    port.setBaudRate(QSerialPort::Baud115200);
    return port.open(QIODevice::ReadWrite);
}

QByteArray readUntil(QSerialPort &port, qsizetype size, int timeoutMs)
{
    QByteArray data;
    [[maybe_unused]] const bool complete = QTest::qWaitFor(
        [&] {
            data += port.readAll();
            return data.size() >= size;
        },
        timeoutMs);
    return data;
}

} // namespace

void TestPtyLink::linkPointsAtSlaveAndGoesAway()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dev-000"));
    PtyLink link(path, 0);
    QString error;

    QVERIFY2(link.open(&error), qPrintable(error));

    const QFileInfo info(path);
    QVERIFY(info.isSymLink());
    QCOMPARE(info.symLinkTarget(), link.slavePath());
    QVERIFY(link.slavePath().startsWith(QStringLiteral("/dev/pts/")));
    QVERIFY(!link.isStationAttached());

    link.close();
    QVERIFY(!QFileInfo(path).isSymLink());
    QVERIFY(!QFileInfo::exists(path));
}

void TestPtyLink::openFailsWithReasonInMissingFolder()
{
    QTemporaryDir dir;
    PtyLink link(dir.filePath(QStringLiteral("missing/dev-000")), 0);
    QString error;

    QVERIFY(!link.open(&error));

    QVERIFY2(error.contains(QStringLiteral("cannot create the link")), qPrintable(error));
    QVERIFY(!link.isOpen());
}

void TestPtyLink::bytesFlowBothWays()
{
    QTemporaryDir dir;
    PtyLink link(dir.filePath(QStringLiteral("dev-000")), 0);
    QString error;
    QVERIFY(link.open(&error));
    QSignalSpy attached(&link, &PtyLink::stationAttached);
    QSerialPort station;
    QVERIFY2(openStation(station, link.linkPath()), qPrintable(station.errorString()));
    QTRY_COMPARE(attached.count(), 1);

    QByteArray toDevice;
    connect(&link, &PtyLink::received, this, [&](const QByteArray &bytes) { toDevice += bytes; });
    station.write("from station\n");
    link.send("from device\n");

    QTRY_COMPARE(toDevice, QByteArray("from station\n"));
    QCOMPARE(readUntil(station, 12, 5000), QByteArray("from device\n"));
}

void TestPtyLink::stationCloseAndReopenAreSurvived()
{
    QTemporaryDir dir;
    PtyLink link(dir.filePath(QStringLiteral("dev-000")), 0);
    QString error;
    QVERIFY(link.open(&error));
    QSignalSpy attached(&link, &PtyLink::stationAttached);
    QSignalSpy detached(&link, &PtyLink::stationDetached);
    QByteArray toDevice;
    connect(&link, &PtyLink::received, this, [&](const QByteArray &bytes) { toDevice += bytes; });

    for (int round = 1; round <= 3; ++round) {
        QSerialPort station;
        QVERIFY(openStation(station, link.linkPath()));
        QTRY_COMPARE(attached.count(), round);
        QVERIFY(link.isStationAttached());

        const QByteArray word = "round " + QByteArray::number(round);
        station.write(word);
        QTRY_VERIFY(toDevice.endsWith(word));
        link.send(word);
        QCOMPARE(readUntil(station, word.size(), 5000), word);

        station.close();
        QTRY_COMPARE(detached.count(), round);
        QVERIFY(!link.isStationAttached());
    }
}

void TestPtyLink::outputNobodyReadsIsNotReplayed()
{
    QTemporaryDir dir;
    PtyLink link(dir.filePath(QStringLiteral("dev-000")), 0);
    QString error;
    QVERIFY(link.open(&error));
    QSignalSpy attached(&link, &PtyLink::stationAttached);
    QSignalSpy detached(&link, &PtyLink::stationDetached);

    // Console output while the port is closed goes nowhere, as on a real UART.
    link.send("spoken to nobody\n");
    QCOMPARE(link.droppedToStation(), quint64(17));

    QSerialPort station;
    QVERIFY(openStation(station, link.linkPath()));
    QTRY_COMPARE(attached.count(), 1);
    link.send("fresh\n");

    QCOMPARE(readUntil(station, 6, 5000), QByteArray("fresh\n"));
}

void TestPtyLink::pacingFollowsBaud_data()
{
    QTest::addColumn<bool>("toStation");
    QTest::addColumn<int>("baud");
    QTest::addColumn<int>("bytes");

    // Half a second of line time each: a sanity bound, not a measurement.
    QTest::newRow("device to station, 38400") << true << 38400 << 1920;
    QTest::newRow("station to device, 38400") << false << 38400 << 1920;
    QTest::newRow("device to station, 115200") << true << 115200 << 5760;
    QTest::newRow("station to device, 115200") << false << 115200 << 5760;
}

void TestPtyLink::pacingFollowsBaud()
{
    QFETCH(bool, toStation);
    QFETCH(int, baud);
    QFETCH(int, bytes);

    QTemporaryDir dir;
    PtyLink link(dir.filePath(QStringLiteral("dev-000")), baud);
    QString error;
    QVERIFY(link.open(&error));
    QSignalSpy attached(&link, &PtyLink::stationAttached);
    QSerialPort station;
    QVERIFY(openStation(station, link.linkPath()));
    QTRY_COMPARE(attached.count(), 1);
    qsizetype delivered = 0;
    connect(&link, &PtyLink::received, this,
            [&](const QByteArray &chunk) { delivered += chunk.size(); });
    const QByteArray payload(bytes, 'x');

    QElapsedTimer clock;
    clock.start();
    if (toStation) {
        link.send(payload);
        QCOMPARE(readUntil(station, bytes, 20000).size(), qsizetype(bytes));
    } else {
        station.write(payload);
        QVERIFY(QTest::qWaitFor([&] { return delivered >= bytes; }, 20000));
    }
    const qint64 elapsedMs = clock.elapsed();

    // Never faster than the line allows; slower only by scheduling delays.
    const qint64 lineMs = qint64(bytes) * 10 * 1000 / baud;
    QVERIFY2(elapsedMs >= lineMs * 95 / 100,
             qPrintable(QStringLiteral("%1 ms for %2 ms of line time").arg(elapsedMs).arg(lineMs)));
    QVERIFY2(elapsedMs <= lineMs * 4,
             qPrintable(QStringLiteral("%1 ms for %2 ms of line time").arg(elapsedMs).arg(lineMs)));
}

void TestPtyLink::corruptionFlipsOneBitPerByte_data()
{
    QTest::addColumn<bool>("toStation");
    QTest::addColumn<bool>("toDevice");

    QTest::newRow("to station only") << true << false;
    QTest::newRow("to device only") << false << true;
    QTest::newRow("both") << true << true;
}

void TestPtyLink::corruptionFlipsOneBitPerByte()
{
    QFETCH(bool, toStation);
    QFETCH(bool, toDevice);

    QTemporaryDir dir;
    PtyLink link(dir.filePath(QStringLiteral("dev-000")), 0);
    QString error;
    QVERIFY(link.open(&error));
    link.setRandomSeed(7);
    link.setCorruption(1.0, toStation, toDevice);
    QSignalSpy attached(&link, &PtyLink::stationAttached);
    QSerialPort station;
    QVERIFY(openStation(station, link.linkPath()));
    QTRY_COMPARE(attached.count(), 1);
    QByteArray atDevice;
    connect(&link, &PtyLink::received, this, [&](const QByteArray &b) { atDevice += b; });
    const QByteArray sent(64, '\x55');

    link.send(sent);
    station.write(sent);
    const QByteArray atStation = readUntil(station, sent.size(), 5000);
    QTRY_COMPARE(atDevice.size(), sent.size());

    auto check = [&](const QByteArray &received, bool corrupted) {
        for (qsizetype i = 0; i < sent.size(); ++i) {
            const int flipped = qPopulationCount(quint8(received.at(i) ^ sent.at(i)));
            QCOMPARE(flipped, corrupted ? 1 : 0);
        }
    };
    QCOMPARE(atStation.size(), sent.size());
    check(atStation, toStation);
    check(atDevice, toDevice);
    QCOMPARE(link.corruptedToStation(), toStation ? quint64(64) : quint64(0));
    QCOMPARE(link.corruptedToDevice(), toDevice ? quint64(64) : quint64(0));
}

void TestPtyLink::reconnectHangsUpAndMovesLink_data()
{
    QTest::addColumn<QString>("newName");

    QTest::newRow("same name (relink)") << QStringLiteral("dev-000");
    QTest::newRow("new name (re-enumeration)") << QStringLiteral("dev-000-r1");
}

void TestPtyLink::reconnectHangsUpAndMovesLink()
{
    QFETCH(QString, newName);

    QTemporaryDir dir;
    const QString oldPath = dir.filePath(QStringLiteral("dev-000"));
    const QString newPath = dir.filePath(newName);
    PtyLink link(oldPath, 0);
    QString error;
    QVERIFY(link.open(&error));
    QSignalSpy attached(&link, &PtyLink::stationAttached);
    QSerialPort station;
    QVERIFY(openStation(station, oldPath));
    QTRY_COMPARE(attached.count(), 1);
    // A pulled cable reaches QSerialPort as end of file on the slave (reported as ReadError) or
    // as EIO (ResourceError), as with a USB adapter that goes away; either way the port is dead.
    QSerialPort::SerialPortError portError = QSerialPort::NoError;
    connect(&station, &QSerialPort::errorOccurred, this, [&](QSerialPort::SerialPortError e) {
        if (e == QSerialPort::NoError || portError != QSerialPort::NoError)
            return;
        portError = e;
        qInfo() << "station port error after the drop:" << e;
        station.close();
    });

    QVERIFY2(link.reconnect(newPath, &error), qPrintable(error));

    QTRY_VERIFY(portError == QSerialPort::ReadError || portError == QSerialPort::ResourceError);
    QCOMPARE(QFileInfo(newPath).symLinkTarget(), link.slavePath());
    if (newPath != oldPath)
        QVERIFY(!QFileInfo(oldPath).isSymLink());

    QSerialPort again;
    QVERIFY2(openStation(again, newPath), qPrintable(again.errorString()));
    QTRY_COMPARE(attached.count(), 2);
    link.send("back\n");
    QCOMPARE(readUntil(again, 5, 5000), QByteArray("back\n"));
}

QTEST_GUILESS_MAIN(TestPtyLink)
#include "tst_ptylink.moc"
