// Tests one simulated device's side of the serial protocol v1 over a real pseudo-terminal, with
// a minimal station opening its link through QSerialPort: every command, every error answer the
// device can give, the stored claim bundle, and each fault the device can be told to show.
#include "devicestorage.h"
#include "ptylink.h"
#include "simulateddevice.h"
#include "testbundle.h"
#include "teststation.h"

#include "crypto/eckey.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Blackbird;
using Blackbird::Sim::DeviceSettings;
using Blackbird::Sim::FaultPlan;
using Blackbird::Sim::SimulatedDevice;
using Blackbird::Test::TestBundle;
using Blackbird::Test::TestStation;

class TestSimulatedDevice : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void helloReportsIdentity();
    void helloErrors_data();
    void helloErrors();
    void publicKeyIsTheStoredSigningKey();
    void unknownCommandsAreAnswered_data();
    void unknownCommandsAreAnswered();
    void otherFrameVersionIsRefused();
    void payloadLimitBeforeHello();
    void transferStoresBundle();
    void transferErrorsKeepStoredSet_data();
    void transferErrorsKeepStoredSet();
    void duplicateAndGapAnswerNext();
    void fullWindowAtLineRateIsAcknowledged();
    void abortEndsTransfer();
    void claimEraseNeedsConfirmation_data();
    void claimEraseNeedsConfirmation();
    void provisionStartNeedsClaim();
    void rebootPrintsBannerAndLosesSession();
    void retryOfCommitGetsSameReply();
    void stationReopensPortMidTransfer();
    void eventsAreNumberedFromBoot();
    void consoleLinesInterleaveWithFrames();
    void slowRepliesAreLate();
    void refusedCommitKeepsOldSet();
    void resetDuringCommit_data();
    void resetDuringCommit();
    void dropAtStep_data();
    void dropAtStep();
    void dropFiresOnceUntilRearmed();
    void corruptionToStationIsDiscarded();

private:
    void startDevice(const FaultPlan &faults = {}, int baud = 0, int consoleIntervalMs = 0);
    void connectStation();
    QByteArray storedBundle() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimulatedDevice> m_device;
    std::unique_ptr<TestStation> m_station;
};

namespace {

QJsonObject helloRequest()
{
    return {{QStringLiteral("protocols"), QJsonArray{1}},
            {QStringLiteral("station"), QStringLiteral("tst_simulateddevice")}};
}

bool isReply(const std::optional<Frame> &frame, FrameType command)
{
    return frame && frame->type == replyType(command);
}

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace

void TestSimulatedDevice::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSimulatedDevice::cleanup()
{
    m_station.reset();
    m_device.reset();
    m_dir.reset();
}

void TestSimulatedDevice::startDevice(const FaultPlan &faults, int baud, int consoleIntervalMs)
{
    DeviceSettings settings;
    settings.linkPath = m_dir->filePath(QStringLiteral("dev-000"));
    settings.stateFolder = m_dir->filePath(QStringLiteral("state/dev-000"));
    settings.deviceType = QStringLiteral("blackbird-sensor-v1");
    settings.firmware = QStringLiteral("9.9.9-test");
    settings.baud = baud;
    settings.consoleIntervalMs = consoleIntervalMs;
    settings.seed = 1;

    m_device = std::make_unique<SimulatedDevice>(0, settings);
    m_device->setFaults(faults);
    QString error;
    QVERIFY2(m_device->start(&error), qPrintable(error));
    connectStation();
}

void TestSimulatedDevice::connectStation()
{
    m_station = std::make_unique<TestStation>();
    QSignalSpy attached(m_device->link(), &Sim::PtyLink::stationAttached);
    QVERIFY2(m_station->open(m_device->linkPath()), qPrintable(m_station->errorString()));
    QTRY_VERIFY(m_device->link()->isStationAttached());
}

QByteArray TestSimulatedDevice::storedBundle() const
{
    QFile file(m_device->storage().claimBundlePath());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestSimulatedDevice::helloReportsIdentity()
{
    startDevice();

    const auto reply = m_station->request(FrameType::Hello, helloRequest());

    QVERIFY(isReply(reply, FrameType::Hello));
    const QJsonObject hello = TestStation::json(*reply);
    QCOMPARE(hello.value(QStringLiteral("protocol")).toInt(), 1);
    QCOMPARE(hello.value(QStringLiteral("protocols")).toArray(), QJsonArray{1});
    QCOMPARE(hello.value(QStringLiteral("uuid")).toString(), m_device->storage().uuid());
    QCOMPARE(hello.value(QStringLiteral("device_type")).toString(),
             QStringLiteral("blackbird-sensor-v1"));
    QCOMPARE(hello.value(QStringLiteral("firmware")).toString(), QStringLiteral("9.9.9-test"));
    const QJsonArray capabilities = hello.value(QStringLiteral("capabilities")).toArray();
    for (const char *capability : {"claim_transfer", "claim_erase", "reboot", "fleet_provisioning"})
        QVERIFY2(capabilities.contains(QJsonValue(QLatin1String(capability))), capability);
    QCOMPARE(hello.value(QStringLiteral("state")).toString(), QStringLiteral("blank"));
    QCOMPARE(hello.value(QStringLiteral("max_payload")).toInt(), 1024);
    QCOMPARE(hello.value(QStringLiteral("window")).toInt(), 8);
}

void TestSimulatedDevice::helloErrors_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("code");

    QTest::newRow("no protocols") << QByteArray("{}") << QStringLiteral("bad_request");
    QTest::newRow("protocols not a list")
        << QByteArray(R"({"protocols":1})") << QStringLiteral("bad_request");
    QTest::newRow("not JSON") << QByteArray("{protocols") << QStringLiteral("bad_request");
    QTest::newRow("JSON array") << QByteArray("[1]") << QStringLiteral("bad_request");
    QTest::newRow("only version 2")
        << QByteArray(R"({"protocols":[2]})") << QStringLiteral("unsupported_version");
}

void TestSimulatedDevice::helloErrors()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, code);
    startDevice();

    const auto reply = m_station->waitReply(m_station->sendPayload(FrameType::Hello, payload));

    QCOMPARE(TestStation::errorCode(reply), code);
    QVERIFY(!TestStation::json(*reply).value(QStringLiteral("message")).toString().isEmpty());
}

void TestSimulatedDevice::publicKeyIsTheStoredSigningKey()
{
    startDevice();

    const auto reply = m_station->request(FrameType::GetPublicKey);

    QVERIFY(isReply(reply, FrameType::GetPublicKey));
    const QJsonObject object = TestStation::json(*reply);
    QCOMPARE(object.value(QStringLiteral("algorithm")).toString(), QStringLiteral("ecdsa-p256"));
    const EcKey key =
        EcKey::fromPublicBase64(object.value(QStringLiteral("public_key")).toString().toLatin1());
    QVERIFY(!key.isNull());
    QVERIFY(key.samePublicKey(m_device->storage().signingKey()));
    QVERIFY(!reply->payload.contains("PRIVATE"));
}

void TestSimulatedDevice::unknownCommandsAreAnswered_data()
{
    QTest::addColumn<int>("type");

    for (int type : {0x00, 0x0B, 0x23, 0x40, 0x7F, 0x81, 0x8A, 0xFF})
        QTest::addRow("0x%02x", type) << type;
}

void TestSimulatedDevice::unknownCommandsAreAnswered()
{
    QFETCH(int, type);
    startDevice();

    const quint16 seq = m_station->sendPayload(FrameType(type), "{}");
    const auto reply = m_station->waitReply(seq);

    QCOMPARE(TestStation::errorCode(reply), QStringLiteral("unknown_command"));
    QCOMPARE(reply->seq, seq);
}

void TestSimulatedDevice::otherFrameVersionIsRefused()
{
    startDevice();

    const quint16 seq = m_station->sendPayload(FrameType::Status, "{}", 2);
    const auto reply = m_station->waitReply(seq);

    QCOMPARE(TestStation::errorCode(reply), QStringLiteral("unsupported_version"));
    QCOMPARE(reply->version, quint8(1));
}

void TestSimulatedDevice::payloadLimitBeforeHello()
{
    startDevice();
    const QByteArray big = R"({"pad":")" + QByteArray(300, 'x') + R"("})";

    const auto before = m_station->waitReply(m_station->sendPayload(FrameType::Status, big));
    QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));
    const auto after = m_station->waitReply(m_station->sendPayload(FrameType::Status, big));

    QCOMPARE(TestStation::errorCode(before), QStringLiteral("payload_too_large"));
    QVERIFY(isReply(after, FrameType::Status));
}

void TestSimulatedDevice::transferStoresBundle()
{
    startDevice();
    QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));
    const TestBundle bundle = TestBundle::create(m_device->storage().uuid(), QStringLiteral("a"));

    const auto commit = m_station->transfer(bundle.json(), 1020);

    QVERIFY(isReply(commit, FrameType::TransferCommit));
    const QJsonObject committed = TestStation::json(*commit);
    QCOMPARE(committed.value(QStringLiteral("state")).toString(), QStringLiteral("claim_stored"));
    QCOMPARE(committed.value(QStringLiteral("certificate_id")).toString(), bundle.certificateId);
    QCOMPARE(storedBundle(), bundle.json());
    QCOMPARE(QFileInfo(m_device->storage().claimBundlePath()).permissions(),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                 QFileDevice::WriteUser);

    const auto status = m_station->request(FrameType::Status);
    QCOMPARE(TestStation::json(*status).value(QStringLiteral("certificate_id")).toString(),
             bundle.certificateId);
    QVERIFY(!TestStation::json(*status).contains(QStringLiteral("transfer")));
    const auto hello = m_station->request(FrameType::Hello, helloRequest());
    QCOMPARE(TestStation::json(*hello).value(QStringLiteral("state")).toString(),
             QStringLiteral("claim_stored"));
}

void TestSimulatedDevice::transferErrorsKeepStoredSet_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("code");

    QTest::newRow("begin without size") << "begin-no-size"
                                        << "bad_request";
    QTest::newRow("begin with fractional size") << "begin-fraction"
                                                << "bad_request";
    QTest::newRow("begin with upper-case digest") << "begin-upper-digest"
                                                  << "bad_request";
    QTest::newRow("begin too large") << "begin-too-large"
                                     << "transfer_too_large";
    QTest::newRow("data without transfer") << "data-no-transfer"
                                           << "no_transfer";
    QTest::newRow("data without bytes") << "data-empty"
                                        << "bad_request";
    QTest::newRow("data past size") << "data-past-size"
                                    << "transfer_too_large";
    QTest::newRow("commit without transfer") << "commit-no-transfer"
                                             << "no_transfer";
    QTest::newRow("commit incomplete") << "commit-incomplete"
                                       << "incomplete";
    QTest::newRow("digest mismatch") << "digest-mismatch"
                                     << "digest_mismatch";
    QTest::newRow("bundle for another device") << "other-device"
                                               << "bad_bundle";
    QTest::newRow("bundle not JSON") << "not-json"
                                     << "bad_bundle";
}

void TestSimulatedDevice::transferErrorsKeepStoredSet()
{
    QFETCH(QString, scenario);
    QFETCH(QString, code);
    startDevice();
    QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));
    const QString uuid = m_device->storage().uuid();
    const TestBundle old = TestBundle::create(uuid, QStringLiteral("old"));
    QVERIFY(isReply(m_station->transfer(old.json()), FrameType::TransferCommit));

    QByteArray bundle = TestBundle::create(uuid, QStringLiteral("new")).json();
    QString digest = sha256Hex(bundle);
    QJsonObject begin{{QStringLiteral("size"), bundle.size()}, {QStringLiteral("sha256"), digest}};
    std::optional<Frame> reply;
    if (scenario == QLatin1String("begin-no-size")) {
        begin.remove(QStringLiteral("size"));
        reply = m_station->request(FrameType::TransferBegin, begin);
    } else if (scenario == QLatin1String("begin-fraction")) {
        begin.insert(QStringLiteral("size"), 10.5);
        reply = m_station->request(FrameType::TransferBegin, begin);
    } else if (scenario == QLatin1String("begin-upper-digest")) {
        begin.insert(QStringLiteral("sha256"), digest.toUpper());
        reply = m_station->request(FrameType::TransferBegin, begin);
    } else if (scenario == QLatin1String("begin-too-large")) {
        begin.insert(QStringLiteral("size"), SimulatedDevice::kMaxBundleSize + 1);
        reply = m_station->request(FrameType::TransferBegin, begin);
    } else if (scenario == QLatin1String("data-no-transfer")) {
        reply = m_station->waitReply(m_station->sendData(0, bundle.left(10)));
    } else if (scenario == QLatin1String("data-empty")) {
        QVERIFY(
            isReply(m_station->request(FrameType::TransferBegin, begin), FrameType::TransferBegin));
        reply = m_station->waitReply(m_station->sendData(0, {}));
    } else if (scenario == QLatin1String("data-past-size")) {
        begin.insert(QStringLiteral("size"), 10);
        QVERIFY(
            isReply(m_station->request(FrameType::TransferBegin, begin), FrameType::TransferBegin));
        reply = m_station->waitReply(m_station->sendData(0, bundle.left(11)));
    } else if (scenario == QLatin1String("commit-no-transfer")) {
        reply = m_station->request(FrameType::TransferCommit);
    } else if (scenario == QLatin1String("commit-incomplete")) {
        QVERIFY(
            isReply(m_station->request(FrameType::TransferBegin, begin), FrameType::TransferBegin));
        QVERIFY(isReply(m_station->waitReply(m_station->sendData(0, bundle.left(100))),
                        FrameType::TransferData));
        reply = m_station->request(FrameType::TransferCommit);
    } else if (scenario == QLatin1String("digest-mismatch")) {
        // BEGIN announces the digest of the real bundle; one bit differs in what arrives.
        QVERIFY(
            isReply(m_station->request(FrameType::TransferBegin, begin), FrameType::TransferBegin));
        bundle[10] = char(bundle.at(10) ^ 1);
        for (qsizetype offset = 0; offset < bundle.size(); offset += 1000)
            QVERIFY(isReply(m_station->waitReply(
                                m_station->sendData(quint32(offset), bundle.mid(offset, 1000))),
                            FrameType::TransferData));
        reply = m_station->request(FrameType::TransferCommit);
    } else if (scenario == QLatin1String("other-device")) {
        reply = m_station->transfer(
            TestBundle::create(QStringLiteral("00000000-0000-4000-8000-000000000000"), "x").json());
    } else if (scenario == QLatin1String("not-json")) {
        reply = m_station->transfer("this is not a bundle");
    }

    QCOMPARE(TestStation::errorCode(reply), code);
    QCOMPARE(storedBundle(), old.json());
    QCOMPARE(m_device->storage().claimCertificateId(), old.certificateId);
}

void TestSimulatedDevice::duplicateAndGapAnswerNext()
{
    startDevice();
    QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));
    const QByteArray bundle = TestBundle::create(m_device->storage().uuid(), "d").json();
    QVERIFY(isReply(m_station->request(FrameType::TransferBegin,
                                       {{QStringLiteral("size"), bundle.size()},
                                        {QStringLiteral("sha256"), sha256Hex(bundle)}}),
                    FrameType::TransferBegin));
    auto next = [](const std::optional<Frame> &frame) {
        return frame ? TestStation::json(*frame).value(QStringLiteral("next")).toInt(-1) : -1;
    };

    QCOMPARE(next(m_station->waitReply(m_station->sendData(0, bundle.left(100)))), 100);
    QCOMPARE(next(m_station->waitReply(m_station->sendData(0, bundle.left(100)))), 100);
    QCOMPARE(next(m_station->waitReply(m_station->sendData(300, bundle.mid(300, 50)))), 100);
    QCOMPARE(next(m_station->waitReply(m_station->sendData(50, bundle.mid(50, 100)))), 100);

    const auto status = m_station->request(FrameType::Status);
    const QJsonObject transfer =
        TestStation::json(*status).value(QStringLiteral("transfer")).toObject();
    QCOMPARE(transfer.value(QStringLiteral("next")).toInt(), 100);
    QCOMPARE(transfer.value(QStringLiteral("size")).toInt(), int(bundle.size()));
    for (qsizetype offset = 100; offset < bundle.size(); offset += 1000)
        QCOMPARE(next(m_station->waitReply(
                     m_station->sendData(quint32(offset), bundle.mid(offset, 1000)))),
                 int(std::min<qsizetype>(offset + 1000, bundle.size())));
    QVERIFY(isReply(m_station->request(FrameType::TransferCommit), FrameType::TransferCommit));
    QCOMPARE(storedBundle(), bundle);
}

void TestSimulatedDevice::fullWindowAtLineRateIsAcknowledged()
{
    // Five full frames back to back take about 450 ms on a 115200-baud wire, longer than one
    // frame's abandon budget: the device must still take every one of them.
    startDevice({}, 115200);
    QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));
    QByteArray bytes(5 * 1020, '\0');
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char('a' + i % 26);
    QVERIFY(isReply(m_station->request(FrameType::TransferBegin,
                                       {{QStringLiteral("size"), bytes.size()},
                                        {QStringLiteral("sha256"), sha256Hex(bytes)}}),
                    FrameType::TransferBegin));

    QList<quint16> seqs;
    for (qsizetype offset = 0; offset < bytes.size(); offset += 1020)
        seqs << m_station->sendData(quint32(offset), bytes.mid(offset, 1020));

    for (int i = 0; i < seqs.size(); ++i) {
        const auto ack = m_station->waitReply(seqs.at(i));
        QVERIFY(isReply(ack, FrameType::TransferData));
        QCOMPARE(TestStation::json(*ack).value(QStringLiteral("next")).toInt(), (i + 1) * 1020);
    }
}

void TestSimulatedDevice::abortEndsTransfer()
{
    startDevice();
    QVERIFY(isReply(m_station->request(FrameType::TransferBegin,
                                       {{QStringLiteral("size"), 10},
                                        {QStringLiteral("sha256"), sha256Hex("0123456789")}}),
                    FrameType::TransferBegin));

    const auto first = m_station->request(FrameType::TransferAbort);
    const auto second = m_station->request(FrameType::TransferAbort);
    const auto data = m_station->waitReply(m_station->sendData(0, "0123456789"));

    QVERIFY(isReply(first, FrameType::TransferAbort));
    QCOMPARE(TestStation::json(*first).value(QStringLiteral("aborted")).toBool(), true);
    QCOMPARE(TestStation::json(*second).value(QStringLiteral("aborted")).toBool(), false);
    QCOMPARE(TestStation::errorCode(data), QStringLiteral("no_transfer"));
}

void TestSimulatedDevice::claimEraseNeedsConfirmation_data()
{
    QTest::addColumn<QString>("confirm");
    QTest::addColumn<bool>("erased");

    QTest::newRow("missing") << QString() << false;
    QTest::newRow("ERASE alone") << QStringLiteral("ERASE") << false;
    QTest::newRow("bare uuid") << QStringLiteral("<uuid>") << false;
    QTest::newRow("another device")
        << QStringLiteral("ERASE 00000000-0000-4000-8000-000000000000") << false;
    QTest::newRow("lower-case erase") << QStringLiteral("erase <uuid>") << false;
    QTest::newRow("exact") << QStringLiteral("ERASE <uuid>") << true;
}

void TestSimulatedDevice::claimEraseNeedsConfirmation()
{
    QFETCH(QString, confirm);
    QFETCH(bool, erased);
    startDevice();
    QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));
    const QString uuid = m_device->storage().uuid();
    QVERIFY(isReply(m_station->transfer(TestBundle::create(uuid, "e").json()),
                    FrameType::TransferCommit));
    QJsonObject request;
    if (!confirm.isNull())
        request.insert(QStringLiteral("confirm"), QString(confirm).replace("<uuid>", uuid));

    const auto reply = m_station->request(FrameType::ClaimErase, request);

    if (erased) {
        QVERIFY(isReply(reply, FrameType::ClaimErase));
        QCOMPARE(TestStation::json(*reply).value(QStringLiteral("state")).toString(),
                 QStringLiteral("blank"));
        QVERIFY(!QFile::exists(m_device->storage().claimBundlePath()));
        const auto again = m_station->request(FrameType::ClaimErase, request);
        QVERIFY(isReply(again, FrameType::ClaimErase));
    } else {
        QCOMPARE(TestStation::errorCode(reply), QStringLiteral("confirmation_required"));
        QVERIFY(QFile::exists(m_device->storage().claimBundlePath()));
    }
}

void TestSimulatedDevice::provisionStartNeedsClaim()
{
    startDevice();

    const auto reply = m_station->request(FrameType::ProvisionStart);

    QCOMPARE(TestStation::errorCode(reply), QStringLiteral("no_claim"));
}

void TestSimulatedDevice::rebootPrintsBannerAndLosesSession()
{
    startDevice();
    QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));
    QVERIFY(isReply(m_station->request(FrameType::TransferBegin,
                                       {{QStringLiteral("size"), 10},
                                        {QStringLiteral("sha256"), sha256Hex("0123456789")}}),
                    FrameType::TransferBegin));

    const auto reply = m_station->request(FrameType::Reboot);

    QVERIFY(isReply(reply, FrameType::Reboot));
    QVERIFY(m_station->waitForConsole(QStringLiteral("bootloader")));
    QVERIFY(m_station->waitForConsole(QStringLiteral("serial protocol v1 ready")));
    const auto status = m_station->request(FrameType::Status);
    QVERIFY(!TestStation::json(*status).contains(QStringLiteral("transfer")));
    QCOMPARE(TestStation::errorCode(m_station->waitReply(m_station->sendData(0, "0123456789"))),
             QStringLiteral("no_transfer"));
    const QByteArray big = R"({"pad":")" + QByteArray(300, 'x') + R"("})";
    QCOMPARE(TestStation::errorCode(
                 m_station->waitReply(m_station->sendPayload(FrameType::Status, big))),
             QStringLiteral("payload_too_large"));
}

void TestSimulatedDevice::retryOfCommitGetsSameReply()
{
    startDevice();
    QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));
    const TestBundle bundle = TestBundle::create(m_device->storage().uuid(), "r");
    const auto commit = m_station->transfer(bundle.json());
    QVERIFY(isReply(commit, FrameType::TransferCommit));

    // The same COMMIT again, same seq: as if the first reply had been lost on the wire.
    m_station->replies.clear();
    m_station->writeRaw(Frame::encode(1, quint8(FrameType::TransferCommit), commit->seq, "{}"));
    const auto retry = m_station->waitReply(commit->seq);

    QVERIFY(isReply(retry, FrameType::TransferCommit));
    QCOMPARE(retry->payload, commit->payload);
    const auto fresh = m_station->request(FrameType::TransferCommit);
    QCOMPARE(TestStation::errorCode(fresh), QStringLiteral("no_transfer"));
}

void TestSimulatedDevice::stationReopensPortMidTransfer()
{
    startDevice({}, 115200);
    QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));
    const TestBundle bundle = TestBundle::create(m_device->storage().uuid(), "reopen");
    const QByteArray bytes = bundle.json();
    QVERIFY(isReply(m_station->request(FrameType::TransferBegin,
                                       {{QStringLiteral("size"), bytes.size()},
                                        {QStringLiteral("sha256"), sha256Hex(bytes)}}),
                    FrameType::TransferBegin));
    QVERIFY(isReply(m_station->waitReply(m_station->sendData(0, bytes.left(500))),
                    FrameType::TransferData));

    // The station closes the port (a crash, an operator) and opens it again: the device is
    // the same device, still half-way through the transfer.
    m_station->close();
    QTRY_VERIFY(!m_device->link()->isStationAttached());
    connectStation();

    const auto status = m_station->request(FrameType::Status);
    QCOMPARE(TestStation::json(*status)
                 .value(QStringLiteral("transfer"))
                 .toObject()
                 .value(QStringLiteral("next"))
                 .toInt(),
             500);
    for (qsizetype offset = 500; offset < bytes.size(); offset += 1000)
        QVERIFY(isReply(
            m_station->waitReply(m_station->sendData(quint32(offset), bytes.mid(offset, 1000))),
            FrameType::TransferData));
    QVERIFY(isReply(m_station->request(FrameType::TransferCommit), FrameType::TransferCommit));
    QCOMPARE(storedBundle(), bytes);
    QCOMPARE(m_station->discardedFrames, quint64(0));
}

void TestSimulatedDevice::eventsAreNumberedFromBoot()
{
    startDevice();

    m_device->sendEvent(
        QStringLiteral("mqtt_connecting"),
        {{QStringLiteral("host"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 8883}});
    m_device->sendEvent(QStringLiteral("mqtt_connected"));
    QTRY_COMPARE(m_station->events.size(), 2);
    m_device->reboot();
    m_device->sendEvent(QStringLiteral("mqtt_connecting"));
    QTRY_COMPARE(m_station->events.size(), 3);

    QCOMPARE(m_station->events.at(0).seq, quint16(0));
    QCOMPARE(m_station->events.at(1).seq, quint16(1));
    QCOMPARE(m_station->events.at(2).seq, quint16(0));
    const QJsonObject first = TestStation::json(m_station->events.at(0));
    QCOMPARE(first.value(QStringLiteral("event")).toString(), QStringLiteral("mqtt_connecting"));
    QCOMPARE(first.value(QStringLiteral("port")).toInt(), 8883);
    const QRegularExpression isoMs(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
    QVERIFY(isoMs.match(first.value(QStringLiteral("device_time")).toString()).hasMatch());
}

void TestSimulatedDevice::consoleLinesInterleaveWithFrames()
{
    startDevice({}, 115200, 15);
    QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));

    for (int i = 0; i < 10; ++i)
        QVERIFY(isReply(m_station->request(FrameType::Status), FrameType::Status));
    QVERIFY(m_station->waitForConsole(QStringLiteral("sensor: temperature")));

    QCOMPARE(m_station->discardedFrames, quint64(0));
    // Coloured as ESP-IDF firmware prints them, and never mistaken for frames.
    const bool coloured = std::any_of(m_station->consoleLines.cbegin(),
                                      m_station->consoleLines.cend(), [](const QString &line) {
                                          return line.startsWith(QStringLiteral("\x1b[0;32mI (")) &&
                                                 line.contains(QStringLiteral("sensor:"));
                                      });
    QVERIFY(coloured);
}

void TestSimulatedDevice::slowRepliesAreLate()
{
    FaultPlan faults;
    faults.slowMs = 300;
    startDevice(faults);

    QElapsedTimer clock;
    clock.start();
    const auto reply = m_station->request(FrameType::Status);

    QVERIFY(isReply(reply, FrameType::Status));
    QVERIFY2(clock.elapsed() >= 300, qPrintable(QString::number(clock.elapsed())));
}

void TestSimulatedDevice::refusedCommitKeepsOldSet()
{
    startDevice();
    QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));
    const TestBundle old = TestBundle::create(m_device->storage().uuid(), "old");
    QVERIFY(isReply(m_station->transfer(old.json()), FrameType::TransferCommit));
    FaultPlan faults;
    faults.refuseCommit = true;
    m_device->setFaults(faults);

    const auto reply =
        m_station->transfer(TestBundle::create(m_device->storage().uuid(), "new").json());

    QCOMPARE(TestStation::errorCode(reply), QStringLiteral("commit_refused"));
    QCOMPARE(storedBundle(), old.json());
}

void TestSimulatedDevice::resetDuringCommit_data()
{
    QTest::addColumn<FaultPlan::CommitReset>("reset");
    QTest::addColumn<bool>("newSetExpected");

    QTest::newRow("before rename") << FaultPlan::CommitReset::BeforeRename << false;
    QTest::newRow("after rename") << FaultPlan::CommitReset::AfterRename << true;
}

void TestSimulatedDevice::resetDuringCommit()
{
    QFETCH(FaultPlan::CommitReset, reset);
    QFETCH(bool, newSetExpected);
    startDevice();
    QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));
    const TestBundle oldSet = TestBundle::create(m_device->storage().uuid(), "old");
    const TestBundle newSet = TestBundle::create(m_device->storage().uuid(), "new");
    QVERIFY(isReply(m_station->transfer(oldSet.json()), FrameType::TransferCommit));
    FaultPlan faults;
    faults.commitReset = reset;
    m_device->setFaults(faults);
    m_station->consoleLines.clear();

    const auto reply = m_station->transfer(newSet.json(), 200, 500);

    QVERIFY2(!reply, "a device that resets during commit sends no reply");
    QVERIFY(m_station->waitForConsole(QStringLiteral("bootloader")));
    const auto status = m_station->request(FrameType::Status);
    const TestBundle &expected = newSetExpected ? newSet : oldSet;
    QCOMPARE(TestStation::json(*status).value(QStringLiteral("certificate_id")).toString(),
             expected.certificateId);
    QCOMPARE(storedBundle(), expected.json());

    // The fault fires once: the station's second attempt succeeds.
    QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));
    QVERIFY(isReply(m_station->transfer(newSet.json()), FrameType::TransferCommit));
    QCOMPARE(storedBundle(), newSet.json());
}

void TestSimulatedDevice::dropAtStep_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<FaultPlan::DropMode>("mode");
    QTest::addColumn<QString>("newName");

    QTest::newRow("hello, relink") << "hello" << FaultPlan::DropMode::Relink << "dev-000";
    QTest::newRow("status, reenumerate")
        << "status" << FaultPlan::DropMode::Reenumerate << "dev-000-r1";
    QTest::newRow("transfer_data, relink")
        << "transfer_data" << FaultPlan::DropMode::Relink << "dev-000";
    QTest::newRow("commit, reenumerate")
        << "commit" << FaultPlan::DropMode::Reenumerate << "dev-000-r1";
}

void TestSimulatedDevice::dropAtStep()
{
    QFETCH(QString, step);
    QFETCH(FaultPlan::DropMode, mode);
    QFETCH(QString, newName);
    FaultPlan faults;
    QString error;
    QVERIFY(faults.set(QStringLiteral("drop-at"), step, &error));
    faults.dropMode = mode;
    startDevice(faults);
    QSignalSpy linkChanged(m_device.get(), &SimulatedDevice::linkChanged);
    const TestBundle bundle = TestBundle::create(m_device->storage().uuid(), "drop");

    std::optional<Frame> reply;
    quint16 seq = 0;
    if (step == QLatin1String("hello")) {
        seq = m_station->send(FrameType::Hello, helloRequest());
    } else {
        QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));
        if (step == QLatin1String("status"))
            seq = m_station->send(FrameType::Status);
        else
            reply = m_station->transfer(bundle.json(), 200, 500);
    }

    QTRY_VERIFY(m_station->hungUp());
    QTRY_COMPARE(linkChanged.count(), 1);
    const QString newPath = m_dir->filePath(newName);
    QCOMPARE(linkChanged.first().at(1).toString(), newPath);
    QVERIFY(QFileInfo(newPath).isSymLink());
    if (newName != QLatin1String("dev-000"))
        QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("dev-000"))));
    QVERIFY(!reply);

    // The station reopens the port under its new name and carries on; the fault fired once.
    m_station = std::make_unique<TestStation>();
    QVERIFY2(m_station->open(newPath), qPrintable(m_station->errorString()));
    QTRY_VERIFY(m_device->link()->isStationAttached());
    if (seq != 0) {
        // A retry (same seq) of the command whose reply the drop swallowed gets that reply.
        const Frame retry =
            Frame::withJson(step == QLatin1String("hello") ? FrameType::Hello : FrameType::Status,
                            seq, step == QLatin1String("hello") ? helloRequest() : QJsonObject());
        m_station->writeRaw(retry.encode());
        QVERIFY(m_station->waitReply(seq).has_value());
    }
    QVERIFY(isReply(m_station->request(FrameType::Hello, helloRequest()), FrameType::Hello));
    if (step == QLatin1String("commit")) {
        // The drop came after the durable write: the new set is stored, only its reply was lost.
        QCOMPARE(m_device->storage().claimCertificateId(), bundle.certificateId);
    } else {
        QVERIFY(isReply(m_station->transfer(bundle.json()), FrameType::TransferCommit));
    }
    QCOMPARE(storedBundle(), bundle.json());
}

void TestSimulatedDevice::dropFiresOnceUntilRearmed()
{
    FaultPlan faults;
    faults.dropAt = quint8(FrameType::Status);
    startDevice(faults);
    QSignalSpy linkChanged(m_device.get(), &SimulatedDevice::linkChanged);
    auto statusDrops = [this, &linkChanged] {
        const int before = int(linkChanged.count());
        const bool answered = m_station->request(FrameType::Status, {}, 300).has_value();
        if (linkChanged.count() == before)
            return !answered ? -1 : 0;
        connectStation();
        return 1;
    };

    QCOMPARE(statusDrops(), 1);
    QCOMPARE(statusDrops(), 0);
    faults.slowMs = 1;
    m_device->setFaults(faults, false);
    QCOMPARE(statusDrops(), 0);
    m_device->setFaults(faults, true);
    QCOMPARE(statusDrops(), 1);
}

void TestSimulatedDevice::corruptionToStationIsDiscarded()
{
    FaultPlan faults;
    faults.corruptRate = 0.05;
    faults.corruptToDevice = false;
    startDevice(faults);

    // About one byte in twenty flipped: nearly every reply fails its CRC at the station.
    for (int i = 0; i < 10; ++i)
        m_station->send(FrameType::Status);

    QTRY_VERIFY(m_station->discardedFrames >= 1);
    QVERIFY(m_device->link()->corruptedToStation() > 0);
    QCOMPARE(m_device->link()->corruptedToDevice(), quint64(0));

    // The cable heals: the same device answers intact again.
    m_device->setFaults({});
    QVERIFY(isReply(m_station->request(FrameType::Status), FrameType::Status));
}

QTEST_GUILESS_MAIN(TestSimulatedDevice)
#include "tst_simulateddevice.moc"
