// Prints (a) the claim-credential transfer's share of the line rate against the real device
// simulator on a pseudo-terminal, measured as bundle bytes / (baud / 10) / elapsed, with elapsed
// from TRANSFER_BEGIN sent to TRANSFER_COMMIT acknowledged, and (b) the frame parser's
// throughput in MB/s. Not a test: it reports figures, it does not judge them.
//
//   blackbird-serial-bench [--baud 115200] [--size 4096] [--runs 5] [--max-payload 1024]
//                          [--window 8] [--devsim PATH] [--parser-mib 64]
#include "crypto/certificate.h"
#include "crypto/eckey.h"
#include "crypto/secretbytes.h"
#include "protocol/devicesession.h"
#include "protocol/frameparser.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstdio>

using namespace Blackbird;

namespace {

// A self-signed claim certificate for key: the simulator checks that key, certificate and
// certificate_id belong together, so the benchmark's bundle must be real.
Certificate selfSignedCertificate(const EcKey &key)
{
    X509 *cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 7);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key.handle());
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>("bench claim"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509_sign(cert, key.handle(), EVP_sha256());
    return Certificate::adopt(cert);
}

// A valid bundle for uuid padded to exactly size bytes (devices ignore unknown fields).
QByteArray makeBundle(const QString &uuid, int size)
{
    const EcKey key = EcKey::generate();
    const Certificate certificate = selfSignedCertificate(key);
    QJsonObject object{
        {"format", 1},
        {"uuid", uuid},
        {"certificate_id", certificate.sha256Hex()},
        {"certificate_pem", QString::fromLatin1(certificate.toPem())},
        {"private_key_pem", QString::fromLatin1(key.privatePem().view())},
        {"mqtt_host", "127.0.0.1"},
        {"mqtt_port", 8883},
        {"ca_pem", QString::fromLatin1(certificate.toPem())},
        {"template_name", "blackbird-fleet"},
        {"padding", ""},
    };
    const int base = int(QJsonDocument(object).toJson(QJsonDocument::Compact).size());
    object.insert("padding", QString(qMax(0, size - base), QLatin1Char(' ')));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool waitFor(DeviceReply *reply, int timeoutMs)
{
    if (reply->isFinished())
        return true;
    QEventLoop loop;
    QObject::connect(reply, &DeviceReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return reply->isFinished();
}

bool startSimulator(QProcess &process, const QString &program, const QTemporaryDir &dir,
                    const QStringList &options)
{
    process.start(program, QStringList{"--count", "1", "--links", dir.filePath("links"), "--state",
                                       dir.filePath("state"), "--console-interval-ms", "0"} +
                               options);
    if (!process.waitForStarted(5000))
        return false;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 15000) {
        while (process.canReadLine()) {
            if (process.readLine().startsWith("ready:"))
                return true;
        }
        process.waitForReadyRead(500);
        if (process.state() == QProcess::NotRunning)
            return false;
    }
    return false;
}

int benchTransfer(const QString &devsim, int baud, int size, int runs, int maxPayload, int window)
{
    QTemporaryDir dir;
    QProcess simulator;
    if (!startSimulator(simulator, devsim, dir,
                        {"--baud", QString::number(baud), "--max-payload",
                         QString::number(maxPayload), "--window", QString::number(window)})) {
        std::fprintf(stderr, "cannot start %s: %s\n", qPrintable(devsim),
                     simulator.readAllStandardError().constData());
        return 1;
    }

    DeviceSession session;
    QString error;
    if (!session.open(dir.filePath("links/dev-000"), baud, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    DeviceReply *identify = session.identify();
    if (!waitFor(identify, 10000) || !identify->isSuccess()) {
        std::fprintf(stderr, "identify: %s\n", qPrintable(identify->errorString()));
        return 1;
    }

    const double lineBytesPerSecond = baud / 10.0;
    std::printf("transfer: %d-byte bundle at %d baud, device max_payload %d, window %d\n", size,
                baud, session.deviceInfo().maxPayload, session.deviceInfo().window);
    std::printf("  ideal time at line rate: %.1f ms\n", size / lineBytesPerSecond * 1000.0);
    QList<double> shares;
    for (int run = 1; run <= runs; ++run) {
        const QByteArray bundle = makeBundle(session.deviceInfo().uuid, size);

        // The session is idle and identified, so TRANSFER_BEGIN goes out on the first turn of
        // the event loop after this call; finished() follows the COMMIT reply.
        QElapsedTimer clock;
        clock.start();
        DeviceReply *reply = session.transferBundle(SecretBytes(bundle));
        const bool done = waitFor(reply, 60000);
        const double elapsed = clock.nsecsElapsed() / 1e9;
        if (!done || !reply->isSuccess()) {
            std::fprintf(stderr, "run %d failed: %s\n", run, qPrintable(reply->errorString()));
            return 1;
        }

        const double share = size / lineBytesPerSecond / elapsed * 100.0;
        shares.append(share);
        std::printf("  run %d: %.1f ms, %.1f %% of line rate (%d frames sent, %d retries)\n", run,
                    elapsed * 1000.0, share, reply->framesSent(), reply->retries());
        reply->deleteLater();
    }
    std::sort(shares.begin(), shares.end());
    std::printf("  median share of line rate: %.1f %% (worst %.1f %%, best %.1f %%)\n",
                shares[shares.size() / 2], shares.first(), shares.last());

    session.close();
    simulator.terminate();
    simulator.waitForFinished(5000);
    return 0;
}

void benchParser(const char *label, const QByteArray &unit, qint64 totalBytes)
{
    QByteArray stream;
    while (stream.size() < 4 * 1024 * 1024)
        stream.append(unit);

    FrameParser parser;
    qint64 fed = 0;
    qint64 items = 0;
    QElapsedTimer clock;
    clock.start();
    while (fed < totalBytes) {
        for (qsizetype at = 0; at < stream.size(); at += 4096) {
            items += parser
                         .feed(QByteArrayView(stream).sliced(
                             at, qMin<qsizetype>(4096, stream.size() - at)))
                         .size();
        }
        fed += stream.size();
    }
    const double seconds = clock.nsecsElapsed() / 1e9;
    std::printf("  %-34s %8.1f MB/s (%lld MiB, %lld items)\n", label, fed / seconds / 1e6,
                fed / (1024 * 1024), items);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser options;
    options.setApplicationDescription("Serial protocol benchmark: transfer share of line rate "
                                      "against blackbird-devsim, and parser throughput.");
    options.addHelpOption();
    const QCommandLineOption baud("baud", "Line rate in bit/s.", "BAUD", "115200");
    const QCommandLineOption size("size", "Bundle size in bytes.", "BYTES", "4096");
    const QCommandLineOption runs("runs", "Transfers to time.", "N", "5");
    const QCommandLineOption maxPayload("max-payload", "Simulator's max_payload.", "BYTES", "1024");
    const QCommandLineOption window("window", "Simulator's window.", "FRAMES", "8");
    const QCommandLineOption devsim("devsim", "Path of blackbird-devsim.", "PATH", DEVSIM_BIN);
    const QCommandLineOption parserMib("parser-mib", "MiB per parser run; 0 skips it.", "MIB",
                                       "64");
    const QCommandLineOption noTransfer("no-transfer", "Skip the transfer benchmark.");
    options.addOptions({baud, size, runs, maxPayload, window, devsim, parserMib, noTransfer});
    options.process(app);

    if (!options.isSet(noTransfer)) {
        const int status =
            benchTransfer(options.value(devsim), options.value(baud).toInt(),
                          options.value(size).toInt(), qMax(1, options.value(runs).toInt()),
                          options.value(maxPayload).toInt(), options.value(window).toInt());
        if (status != 0)
            return status;
    }

    const qint64 parserBytes = options.value(parserMib).toLongLong() * 1024 * 1024;
    if (parserBytes > 0) {
        std::printf("parser throughput (4 KiB reads):\n");
        QByteArray console = "I (123456) sensor: temperature 21.5 C, humidity 40 %\r\n";
        QByteArray frames;
        for (quint16 seq = 0; seq < 8; ++seq)
            frames +=
                Frame::withJson(FrameType::TransferDataReply, seq, {{"next", seq * 1020}}).encode();
        const QByteArray data = Frame::transferData(1, 0, QByteArray(1020, 'd')).encode();
        benchParser("console lines only", console, parserBytes);
        benchParser("small JSON frames only", frames, parserBytes);
        benchParser("1 KiB data frames only", data, parserBytes);
        benchParser("mixed (console + frames)", console + frames + data, parserBytes);
    }
    return 0;
}
