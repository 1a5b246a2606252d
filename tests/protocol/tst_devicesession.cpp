// The device session against a scripted device on a real pseudo-terminal: every operation,
// every error response, retries after lost and corrupted replies, bounded attempts, cancelling,
// the windowed transfer with lost frames and resets, console lines and events.
#include "fakedevice.h"
#include "protocol/devicesession.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Blackbird;
using Blackbird::Test::FakeDevice;

namespace {

DeviceSession::Options fastOptions()
{
    // Shorter allowances than a real device gets keep timeouts quick; the fake device answers
    // at once, and the margin still covers a loaded machine running the sanitizer build.
    DeviceSession::Options options;
    options.baud = 921600;
    options.marginMs = 200;
    options.replyAllowanceMs = 100;
    options.storageAllowanceMs = 150;
    options.provisionAllowanceMs = 100;
    return options;
}

QByteArray makeBundle(int size, const QString &certificateId = QStringLiteral("c1"))
{
    QJsonObject object{{"format", 1}, {"certificate_id", certificateId}, {"padding", ""}};
    const int base = int(QJsonDocument(object).toJson(QJsonDocument::Compact).size());
    object.insert("padding", QString(qMax(0, size - base), QLatin1Char('p')));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool finishes(DeviceReply *reply, int timeoutMs = 10000)
{
    QSignalSpy spy(reply, &DeviceReply::finished);
    return reply->isFinished() || spy.wait(timeoutMs);
}

} // namespace

class TestDeviceSession : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void identifyReadsHello();
    void identifyRefusesBadHello_data();
    void identifyRefusesBadHello();
    void readPublicKey();
    void readPublicKeyRefusesBadKey_data();
    void readPublicKeyRefusesBadKey();
    void everyErrorResponse_data();
    void everyErrorResponse();
    void unknownCommandIsAnswered();
    void simpleOperationsSendTheirFrames_data();
    void simpleOperationsSendTheirFrames();
    void retriesAfterLostOrDamagedReply_data();
    void retriesAfterLostOrDamagedReply();
    void givesUpAfterMaxAttempts();
    void ignoresStaleReplies();
    void cancelRunningOperation();
    void cancelQueuedOperation();
    void operationsRunInOrder();
    void notOpenFails();
    void oversizedPayloadIsRefused();
    void consoleLinesAndEvents();
    void abandonsFrameCutShort();
    void linkLostFailsOperations();

    void transferCommitsBundle_data();
    void transferCommitsBundle();
    void transferRecoversLostDataFrames_data();
    void transferRecoversLostDataFrames();
    void transferRecoversLostAcknowledgements();
    void transferRecognisesCommitWhoseReplyWasLost();
    void transferRestartsAfterDeviceReset();
    void transferFailsOnRepeatedDigestMismatch();
    void transferGivesUpWhenDeviceGoesSilent();
    void transferCancelSendsAbort();
    void transferRefusesEmptyBundle();

    void transferPipelinesBeginDataAndCommit();
    void transferReportsItsTiming();
    void transferBeginRefusedWithDataSent();
    void transferBeginLostWithDataSent();
    void transferBeginReplyLostWithDataSent();
    void transferBeginNeverTaken();
    void transferLastFrameLostWithCommitSent();
    void transferCommitIncompleteRepeatedlyFails();
    void transferDeviceResetBeforeCommit();

private:
    FakeDevice *m_device = nullptr;
    DeviceSession *m_session = nullptr;
};

void TestDeviceSession::init()
{
    m_device = new FakeDevice(this);
    QVERIFY(m_device->isOpen());
    m_session = new DeviceSession(this);
    m_session->setOptions(fastOptions());
    QString error;
    QVERIFY2(m_session->open(m_device->portPath(), 921600, &error), qPrintable(error));
}

void TestDeviceSession::cleanup()
{
    delete m_session;
    delete m_device;
    m_session = nullptr;
    m_device = nullptr;
}

void TestDeviceSession::identifyReadsHello()
{
    m_device->maxPayload = 1024;
    m_device->window = 8;

    DeviceReply *reply = m_session->identify();
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    QVERIFY(m_session->isIdentified());
    const DeviceInfo &info = m_session->deviceInfo();
    QCOMPARE(info.uuid, m_device->uuid);
    QCOMPARE(info.deviceType, QString("sensor-v2"));
    QCOMPARE(info.firmware, QString("1.4.0"));
    QCOMPARE(info.state, QString("blank"));
    QCOMPARE(info.maxPayload, 1024);
    QCOMPARE(info.window, 8);
    QCOMPARE(info.protocol, 1);
    QCOMPARE(info.capabilities, QStringList{"claim_transfer"});
    const Frame hello = m_device->receivedOfType(FrameType::Hello).value(0);
    QJsonObject request;
    QVERIFY(hello.jsonObject(&request));
    QCOMPARE(request.value("protocols").toArray(), QJsonArray{1});
    QCOMPARE(hello.version, quint8(1));
}

void TestDeviceSession::identifyRefusesBadHello_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("reasonPart");

    QTest::newRow("no common version") << "protocols" << QJsonValue(QJsonArray{2, 3})
                                       << "speaks protocol versions 2, 3, the station 1";
    QTest::newRow("protocol not chosen right")
        << "protocol" << QJsonValue(2) << "\"protocol\" is not 1";
    QTest::newRow("uuid missing") << "uuid" << QJsonValue() << "\"uuid\"";
    QTest::newRow("uuid upper case")
        << "uuid" << QJsonValue("6F1C2D3E-4B5A-4C6D-8E7F-0A1B2C3D4E5F") << "\"uuid\"";
    QTest::newRow("device_type empty") << "device_type" << QJsonValue("") << "\"device_type\"";
    QTest::newRow("firmware missing") << "firmware" << QJsonValue() << "\"firmware\"";
    QTest::newRow("state unknown") << "state" << QJsonValue("happy") << "\"state\"";
    QTest::newRow("max_payload too small") << "max_payload" << QJsonValue(100) << "\"max_payload\"";
    QTest::newRow("max_payload fractional")
        << "max_payload" << QJsonValue(512.5) << "\"max_payload\"";
    QTest::newRow("window 0") << "window" << QJsonValue(0) << "\"window\"";
    QTest::newRow("window 33") << "window" << QJsonValue(33) << "\"window\"";
}

void TestDeviceSession::identifyRefusesBadHello()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, reasonPart);
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() != FrameType::Hello)
            return false;
        QJsonObject hello{{"protocol", 1},
                          {"protocols", QJsonArray{1}},
                          {"uuid", m_device->uuid},
                          {"device_type", "sensor-v2"},
                          {"firmware", "1.4.0"},
                          {"capabilities", QJsonArray{}},
                          {"state", "blank"},
                          {"max_payload", 1024},
                          {"window", 8}};
        if (value.isUndefined() || value.isNull())
            hello.remove(field);
        else
            hello.insert(field, value);
        m_device->reply(frame, hello);
        return true;
    };

    DeviceReply *reply = m_session->identify();
    QVERIFY(finishes(reply));

    QCOMPARE(reply->error(), DeviceReply::Error::InvalidReply);
    QVERIFY2(reply->errorString().contains(reasonPart), qPrintable(reply->errorString()));
    QVERIFY(reply->errorString().startsWith("identify failed: "));
    QVERIFY(!m_session->isIdentified());
}

void TestDeviceSession::readPublicKey()
{
    DeviceReply *reply = m_session->readPublicKey();
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    QCOMPARE(reply->payload().value("public_key").toString(),
             QString::fromLatin1(QByteArray("fake key").toBase64()));
    QCOMPARE(m_device->receivedOfType(FrameType::GetPublicKey).size(), 1);
}

void TestDeviceSession::readPublicKeyRefusesBadKey_data()
{
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QString>("reasonPart");

    QTest::newRow("no key") << QJsonObject{{"algorithm", "ecdsa-p256"}} << "no valid Base64";
    QTest::newRow("not Base64") << QJsonObject{{"public_key", "%%%"}, {"algorithm", "ecdsa-p256"}}
                                << "no valid Base64";
    QTest::newRow("other algorithm")
        << QJsonObject{{"public_key", "AAAA"}, {"algorithm", "rsa-2048"}} << "rsa-2048";
}

void TestDeviceSession::readPublicKeyRefusesBadKey()
{
    QFETCH(QJsonObject, payload);
    QFETCH(QString, reasonPart);
    m_device->intercept = [&](const Frame &frame) {
        m_device->reply(frame, payload);
        return true;
    };

    DeviceReply *reply = m_session->readPublicKey();
    QVERIFY(finishes(reply));

    QCOMPARE(reply->error(), DeviceReply::Error::InvalidReply);
    QVERIFY2(reply->errorString().contains(reasonPart), qPrintable(reply->errorString()));
}

void TestDeviceSession::everyErrorResponse_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("operation");

    const QList<const char *> codes = {ErrorCode::UnknownCommand,
                                       ErrorCode::UnsupportedVersion,
                                       ErrorCode::BadRequest,
                                       ErrorCode::PayloadTooLarge,
                                       ErrorCode::Busy,
                                       ErrorCode::NoTransfer,
                                       ErrorCode::TransferTooLarge,
                                       ErrorCode::Incomplete,
                                       ErrorCode::DigestMismatch,
                                       ErrorCode::BadBundle,
                                       ErrorCode::StorageFailed,
                                       ErrorCode::CommitRefused,
                                       ErrorCode::NoClaim,
                                       ErrorCode::NotAvailable,
                                       ErrorCode::ConfirmationRequired,
                                       ErrorCode::Internal};
    const QList<DeviceReply::Operation> operations = {
        DeviceReply::Operation::Identify,      DeviceReply::Operation::ReadPublicKey,
        DeviceReply::Operation::Status,        DeviceReply::Operation::StartProvisioning,
        DeviceReply::Operation::EraseClaim,    DeviceReply::Operation::Reboot,
        DeviceReply::Operation::AbortTransfer, DeviceReply::Operation::Command};
    int row = 0;
    for (const char *code : codes) {
        // Each code against one operation, cycling, so every operation meets errors too.
        const DeviceReply::Operation operation = operations[row++ % operations.size()];
        QTest::addRow("%s from %s", code, qPrintable(DeviceReply::operationName(operation)))
            << QString::fromLatin1(code) << int(operation);
    }
}

void TestDeviceSession::everyErrorResponse()
{
    QFETCH(QString, code);
    QFETCH(int, operation);
    m_device->intercept = [&](const Frame &frame) {
        m_device->replyError(frame, code, "the reason in the device's words");
        return true;
    };

    DeviceReply *reply = nullptr;
    switch (DeviceReply::Operation(operation)) {
    case DeviceReply::Operation::Identify:
        reply = m_session->identify();
        break;
    case DeviceReply::Operation::ReadPublicKey:
        reply = m_session->readPublicKey();
        break;
    case DeviceReply::Operation::Status:
        reply = m_session->status();
        break;
    case DeviceReply::Operation::StartProvisioning:
        reply = m_session->startProvisioning();
        break;
    case DeviceReply::Operation::EraseClaim:
        reply = m_session->eraseClaim(m_device->uuid);
        break;
    case DeviceReply::Operation::Reboot:
        reply = m_session->reboot();
        break;
    case DeviceReply::Operation::AbortTransfer:
        reply = m_session->abortTransfer();
        break;
    default:
        reply = m_session->sendCommand(0x08, "{}");
        break;
    }
    QVERIFY(finishes(reply));

    QCOMPARE(reply->error(), DeviceReply::Error::DeviceError);
    QCOMPARE(reply->deviceErrorCode(), code);
    QVERIFY2(reply->errorString().contains(code), qPrintable(reply->errorString()));
    QVERIFY2(reply->errorString().contains("the reason in the device's words"),
             qPrintable(reply->errorString()));
    QCOMPARE(reply->framesSent(), 1); // an ERROR is an answer: no retry
}

void TestDeviceSession::unknownCommandIsAnswered()
{
    DeviceReply *reply = m_session->sendCommand(0x23, "{}");
    QVERIFY(finishes(reply));

    QCOMPARE(reply->error(), DeviceReply::Error::DeviceError);
    QCOMPARE(reply->deviceErrorCode(), QString("unknown_command"));
    QCOMPARE(m_device->received.value(0).type, quint8(0x23));
}

void TestDeviceSession::simpleOperationsSendTheirFrames_data()
{
    QTest::addColumn<int>("operation");
    QTest::addColumn<quint8>("type");
    QTest::addColumn<QString>("resultField");

    QTest::newRow("status") << int(DeviceReply::Operation::Status) << quint8(0x08) << "uptime_ms";
    QTest::newRow("start provisioning")
        << int(DeviceReply::Operation::StartProvisioning) << quint8(0x07) << "started";
    QTest::newRow("erase") << int(DeviceReply::Operation::EraseClaim) << quint8(0x09) << "state";
    QTest::newRow("abort") << int(DeviceReply::Operation::AbortTransfer) << quint8(0x06)
                           << "aborted";
    QTest::newRow("reboot") << int(DeviceReply::Operation::Reboot) << quint8(0x0A) << "";
}

void TestDeviceSession::simpleOperationsSendTheirFrames()
{
    QFETCH(int, operation);
    QFETCH(quint8, type);
    QFETCH(QString, resultField);

    DeviceReply *reply = nullptr;
    switch (DeviceReply::Operation(operation)) {
    case DeviceReply::Operation::Status:
        reply = m_session->status();
        break;
    case DeviceReply::Operation::StartProvisioning:
        reply = m_session->startProvisioning();
        break;
    case DeviceReply::Operation::EraseClaim:
        reply = m_session->eraseClaim(m_device->uuid);
        break;
    case DeviceReply::Operation::AbortTransfer:
        reply = m_session->abortTransfer();
        break;
    default:
        reply = m_session->reboot();
        break;
    }
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    QCOMPARE(m_device->received.size(), 1);
    QCOMPARE(m_device->received.first().type, type);
    if (!resultField.isEmpty())
        QVERIFY(reply->payload().contains(resultField));
    if (type == 0x09) {
        QJsonObject request;
        QVERIFY(m_device->received.first().jsonObject(&request));
        QCOMPARE(request.value("confirm").toString(), "ERASE " + m_device->uuid);
    }
}

void TestDeviceSession::retriesAfterLostOrDamagedReply_data()
{
    QTest::addColumn<QString>("fault");

    QTest::newRow("reply lost") << "lost";
    QTest::newRow("reply payload damaged") << "payload";
    QTest::newRow("reply header damaged") << "header";
    QTest::newRow("reply cut short") << "cut";
}

void TestDeviceSession::retriesAfterLostOrDamagedReply()
{
    QFETCH(QString, fault);
    int seen = 0;
    m_device->intercept = [&](const Frame &frame) {
        if (++seen > 1)
            return false;
        QByteArray bytes = Frame::withJson(FrameType::StatusReply, frame.seq,
                                           {{"state", "blank"}, {"uuid", m_device->uuid}})
                               .encode();
        if (fault == "payload")
            bytes[15] = char(bytes[15] ^ 0x20);
        else if (fault == "header")
            bytes[6] = char(bytes[6] ^ 0x01);
        else if (fault == "cut")
            bytes.chop(6);
        if (fault != "lost")
            m_device->sendRaw(bytes);
        return true;
    };

    DeviceReply *reply = m_session->status();
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    QCOMPARE(reply->retries(), 1);
    QCOMPARE(m_device->received.size(), 2);
    QCOMPARE(m_device->received[1].seq, m_device->received[0].seq); // a retry keeps its seq
    QCOMPARE(m_device->received[1].payload, m_device->received[0].payload);
}

void TestDeviceSession::givesUpAfterMaxAttempts()
{
    m_device->intercept = [](const Frame &) { return true; }; // a device that never answers

    DeviceReply *reply = m_session->status();
    QVERIFY(finishes(reply));

    QCOMPARE(reply->error(), DeviceReply::Error::Timeout);
    QCOMPARE(m_device->received.size(), 3);
    QCOMPARE(reply->framesSent(), 3);
    QVERIFY2(reply->errorString().contains("no reply from the device to STATUS after 3 attempts"),
             qPrintable(reply->errorString()));
}

void TestDeviceSession::ignoresStaleReplies()
{
    m_device->intercept = [&](const Frame &frame) {
        // A reply to another seq and a reply of the wrong type first, then the real one.
        m_device->send(Frame::withJson(FrameType::StatusReply, quint16(frame.seq + 1),
                                       {{"state", "provisioned"}}));
        m_device->send(Frame::withJson(FrameType::HelloReply, frame.seq, {{"state", "x"}}));
        m_device->reply(frame, {{"state", "blank"}, {"uuid", m_device->uuid}});
        return true;
    };

    DeviceReply *reply = m_session->status();
    QVERIFY(finishes(reply));

    QVERIFY(reply->isSuccess());
    QCOMPARE(reply->payload().value("state").toString(), QString("blank"));
    QCOMPARE(reply->framesSent(), 1);
}

void TestDeviceSession::cancelRunningOperation()
{
    QList<Frame> held;
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() != FrameType::Status)
            return false;
        held.append(frame);
        return true;
    };
    DeviceReply *first = m_session->status();
    DeviceReply *second = m_session->readPublicKey();
    QTRY_COMPARE(held.size(), 1);

    first->cancel();
    m_device->reply(held.first(), {{"state", "late"}}); // the late reply must be ignored
    QVERIFY(finishes(second));

    QCOMPARE(first->error(), DeviceReply::Error::Cancelled);
    QVERIFY(first->errorString().contains("cancelled"));
    QVERIFY2(second->isSuccess(), qPrintable(second->errorString()));
    QVERIFY(second->payload().contains("public_key"));
}

void TestDeviceSession::cancelQueuedOperation()
{
    DeviceReply *first = m_session->status();
    DeviceReply *second = m_session->readPublicKey();
    QSignalSpy spy(second, &DeviceReply::finished);

    second->cancel();
    QVERIFY(finishes(first));

    QCOMPARE(spy.count(), 1);
    QCOMPARE(second->error(), DeviceReply::Error::Cancelled);
    QVERIFY(first->isSuccess());
    QCOMPARE(m_device->receivedOfType(FrameType::GetPublicKey).size(), 0);
}

void TestDeviceSession::operationsRunInOrder()
{
    DeviceReply *a = m_session->identify();
    DeviceReply *b = m_session->status();
    DeviceReply *c = m_session->readPublicKey();
    QVERIFY(finishes(c));

    QVERIFY(a->isSuccess() && b->isSuccess() && c->isSuccess());
    QCOMPARE(m_device->received.size(), 3);
    QCOMPARE(m_device->received[0].frameType(), FrameType::Hello);
    QCOMPARE(m_device->received[1].frameType(), FrameType::Status);
    QCOMPARE(m_device->received[2].frameType(), FrameType::GetPublicKey);
    QCOMPARE(quint16(m_device->received[1].seq - m_device->received[0].seq), quint16(1));
}

void TestDeviceSession::notOpenFails()
{
    DeviceSession session;
    DeviceReply *reply = session.status();
    QSignalSpy spy(reply, &DeviceReply::finished);

    QCOMPARE(spy.count(), 0); // never finished synchronously
    QVERIFY(spy.wait(2000));
    QCOMPARE(reply->error(), DeviceReply::Error::NotOpen);
    QVERIFY(reply->errorString().contains("no serial port is open"));
}

void TestDeviceSession::oversizedPayloadIsRefused()
{
    m_device->maxPayload = 512;
    const QByteArray payload = R"({"pad":")" + QByteArray(400, 'x') + R"("})";

    DeviceReply *before = m_session->sendCommand(0x08, payload);
    QVERIFY(finishes(before));
    DeviceReply *identify = m_session->identify();
    DeviceReply *fits = m_session->sendCommand(0x08, payload);
    DeviceReply *tooLarge = m_session->sendCommand(0x08, payload + QByteArray(200, ' '));
    QVERIFY(finishes(tooLarge));

    QCOMPARE(before->error(), DeviceReply::Error::InvalidInput);
    QVERIFY2(before->errorString().contains("identify the device first"),
             qPrintable(before->errorString()));
    QVERIFY(identify->isSuccess());
    QVERIFY2(fits->isSuccess(), qPrintable(fits->errorString()));
    QCOMPARE(tooLarge->error(), DeviceReply::Error::InvalidInput);
    QVERIFY2(tooLarge->errorString().contains("over the device's limit of 512 bytes"),
             qPrintable(tooLarge->errorString()));
    QCOMPARE(m_device->receivedOfType(FrameType::Status).size(), 1);
}

void TestDeviceSession::consoleLinesAndEvents()
{
    QSignalSpy lines(m_session, &DeviceSession::consoleLine);
    QSignalSpy events(m_session, &DeviceSession::eventReceived);
    const Frame event = Frame::withJson(FrameType::Event, 0,
                                        {{"event", "certificate_rejected"},
                                         {"device_time", "2026-12-03T18:02:11.204Z"},
                                         {"statusCode", 400},
                                         {"errorCode", "InvalidCsr"},
                                         {"errorMessage", "bad CSR"}});

    m_device->sendRaw(QByteArray("\x1b[0;32mI (12) boot: ok\x1b[0m\r\nW (1") + event.encode() +
                      "3) wifi: weak\n");

    QTRY_COMPARE(lines.count(), 2);
    QCOMPARE(events.count(), 1);
    QCOMPARE(lines[0][0].toString(), QString("\x1b[0;32mI (12) boot: ok\x1b[0m"));
    QCOMPARE(lines[1][0].toString(), QString("W (13) wifi: weak"));
    QCOMPARE(events[0][0].toString(), QString("certificate_rejected"));
    const QJsonObject payload = events[0][1].toJsonObject();
    QCOMPARE(payload.value("statusCode").toInt(), 400);
    QCOMPARE(payload.value("errorCode").toString(), QString("InvalidCsr"));
    QCOMPARE(payload.value("device_time").toString(), QString("2026-12-03T18:02:11.204Z"));
}

void TestDeviceSession::abandonsFrameCutShort()
{
    QSignalSpy lines(m_session, &DeviceSession::consoleLine);
    QSignalSpy discarded(m_session, &DeviceSession::frameDiscarded);
    // The device reset 12 bytes into a 300-byte frame; its banner follows.
    const QByteArray cut =
        Frame::withJson(FrameType::StatusReply, 1, {{"state", QString(300, QLatin1Char('x'))}})
            .encode()
            .first(12);

    m_device->sendRaw(QByteArray(cut + "Blackbird sensor bootloader 2.1\n"));

    QTRY_COMPARE_WITH_TIMEOUT(lines.count(), 1, 3000);
    QVERIFY2(lines[0][0].toString().endsWith("Blackbird sensor bootloader 2.1"),
             qPrintable(lines[0][0].toString()));
    QCOMPARE(discarded.count(), 1);
}

void TestDeviceSession::linkLostFailsOperations()
{
    m_device->intercept = [](const Frame &) { return true; };
    QSignalSpy lost(m_session, &DeviceSession::linkLost);
    DeviceReply *running = m_session->status();
    DeviceReply *queued = m_session->readPublicKey();
    QTRY_COMPARE(m_device->received.size(), 1);

    m_device->hangUp();
    QVERIFY(finishes(queued));

    QCOMPARE(lost.count(), 1);
    QCOMPARE(running->error(), DeviceReply::Error::LinkLost);
    QCOMPARE(queued->error(), DeviceReply::Error::LinkLost);
    QVERIFY2(running->errorString().contains(m_device->portPath()),
             qPrintable(running->errorString()));
    QVERIFY(!m_session->isOpen());
}

void TestDeviceSession::transferCommitsBundle_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("maxPayload");
    QTest::addColumn<int>("window");

    QTest::newRow("one byte short of a chunk") << 251 << 256 << 4;
    QTest::newRow("exactly two chunks") << 504 << 256 << 4;
    QTest::newRow("4 KiB, 1024 payload, window 8") << 4096 << 1024 << 8;
    QTest::newRow("4 KiB, stop and wait") << 4096 << 1024 << 1;
    QTest::newRow("4 KiB, 4096 payload") << 4096 << 4096 << 2;
    QTest::newRow("12 KiB, window 3") << 12288 << 512 << 3;
}

void TestDeviceSession::transferCommitsBundle()
{
    QFETCH(int, size);
    QFETCH(int, maxPayload);
    QFETCH(int, window);
    m_device->maxPayload = maxPayload;
    m_device->window = window;
    const QByteArray bundle = makeBundle(size);
    QCOMPARE(bundle.size(), size);

    DeviceReply *reply = m_session->transferBundle(SecretBytes(bundle));
    QSignalSpy progress(reply, &DeviceReply::transferProgress);
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    QCOMPARE(m_device->stored, bundle);
    QCOMPARE(reply->payload().value("certificate_id").toString(), QString("c1"));
    QCOMPARE(reply->retries(), 0);
    const int chunk = maxPayload - 4;
    const int frames = (size + chunk - 1) / chunk;
    QCOMPARE(m_device->receivedOfType(FrameType::TransferData).size(), frames);
    QCOMPARE(progress.last().at(0).toLongLong(), qint64(size));
    // HELLO first (the limits), then BEGIN, the data, COMMIT.
    QCOMPARE(m_device->received.first().frameType(), FrameType::Hello);
    QCOMPARE(m_device->received[1].frameType(), FrameType::TransferBegin);
    QCOMPARE(m_device->received.last().frameType(), FrameType::TransferCommit);
}

void TestDeviceSession::transferRecoversLostDataFrames_data()
{
    QTest::addColumn<QList<int>>("lostFrames"); // indexes of DATA frames the wire eats

    QTest::newRow("first") << QList<int>{0};
    QTest::newRow("second") << QList<int>{1};
    QTest::newRow("last") << QList<int>{4};
    QTest::newRow("two in a row") << QList<int>{1, 2};
    QTest::newRow("a resent one too") << QList<int>{1, 5};
}

void TestDeviceSession::transferRecoversLostDataFrames()
{
    QFETCH(QList<int>, lostFrames);
    m_device->maxPayload = 1024;
    m_device->window = 8;
    int dataFrames = 0;
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() != FrameType::TransferData)
            return false;
        return lostFrames.contains(dataFrames++); // swallowed as if corrupted on the wire
    };
    const QByteArray bundle = makeBundle(4096);

    DeviceReply *reply = m_session->transferBundle(SecretBytes(bundle));
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    QCOMPARE(m_device->stored, bundle);
    QVERIFY(reply->retries() >= 1);
}

void TestDeviceSession::transferRecoversLostAcknowledgements()
{
    m_device->maxPayload = 1024;
    m_device->window = 2;
    // The acknowledgements of the first window are lost: the sender, out of window before the
    // last frame, waits for its progress timer and resends from offset 0; the device answers
    // the duplicates with how far it really is.
    int acks = 0;
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() != FrameType::TransferData)
            return false;
        if (++acks > 2)
            return false;
        quint32 offset = 0;
        QByteArrayView chunk;
        frame.transferChunk(&offset, &chunk);
        if (offset == quint32(m_device->transferBytes.size()))
            m_device->transferBytes.append(chunk.data(), chunk.size());
        return true; // stored, but the acknowledgement never leaves
    };
    const QByteArray bundle = makeBundle(4096);

    DeviceReply *reply = m_session->transferBundle(SecretBytes(bundle));
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    QCOMPARE(m_device->stored, bundle);
    // 2 lost acknowledgements, the 2 resent frames, then the 3 remaining ones.
    QCOMPARE(m_device->receivedOfType(FrameType::TransferData).size(), 7);
    QCOMPARE(reply->retries(), 1);
}

void TestDeviceSession::transferRecognisesCommitWhoseReplyWasLost()
{
    bool swallowed = false;
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() != FrameType::TransferCommit || swallowed)
            return false;
        swallowed = true;
        // Executes the commit, but the reply is lost; the retry then finds no transfer.
        m_device->stored = m_device->transferBytes;
        m_device->storedCertificateId = "c1";
        m_device->state = "claim_stored";
        m_device->transferActive = false;
        return true;
    };
    const QByteArray bundle = makeBundle(1000);

    DeviceReply *reply = m_session->transferBundle(SecretBytes(bundle));
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    QCOMPARE(reply->payload().value("certificate_id").toString(), QString("c1"));
    QCOMPARE(m_device->receivedOfType(FrameType::TransferCommit).size(), 2);
    QCOMPARE(m_device->receivedOfType(FrameType::Status).size(), 1);
    QCOMPARE(m_device->receivedOfType(FrameType::TransferBegin).size(), 1);
}

void TestDeviceSession::transferRestartsAfterDeviceReset()
{
    m_device->maxPayload = 1024;
    int dataFrames = 0;
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() == FrameType::TransferData && ++dataFrames == 3) {
            // The device resets: the transfer and its HELLO limits are gone.
            m_device->transferActive = false;
            m_device->sendRaw("Blackbird sensor bootloader 2.1\r\n");
        }
        return false;
    };
    const QByteArray bundle = makeBundle(4096);

    DeviceReply *reply = m_session->transferBundle(SecretBytes(bundle));
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    QCOMPARE(m_device->stored, bundle);
    QCOMPARE(m_device->receivedOfType(FrameType::Hello).size(), 2);
    QCOMPARE(m_device->receivedOfType(FrameType::TransferBegin).size(), 2);
}

void TestDeviceSession::transferFailsOnRepeatedDigestMismatch()
{
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() != FrameType::TransferCommit)
            return false;
        m_device->transferActive = false;
        m_device->replyError(frame, ErrorCode::DigestMismatch, "digest differs");
        return true;
    };

    DeviceReply *reply = m_session->transferBundle(SecretBytes(makeBundle(600)));
    QVERIFY(finishes(reply));

    QCOMPARE(reply->error(), DeviceReply::Error::DeviceError);
    QVERIFY2(reply->errorString().contains("digest_mismatch"), qPrintable(reply->errorString()));
    QVERIFY2(reply->errorString().contains("also after 1 restart(s)"),
             qPrintable(reply->errorString()));
    QCOMPARE(m_device->receivedOfType(FrameType::TransferBegin).size(), 2);
    QVERIFY(m_device->stored.isEmpty());
}

void TestDeviceSession::transferGivesUpWhenDeviceGoesSilent()
{
    auto options = fastOptions();
    options.maxDataTimeouts = 2;
    m_session->setOptions(options);
    m_device->intercept = [](const Frame &frame) {
        return frame.frameType() == FrameType::TransferData;
    };

    DeviceReply *reply = m_session->transferBundle(SecretBytes(makeBundle(600)));
    QVERIFY(finishes(reply));

    QCOMPARE(reply->error(), DeviceReply::Error::Timeout);
    QVERIFY2(reply->errorString().contains("stopped acknowledging data at offset 0 of 600"),
             qPrintable(reply->errorString()));
    // The first window plus two resends of it (window 4 at 252 bytes: 3 frames each).
    QCOMPARE(m_device->receivedOfType(FrameType::TransferData).size(), 9);
}

void TestDeviceSession::transferCancelSendsAbort()
{
    m_device->intercept = [](const Frame &frame) {
        return frame.frameType() == FrameType::TransferData;
    };
    DeviceReply *reply = m_session->transferBundle(SecretBytes(makeBundle(2000)));
    QTRY_VERIFY(!m_device->receivedOfType(FrameType::TransferData).isEmpty());

    reply->cancel();

    QCOMPARE(reply->error(), DeviceReply::Error::Cancelled);
    QTRY_COMPARE(m_device->receivedOfType(FrameType::TransferAbort).size(), 1);
    QVERIFY(!m_device->transferActive);
}

void TestDeviceSession::transferRefusesEmptyBundle()
{
    DeviceReply *reply = m_session->transferBundle(SecretBytes());
    QVERIFY(finishes(reply));

    QCOMPARE(reply->error(), DeviceReply::Error::InvalidInput);
    QVERIFY(reply->errorString().contains("the bundle is empty"));
    QVERIFY(m_device->received.isEmpty());
}

// --- Pipelined paths (docs/serial-protocol.md section 13) ---------------------------------------

void TestDeviceSession::transferPipelinesBeginDataAndCommit()
{
    m_device->maxPayload = 1024;
    m_device->window = 8;
    // The device holds back its BEGIN reply until data arrived, and every data acknowledgement
    // until COMMIT arrived: a station that waited for either would time out and retry.
    QList<std::function<void()>> heldBack;
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() == FrameType::TransferBegin ||
            frame.frameType() == FrameType::TransferData) {
            const Frame copy = frame;
            heldBack.append([this, copy] { m_device->handleDefault(copy); });
            if (frame.frameType() == FrameType::TransferData && heldBack.size() == 2)
                heldBack.takeFirst()(); // BEGIN's reply, once data is there
            return true;
        }
        if (frame.frameType() == FrameType::TransferCommit) {
            while (!heldBack.isEmpty())
                heldBack.takeFirst()();
        }
        return false;
    };
    const QByteArray bundle = makeBundle(4096);

    DeviceReply *reply = m_session->transferBundle(SecretBytes(bundle));
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    QCOMPARE(m_device->stored, bundle);
    QCOMPARE(reply->retries(), 0);
    QCOMPARE(m_device->receivedOfType(FrameType::TransferBegin).size(), 1);
    QCOMPARE(m_device->receivedOfType(FrameType::TransferData).size(), 5);
    QCOMPARE(m_device->receivedOfType(FrameType::TransferCommit).size(), 1);
}

void TestDeviceSession::transferReportsItsTiming()
{
    m_device->maxPayload = 1024;
    m_device->window = 8;
    const QByteArray bundle = makeBundle(3000);

    DeviceReply *reply = m_session->transferBundle(SecretBytes(bundle));
    QVERIFY(!reply->transferTiming().valid);
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    const DeviceReply::TransferTiming timing = reply->transferTiming();
    QVERIFY(timing.valid);
    QCOMPARE(timing.bundleBytes, qint64(3000));
    QCOMPARE(timing.rounds, 1);
    QVERIFY(timing.helloMs > 0); // the session was not identified yet
    QVERIFY(timing.beginMs > 0);
    QVERIFY(timing.dataMs > 0);
    QVERIFY(timing.commitMs >= 0);
    QVERIFY(timing.totalMs >= timing.dataMs);
    QVERIFY(timing.totalMs >= timing.beginMs);
    // HELLO, BEGIN, 3 data frames of 13 + 4 + chunk bytes, COMMIT.
    qint64 sent = 0;
    for (const Frame &frame : m_device->received)
        sent += Protocol::kOverhead + frame.payload.size();
    QCOMPARE(timing.bytesSent, sent);

    // A failed transfer reports none.
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() != FrameType::TransferBegin)
            return false;
        m_device->replyError(frame, ErrorCode::Busy, "provisioning is running");
        return true;
    };
    DeviceReply *failed = m_session->transferBundle(SecretBytes(bundle));
    QVERIFY(finishes(failed));
    QVERIFY(!failed->isSuccess());
    QVERIFY(!failed->transferTiming().valid);
}

void TestDeviceSession::transferBeginRefusedWithDataSent()
{
    m_device->maxPayload = 1024;
    m_device->window = 8;
    // The device refuses BEGIN; the data already behind it meets no transfer.
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() != FrameType::TransferBegin)
            return false;
        m_device->replyError(frame, ErrorCode::Busy, "fleet provisioning is running");
        return true;
    };

    DeviceReply *reply = m_session->transferBundle(SecretBytes(makeBundle(4096)));
    QVERIFY(finishes(reply));

    QCOMPARE(reply->error(), DeviceReply::Error::DeviceError);
    QCOMPARE(reply->deviceErrorCode(), QString("busy"));
    QVERIFY2(reply->errorString().contains("fleet provisioning is running"),
             qPrintable(reply->errorString()));
    // The data went out right behind BEGIN, nothing was committed, and the station told the
    // device to drop whatever transfer might have taken that data.
    QTRY_COMPARE(m_device->receivedOfType(FrameType::TransferAbort).size(), 1);
    QCOMPARE(m_device->received[1].frameType(), FrameType::TransferBegin);
    QCOMPARE(m_device->received[2].frameType(), FrameType::TransferData);
    QVERIFY(m_device->receivedOfType(FrameType::TransferCommit).isEmpty());
    QCOMPARE(m_device->receivedOfType(FrameType::TransferBegin).size(), 1);
    QVERIFY(m_device->stored.isEmpty());

    // The late no_transfer answers to that data do not disturb the next operation.
    m_device->intercept = nullptr;
    DeviceReply *status = m_session->status();
    QVERIFY(finishes(status));
    QVERIFY2(status->isSuccess(), qPrintable(status->errorString()));
}

void TestDeviceSession::transferBeginLostWithDataSent()
{
    m_device->maxPayload = 1024;
    m_device->window = 8;
    // The first BEGIN is lost on the wire: the device answers the data behind it no_transfer.
    bool lost = false;
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() != FrameType::TransferBegin || lost)
            return false;
        lost = true;
        return true;
    };
    const QByteArray bundle = makeBundle(4096);

    QElapsedTimer clock;
    clock.start();
    DeviceReply *reply = m_session->transferBundle(SecretBytes(bundle));
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    QCOMPARE(m_device->stored, bundle);
    // BEGIN went again at once (same seq, section 7), without a restart or HELLO.
    const QList<Frame> begins = m_device->receivedOfType(FrameType::TransferBegin);
    QCOMPARE(begins.size(), 2);
    QCOMPARE(begins[1].seq, begins[0].seq);
    QCOMPARE(begins[1].payload, begins[0].payload);
    QCOMPARE(m_device->receivedOfType(FrameType::Hello).size(), 1);
    QCOMPARE(m_device->receivedOfType(FrameType::TransferCommit).size(), 1);
    QVERIFY(reply->retries() >= 1);
    // Recovered from the no_transfer answers, not from BEGIN's timeout (150 + 250 ms here).
    QVERIFY2(clock.elapsed() < 350, qPrintable(QString::number(clock.elapsed())));
}

void TestDeviceSession::transferBeginReplyLostWithDataSent()
{
    m_device->maxPayload = 1024;
    m_device->window = 8;
    // BEGIN is executed, only its reply is lost; this device does not recognise the retry and
    // executes BEGIN again, wiping the data it had: the station must resend all of it.
    bool lost = false;
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() != FrameType::TransferBegin || lost)
            return false;
        lost = true;
        QJsonObject request;
        frame.jsonObject(&request);
        m_device->transferActive = true;
        m_device->transferSize = request.value("size").toInteger();
        m_device->transferDigest = request.value("sha256").toString().toLatin1();
        m_device->transferBytes.clear();
        return true;
    };
    const QByteArray bundle = makeBundle(4096);

    DeviceReply *reply = m_session->transferBundle(SecretBytes(bundle));
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    QCOMPARE(m_device->stored, bundle);
    QCOMPARE(m_device->receivedOfType(FrameType::TransferBegin).size(), 2);
    QCOMPARE(m_device->receivedOfType(FrameType::TransferCommit).size(), 1);
    QVERIFY(m_device->receivedOfType(FrameType::TransferData).size() >= 10);
}

void TestDeviceSession::transferBeginNeverTaken()
{
    m_device->maxPayload = 1024;
    m_device->window = 8;
    // Every BEGIN is lost: bounded by the attempts of BEGIN, then a clear failure.
    m_device->intercept = [](const Frame &frame) {
        return frame.frameType() == FrameType::TransferBegin;
    };

    DeviceReply *reply = m_session->transferBundle(SecretBytes(makeBundle(4096)));
    QVERIFY(finishes(reply));

    QCOMPARE(reply->error(), DeviceReply::Error::Timeout);
    QVERIFY2(reply->errorString().contains("no reply from the device to TRANSFER_BEGIN after 3 "
                                           "attempts"),
             qPrintable(reply->errorString()));
    QCOMPARE(m_device->receivedOfType(FrameType::TransferBegin).size(), 3);
    QVERIFY(m_device->receivedOfType(FrameType::TransferCommit).isEmpty());
    QVERIFY(m_device->stored.isEmpty());
}

void TestDeviceSession::transferLastFrameLostWithCommitSent()
{
    m_device->maxPayload = 1024;
    m_device->window = 8;
    // The last data frame is corrupted on the wire; COMMIT right behind it finds the transfer
    // incomplete. The station resends the missing frame and commits again.
    int dataFrames = 0;
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() != FrameType::TransferData)
            return false;
        return ++dataFrames == 5;
    };
    const QByteArray bundle = makeBundle(4096);

    DeviceReply *reply = m_session->transferBundle(SecretBytes(bundle));
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    QCOMPARE(m_device->stored, bundle);
    QCOMPARE(m_device->receivedOfType(FrameType::TransferBegin).size(), 1);
    QCOMPARE(m_device->receivedOfType(FrameType::TransferData).size(), 6);
    const QList<Frame> commits = m_device->receivedOfType(FrameType::TransferCommit);
    QCOMPARE(commits.size(), 2);
    QVERIFY(commits[1].seq != commits[0].seq); // a new COMMIT, not a retry of the old one
    // The first COMMIT followed the lost frame directly, before the resend.
    const qsizetype firstCommit = m_device->received.indexOf(commits[0]);
    QCOMPARE(m_device->received[firstCommit - 1].frameType(), FrameType::TransferData);
    QCOMPARE(m_device->received[firstCommit + 1].frameType(), FrameType::TransferData);
    QCOMPARE(reply->retries(), 1);
}

void TestDeviceSession::transferCommitIncompleteRepeatedlyFails()
{
    auto options = fastOptions();
    options.maxDataTimeouts = 2;
    m_session->setOptions(options);
    m_device->maxPayload = 1024;
    m_device->window = 8;
    // The last frame never arrives: every COMMIT is incomplete, without progress.
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() != FrameType::TransferData)
            return false;
        quint32 offset = 0;
        QByteArrayView chunk;
        frame.transferChunk(&offset, &chunk);
        return offset == 4080;
    };

    DeviceReply *reply = m_session->transferBundle(SecretBytes(makeBundle(4096)));
    QVERIFY(finishes(reply));

    QCOMPARE(reply->error(), DeviceReply::Error::Timeout);
    QVERIFY2(reply->errorString().contains("stopped acknowledging data at offset 4080 of 4096"),
             qPrintable(reply->errorString()));
    // The first COMMIT had progress behind it; then two without progress are tolerated.
    QCOMPARE(m_device->receivedOfType(FrameType::TransferCommit).size(), 4);
    QVERIFY(m_device->stored.isEmpty());
}

void TestDeviceSession::transferDeviceResetBeforeCommit()
{
    m_device->maxPayload = 1024;
    m_device->window = 8;
    // The device takes all data, then resets before COMMIT (already on its way) arrives.
    bool reset = false;
    m_device->intercept = [&](const Frame &frame) {
        if (frame.frameType() != FrameType::TransferCommit || reset)
            return false;
        reset = true;
        m_device->transferActive = false;
        m_device->sendRaw("rst:0x1 (POWERON_RESET)\r\nBlackbird sensor bootloader 2.1\r\n");
        return false; // the rebooted firmware answers COMMIT: no_transfer
    };
    const QByteArray bundle = makeBundle(4096);

    DeviceReply *reply = m_session->transferBundle(SecretBytes(bundle));
    QVERIFY(finishes(reply));

    QVERIFY2(reply->isSuccess(), qPrintable(reply->errorString()));
    QCOMPARE(m_device->stored, bundle);
    QCOMPARE(m_device->receivedOfType(FrameType::Hello).size(), 2);
    QCOMPARE(m_device->receivedOfType(FrameType::TransferBegin).size(), 2);
    QCOMPARE(m_device->receivedOfType(FrameType::TransferCommit).size(), 2);
    QCOMPARE(reply->transferTiming().rounds, 2);
}

QTEST_GUILESS_MAIN(TestDeviceSession)
#include "tst_devicesession.moc"
