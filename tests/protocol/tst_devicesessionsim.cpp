// The device session against the real device simulator (blackbird-devsim) on real
// pseudo-terminals: identify, read the public key, transfer and commit claim credentials and find
// them in the device's storage; corrupted bytes on the line; a reset in the middle of a commit
// leaves the complete old or the complete new set, never a mix.
#include "crypto/eckey.h"
#include "protocol/devicesession.h"
#include "simulatorprocess.h"
#include "testbundle.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Blackbird;
using Blackbird::Test::SimulatorProcess;
using Blackbird::Test::TestBundle;

namespace {

constexpr int kBaud = 230400;

bool finishes(DeviceReply *reply, int timeoutMs = 30000)
{
    QSignalSpy spy(reply, &DeviceReply::finished);
    return reply->isFinished() || spy.wait(timeoutMs);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

QString storedUuid(const SimulatorProcess &simulator)
{
    const QByteArray identity = readFile(simulator.stateFolder(0) + "/identity.json");
    return QJsonDocument::fromJson(identity).object().value("uuid").toString();
}

} // namespace

class TestDeviceSessionSimulator : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void identifyAndReadPublicKey();
    void transferStoresBundle();
    void consoleLinesArrive();
    void unknownCommandIsAnswered();
    void eraseNeedsConfirmation();
    void corruptedBytesStillSucceed_data();
    void corruptedBytesStillSucceed();
    void resetDuringCommitKeepsACompleteSet_data();
    void resetDuringCommitKeepsACompleteSet();

private:
    bool startSimulator(const QStringList &options);
    bool openSession();
    bool transfer(const TestBundle &bundle, DeviceReply **reply = nullptr);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimulatorProcess> m_simulator;
    std::unique_ptr<DeviceSession> m_session;
};

void TestDeviceSessionSimulator::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_simulator = std::make_unique<SimulatorProcess>(
        QStringLiteral(DEVSIM_BIN), m_dir->filePath("links"), m_dir->filePath("state"));
}

void TestDeviceSessionSimulator::cleanup()
{
    m_session.reset();
    m_simulator.reset();
    m_dir.reset();
}

bool TestDeviceSessionSimulator::startSimulator(const QStringList &options)
{
    QString error;
    const QStringList common = {
        "--count", "1", "--baud", QString::number(kBaud), "--console-interval-ms", "300"};
    if (!m_simulator->start(common + options, &error)) {
        qWarning().noquote() << error;
        return false;
    }
    return true;
}

bool TestDeviceSessionSimulator::openSession()
{
    m_session = std::make_unique<DeviceSession>();
    QString error;
    if (!m_session->open(m_simulator->linkPath(0), kBaud, &error)) {
        qWarning().noquote() << error;
        return false;
    }
    return true;
}

bool TestDeviceSessionSimulator::transfer(const TestBundle &bundle, DeviceReply **out)
{
    DeviceReply *reply = m_session->transferBundle(SecretBytes(bundle.json()));
    if (out)
        *out = reply;
    if (!finishes(reply))
        return false;
    if (!reply->isSuccess())
        qWarning().noquote() << reply->errorString();
    return reply->isSuccess();
}

void TestDeviceSessionSimulator::identifyAndReadPublicKey()
{
    QVERIFY(startSimulator({}));
    QVERIFY(openSession());

    DeviceReply *identify = m_session->identify();
    DeviceReply *key = m_session->readPublicKey();
    QVERIFY(finishes(key));

    QVERIFY2(identify->isSuccess(), qPrintable(identify->errorString()));
    QVERIFY2(key->isSuccess(), qPrintable(key->errorString()));
    QCOMPARE(m_session->deviceInfo().uuid, storedUuid(*m_simulator));
    QCOMPARE(m_session->deviceInfo().state, QString("blank"));
    QCOMPARE(m_session->deviceInfo().protocol, 1);
    const EcKey signingKey =
        EcKey::fromPrivatePem(readFile(m_simulator->stateFolder(0) + "/signing-key.pem"));
    QVERIFY(!signingKey.isNull());
    QCOMPARE(key->payload().value("public_key").toString().toLatin1(), signingKey.publicBase64());
    QCOMPARE(key->payload().value("algorithm").toString(), QString("ecdsa-p256"));
}

void TestDeviceSessionSimulator::transferStoresBundle()
{
    QVERIFY(startSimulator({}));
    QVERIFY(openSession());
    DeviceReply *identify = m_session->identify();
    QVERIFY(finishes(identify));
    const TestBundle bundle = TestBundle::create(m_session->deviceInfo().uuid, "claim one");

    DeviceReply *reply = nullptr;
    QVERIFY(transfer(bundle, &reply));
    DeviceReply *status = m_session->status();
    DeviceReply *again = m_session->identify();
    QVERIFY(finishes(again));

    QCOMPARE(reply->payload().value("certificate_id").toString(), bundle.certificateId);
    QCOMPARE(readFile(m_simulator->stateFolder(0) + "/claim-bundle.json"), bundle.json());
    QCOMPARE(status->payload().value("certificate_id").toString(), bundle.certificateId);
    QCOMPARE(m_session->deviceInfo().state, QString("claim_stored"));
}

void TestDeviceSessionSimulator::consoleLinesArrive()
{
    QVERIFY(startSimulator({}));
    QVERIFY(openSession());
    QStringList lines;
    connect(m_session.get(), &DeviceSession::consoleLine, this,
            [&lines](const QString &text) { lines.append(text); });
    // The firmware's periodic chatter (the port may have opened in the middle of its banner).
    const auto chatter = [&lines] {
        return !lines.filter("sensor: temperature").isEmpty() || !lines.filter("wifi:").isEmpty();
    };

    QTRY_VERIFY_WITH_TIMEOUT(chatter(), 5000);

    QVERIFY(lines.filter(QStringLiteral("\r")).isEmpty());
    QVERIFY(lines.filter(QStringLiteral("\n")).isEmpty());
}

void TestDeviceSessionSimulator::unknownCommandIsAnswered()
{
    QVERIFY(startSimulator({}));
    QVERIFY(openSession());

    DeviceReply *reply = m_session->sendCommand(0x23, "{}");
    QVERIFY(finishes(reply));

    QCOMPARE(reply->error(), DeviceReply::Error::DeviceError);
    QCOMPARE(reply->deviceErrorCode(), QString("unknown_command"));
}

void TestDeviceSessionSimulator::eraseNeedsConfirmation()
{
    QVERIFY(startSimulator({}));
    QVERIFY(openSession());
    DeviceReply *identify = m_session->identify();
    QVERIFY(finishes(identify));
    const QString uuid = m_session->deviceInfo().uuid;
    QVERIFY(transfer(TestBundle::create(uuid, "claim one")));
    const QString stored = m_simulator->stateFolder(0) + "/claim-bundle.json";

    DeviceReply *bare = m_session->sendCommand(0x09, R"({"confirm":"ERASE"})");
    DeviceReply *uuidOnly = m_session->sendCommand(0x09, "{\"confirm\":\"" + uuid.toUtf8() + "\"}");
    QVERIFY(finishes(uuidOnly));
    const bool keptAfterRefusals = QFile::exists(stored);
    DeviceReply *erase = m_session->eraseClaim(uuid);
    QVERIFY(finishes(erase));

    QCOMPARE(bare->deviceErrorCode(), QString("confirmation_required"));
    QCOMPARE(uuidOnly->deviceErrorCode(), QString("confirmation_required"));
    QVERIFY(keptAfterRefusals);
    QVERIFY2(erase->isSuccess(), qPrintable(erase->errorString()));
    QCOMPARE(erase->payload().value("state").toString(), QString("blank"));
    QVERIFY(!QFile::exists(stored));
}

void TestDeviceSessionSimulator::corruptedBytesStillSucceed_data()
{
    QTest::addColumn<QString>("direction");
    QTest::addColumn<QString>("rate");
    QTest::addColumn<QString>("seed");

    QTest::newRow("to device 3e-4") << "to-device"
                                    << "3e-4"
                                    << "11";
    QTest::newRow("to station 1e-3") << "to-station"
                                     << "1e-3"
                                     << "12";
    QTest::newRow("both 2e-4") << "both"
                               << "2e-4"
                               << "13";
}

void TestDeviceSessionSimulator::corruptedBytesStillSucceed()
{
    QFETCH(QString, direction);
    QFETCH(QString, rate);
    QFETCH(QString, seed);
    QVERIFY(startSimulator({"--max-payload", "1024", "--corrupt-rate", rate, "--corrupt-direction",
                            direction, "--seed", seed}));
    QVERIFY(openSession());
    DeviceSession::Options options = m_session->options();
    options.maxAttempts = 4;
    m_session->setOptions(options);
    QSignalSpy discarded(m_session.get(), &DeviceSession::frameDiscarded);

    DeviceReply *identify = m_session->identify();
    DeviceReply *key = m_session->readPublicKey();
    QVERIFY(finishes(key));
    QVERIFY2(identify->isSuccess(), qPrintable(identify->errorString()));
    QVERIFY2(key->isSuccess(), qPrintable(key->errorString()));
    const QString uuid = m_session->deviceInfo().uuid;
    int retries = identify->retries() + key->retries();
    TestBundle last;
    for (int round = 0; round < 4; ++round) {
        last = TestBundle::create(uuid, QStringLiteral("claim %1").arg(round));
        DeviceReply *reply = nullptr;
        QVERIFY2(transfer(last, &reply), qPrintable(QStringLiteral("round %1").arg(round)));
        retries += reply->retries();
    }

    QCOMPARE(readFile(m_simulator->stateFolder(0) + "/claim-bundle.json"), last.json());
    // The faults really happened: the device or the station threw frames away.
    QVERIFY2(
        retries > 0 || discarded.count() > 0,
        qPrintable(QStringLiteral("retries %1 discarded %2").arg(retries).arg(discarded.count())));
}

void TestDeviceSessionSimulator::resetDuringCommitKeepsACompleteSet_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("newSetExpected"); // what the device holds right after the reset

    QTest::newRow("before rename") << "before-rename" << false;
    QTest::newRow("after rename") << "after-rename" << true;
    QTest::newRow("process crash before rename") << "crash-before-rename" << false;
}

void TestDeviceSessionSimulator::resetDuringCommitKeepsACompleteSet()
{
    QFETCH(QString, mode);
    QFETCH(bool, newSetExpected);
    QVERIFY(startSimulator({}));
    QVERIFY(openSession());
    DeviceReply *identify = m_session->identify();
    QVERIFY(finishes(identify));
    const QString uuid = m_session->deviceInfo().uuid;
    const TestBundle oldSet = TestBundle::create(uuid, "old claim");
    const TestBundle newSet = TestBundle::create(uuid, "new claim");
    const QString stored = m_simulator->stateFolder(0) + "/claim-bundle.json";
    QVERIFY(transfer(oldSet));
    QString error;
    QVERIFY2(m_simulator->control("fault 0 reset-during-commit " + mode, &error),
             qPrintable(error));
    // No second chance inside the operation: what the reset left must show as it is.
    DeviceSession::Options options = m_session->options();
    options.maxTransferRestarts = 0;
    m_session->setOptions(options);

    DeviceReply *reply = m_session->transferBundle(SecretBytes(newSet.json()));
    QVERIFY(finishes(reply));
    // Taken now: the crash case replaces the session, and its replies with it.
    const bool succeeded = reply->isSuccess();
    const QString reason = reply->errorString();
    const QString committedId = reply->payload().value("certificate_id").toString();

    if (mode == "crash-before-rename") {
        QCOMPARE(m_simulator->waitForExit(10000), 70);
        m_session.reset();
        QVERIFY(startSimulator({}));
        QVERIFY(openSession());
    }
    const QByteArray afterReset = readFile(stored);
    DeviceReply *status = m_session->status();
    QVERIFY(finishes(status));

    QCOMPARE(succeeded, newSetExpected);
    QCOMPARE(afterReset, newSetExpected ? newSet.json() : oldSet.json());
    QCOMPARE(status->payload().value("certificate_id").toString(),
             newSetExpected ? newSet.certificateId : oldSet.certificateId);
    if (newSetExpected) // the station saw the commit through although its reply never came
        QCOMPARE(committedId, newSet.certificateId);
    else
        QVERIFY2(reason.contains("transfer claim credentials failed"), qPrintable(reason));

    // With its restarts back the station gets the new set in completely.
    m_session->setOptions(DeviceSession::Options{kBaud});
    QVERIFY(transfer(newSet));
    QCOMPARE(readFile(stored), newSet.json());
}

QTEST_GUILESS_MAIN(TestDeviceSessionSimulator)
#include "tst_devicesessionsim.moc"
