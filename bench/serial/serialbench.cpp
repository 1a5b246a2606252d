// Prints (a) the claim-credential transfer's share of the line rate against the real device
// simulator on a pseudo-terminal, measured as bundle bytes / (baud / 10) / elapsed, with elapsed
// from TRANSFER_BEGIN sent to TRANSFER_COMMIT acknowledged (docs/serial-protocol.md section 16),
// the data phase's share alone and where the time went (begin / data / commit), and (b) the
// frame parser's throughput in MB/s. Not a test: it reports figures, it does not judge them.
//
//   blackbird-serial-bench [--baud 115200] [--size 4096 | --realistic] [--runs 5]
//                          [--max-payload 1024] [--window 8] [--devsim PATH] [--parser-mib 64]
//
// --realistic sends a bundle as the registration service issues it (certificate, key, CA,
// JSON fields, about 2.3 KB) instead of one padded to --size.
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
#include <openssl/x509v3.h>

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

void addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    if (X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value)) {
        X509_add_ext(cert, extension, -1);
        X509_EXTENSION_free(extension);
    }
}

// A certificate signed by a CA with the extensions a real issuer adds (as blackbird-local's
// CA does): a claim certificate, or with ca set an intermediate of the broker's chain.
Certificate issuedCertificate(const EcKey &key, const EcKey &caKey, const Certificate &ca,
                              bool isCa = false)
{
    X509 *cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert), 0x7f3a91c4d2e8b605ULL);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key.handle());
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(
        name, "CN", MBSTRING_UTF8,
        reinterpret_cast<const unsigned char *>("blackbird-claim-6f1c2d3e-4b5a-4c6d-8e7f"), -1, -1,
        0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>("Blackbird"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "OU", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>("Factory provisioning"), -1,
                               -1, 0);
    X509_set_issuer_name(cert, X509_get_subject_name(ca.handle()));
    addExtension(cert, cert, NID_subject_key_identifier, "hash");
    addExtension(cert, ca.handle(), NID_authority_key_identifier, "keyid:always");
    if (isCa) {
        addExtension(cert, ca.handle(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
        addExtension(cert, ca.handle(), NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        addExtension(cert, ca.handle(), NID_basic_constraints, "critical,CA:FALSE");
        addExtension(cert, ca.handle(), NID_key_usage, "critical,digitalSignature");
        addExtension(cert, ca.handle(), NID_ext_key_usage, "clientAuth");
    }
    X509_sign(cert, caKey.handle(), EVP_sha256());
    return Certificate::adopt(cert);
}

// A bundle with the fields and sizes of a real one: claim certificate issued by a CA, its
// P-256 key, the CA chain, broker and template (section 14 of the protocol).
QByteArray makeRealisticBundle(const QString &uuid)
{
    const EcKey caKey = EcKey::generate();
    const Certificate ca = selfSignedCertificate(caKey);
    // The broker's chain the device verifies the server with: a root and an intermediate.
    const EcKey brokerKey = EcKey::generate();
    const Certificate brokerCa = issuedCertificate(brokerKey, caKey, ca, true);
    const EcKey key = EcKey::generate();
    const Certificate certificate = issuedCertificate(key, caKey, ca);
    const QJsonObject object{
        {"format", 1},
        {"uuid", uuid},
        {"certificate_id", certificate.sha256Hex()},
        {"certificate_pem", QString::fromLatin1(certificate.toPem())},
        {"private_key_pem", QString::fromLatin1(key.privatePem().view())},
        {"mqtt_host", "iot.blackbird.example.com"},
        {"mqtt_port", 8883},
        {"ca_pem", QString::fromLatin1(brokerCa.toPem() + ca.toPem())},
        {"template_name", "blackbird-fleet-provisioning"},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
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

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

int benchTransfer(const QString &devsim, int baud, int size, bool realistic, int runs,
                  int maxPayload, int window)
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

    const QString uuid = session.deviceInfo().uuid;
    if (realistic)
        size = int(makeRealisticBundle(uuid).size());
    const double lineBytesPerSecond = baud / 10.0;
    std::printf("transfer: %d-byte %s bundle at %d baud, device max_payload %d, window %d\n", size,
                realistic ? "realistic" : "padded", baud, session.deviceInfo().maxPayload,
                session.deviceInfo().window);
    std::printf("  ideal time at line rate: %.1f ms\n", size / lineBytesPerSecond * 1000.0);
    std::printf("  share = bundle bytes / (baud / 10) / time; whole exchange: TRANSFER_BEGIN "
                "written -> COMMIT reply\n");
    QList<double> shares;
    QList<double> dataShares;
    QList<double> begins;
    QList<double> datas;
    QList<double> commits;
    QList<double> walls;
    for (int run = 1; run <= runs; ++run) {
        const QByteArray bundle = realistic ? makeRealisticBundle(uuid) : makeBundle(uuid, size);
        size = int(bundle.size());

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

        const DeviceReply::TransferTiming timing = reply->transferTiming();
        const double idealMs = size / lineBytesPerSecond * 1000.0;
        const double share = idealMs / timing.totalMs * 100.0;
        const double dataShare = idealMs / timing.dataMs * 100.0;
        shares.append(share);
        dataShares.append(dataShare);
        begins.append(timing.beginMs);
        datas.append(timing.dataMs);
        commits.append(timing.commitMs);
        walls.append(elapsed * 1000.0);
        std::printf("  run %d: %.1f ms exchange (%.1f ms from the call), %.1f %% of line rate; "
                    "data phase %.1f %%; begin %.1f / data %.1f / commit %.1f ms; %lld bytes "
                    "sent, %d frames, %d retries\n",
                    run, timing.totalMs, elapsed * 1000.0, share, dataShare, timing.beginMs,
                    timing.dataMs, timing.commitMs, timing.bytesSent, reply->framesSent(),
                    reply->retries());
        reply->deleteLater();
    }
    std::sort(shares.begin(), shares.end());
    std::printf("  median share of line rate, whole exchange: %.1f %% (worst %.1f %%, best "
                "%.1f %%)\n",
                shares[shares.size() / 2], shares.first(), shares.last());
    std::printf("  median share of line rate, data phase:     %.1f %%\n", median(dataShares));
    std::printf("  median split: begin %.1f ms (overlaps the data), data %.1f ms, commit "
                "%.1f ms after the last acknowledgement; %.1f ms from the call\n",
                median(begins), median(datas), median(commits), median(walls));

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
    const QCommandLineOption realistic("realistic",
                                       "Send a realistic bundle (certificate, key, CA chain, "
                                       "JSON; about 2.3 KB) instead of --size.");
    const QCommandLineOption runs("runs", "Transfers to time.", "N", "5");
    const QCommandLineOption maxPayload("max-payload", "Simulator's max_payload.", "BYTES", "1024");
    const QCommandLineOption window("window", "Simulator's window.", "FRAMES", "8");
    const QCommandLineOption devsim("devsim", "Path of blackbird-devsim.", "PATH", DEVSIM_BIN);
    const QCommandLineOption parserMib("parser-mib", "MiB per parser run; 0 skips it.", "MIB",
                                       "64");
    const QCommandLineOption noTransfer("no-transfer", "Skip the transfer benchmark.");
    options.addOptions(
        {baud, size, realistic, runs, maxPayload, window, devsim, parserMib, noTransfer});
    options.process(app);

    if (!options.isSet(noTransfer)) {
        const int status = benchTransfer(
            options.value(devsim), options.value(baud).toInt(), options.value(size).toInt(),
            options.isSet(realistic), qMax(1, options.value(runs).toInt()),
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
