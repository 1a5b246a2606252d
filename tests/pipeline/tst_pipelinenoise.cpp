// The station on a noisy line at the real baud rate: bytes corrupted in both directions, console
// lines in colour between the frames. Every device still ends verified from both sides, because
// the protocol retries and resends what the noise destroyed and identify asks again.
#include "pipelinefixture.h"

#include <QTest>

using namespace Blackbird;

namespace {

constexpr int kDevices = 4;

} // namespace

class TestPipelineNoise : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void provisionsAndRotatesOnANoisyLine();

private:
    PipelineFixture m_fixture;
};

void TestPipelineNoise::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.start(kDevices,
                             {QStringLiteral("--baud"), QStringLiteral("115200"),
                              QStringLiteral("--corrupt-rate"), QStringLiteral("0.0003"),
                              QStringLiteral("--console-interval-ms"), QStringLiteral("150")},
                             &error),
             qPrintable(error));
}

void TestPipelineNoise::provisionsAndRotatesOnANoisyLine()
{
    QHash<QString, QString> certificates;
    for (const ServiceMode mode : {ServiceMode::Production, ServiceMode::Rotate}) {
        StationConfig config;
        config.baud = 115200;
        config.mode = mode;
        config.reason =
            mode == ServiceMode::Rotate ? QStringLiteral("noisy-line rotation") : QString();
        QString error;
        auto station = m_fixture.makeStation(config, serviceModeName(mode), &error);
        QVERIFY2(station, qPrintable(error));
        station->start();
        station->provision(m_fixture.ports(0, kDevices));
        QVERIFY2(PipelineFixture::waitIdle(*station, 120000), "the batch did not finish");

        for (int i = 0; i < kDevices; ++i) {
            const DeviceSnapshot snap = station->snapshot(m_fixture.port(i));
            QVERIFY2(snap.state == DeviceState::Passed, qPrintable(describe(snap)));
            QVERIFY(snap.deviceConfirmed && snap.brokerConfirmed);
            QCOMPARE(m_fixture.readStorageJson(i, "device-credentials.json")
                         .value(QStringLiteral("certificate_id"))
                         .toString(),
                     snap.deviceCertificateId);
            QVERIFY(certificates.value(snap.port) != snap.deviceCertificateId);
            certificates.insert(snap.port, snap.deviceCertificateId);
        }
    }
}

QTEST_GUILESS_MAIN(TestPipelineNoise)
#include "tst_pipelinenoise.moc"
