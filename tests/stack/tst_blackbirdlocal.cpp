// The blackbird-local program as a whole: its ready line and endpoints.json, state reused across
// restarts (the API key whitelist and registrations survive), --reset, command-line mistakes,
// clean shutdown of its broker child on SIGINT/SIGTERM and when it is killed, and two instances
// sharing one PostgreSQL database while registrations race between them.
#include "httpsclient.h"
#include "stackprocess.h"
#include "testpostgres.h"

#include "crypto/eckey.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <sys/stat.h>

using namespace Blackbird;

namespace {

QByteArray registrationBody(const QString &uuid, const QByteArray &publicKey,
                            const QString &deviceType = QStringLiteral("blackbird-sensor-v1"))
{
    return QJsonDocument(QJsonObject{{QStringLiteral("uuid"), uuid},
                                     {QStringLiteral("public_key"), QString::fromLatin1(publicKey)},
                                     {QStringLiteral("device_type"), deviceType}})
        .toJson(QJsonDocument::Compact);
}

QString uuidNumber(int n)
{
    return QStringLiteral("b1ac0000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

bool processExists(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == 0 || errno != ESRCH;
}

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

bool copyFolder(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    const QStringList files = QDir(from).entryList(QDir::Files);
    for (const QString &name : files) {
        if (!QFile::copy(from + QLatin1Char('/') + name, to + QLatin1Char('/') + name))
            return false;
    }
    return true;
}

} // namespace

class TestBlackbirdLocal : public QObject
{
    Q_OBJECT

private slots:
    void readyLineAndEndpoints();
    void restartReusesStateAndWhitelist();
    void resetStartsOver();
    void fixedPorts();
    void badArguments_data();
    void badArguments();
    void stopsBrokerOnSignal_data();
    void stopsBrokerOnSignal();
    void brokerDiesWhenStackIsKilled();
    void sharedPostgresRejectsForeignPki();
    void twoInstancesRaceOnOnePostgres();
};

void TestBlackbirdLocal::readyLineAndEndpoints()
{
    QTemporaryDir dir;
    const QString state = dir.filePath(QStringLiteral("state"));
    StackProcess stack(state);
    QString error;
    QVERIFY2(stack.start({}, &error), qPrintable(error));
    QCOMPARE(stack.readyLine(),
             QStringLiteral("blackbird-local ready: endpoints %1/endpoints.json").arg(state));

    const QJsonObject endpoints = stack.endpoints();
    const QString url = endpoints.value(QLatin1String("registration_url")).toString();
    QVERIFY2(url.startsWith(QLatin1String("https://127.0.0.1:")) &&
                 url.endsWith(QLatin1String("/v1/registrations")),
             qPrintable(url));
    QCOMPARE(endpoints.value(QLatin1String("mqtt_host")).toString(), QStringLiteral("127.0.0.1"));
    const int mqttPort = endpoints.value(QLatin1String("mqtt_port")).toInt();
    QVERIFY(mqttPort > 0 && mqttPort < 65536);
    QVERIFY(QUrl(url).port() != mqttPort);
    QCOMPARE(endpoints.value(QLatin1String("ca_file")).toString(),
             state + QStringLiteral("/pki/root-ca.pem"));
    QCOMPARE(endpoints.value(QLatin1String("operator_cert")).toString(),
             state + QStringLiteral("/pki/operator.pem"));
    QCOMPARE(endpoints.value(QLatin1String("operator_key")).toString(),
             state + QStringLiteral("/pki/operator.key"));
    QVERIFY(!endpoints.value(QLatin1String("template_name")).toString().isEmpty());
    const QJsonArray types = endpoints.value(QLatin1String("device_types")).toArray();
    QVERIFY(types.contains(QStringLiteral("blackbird-sensor-v1")));
    QVERIFY(types.contains(QStringLiteral("blackbird-gateway-v1")));
    QVERIFY(endpoints.value(QLatin1String("api_key")).toString().size() >= 40);

    // The file holds the demo API key: only its owner may read it.
    struct stat info = {};
    QCOMPARE(
        ::stat(QFile::encodeName(state + QStringLiteral("/endpoints.json")).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);

    // The CA file verifies the server certificate for both names the brief promises.
    const QList<QSslCertificate> root =
        QSslCertificate::fromPath(endpoints.value(QLatin1String("ca_file")).toString());
    QCOMPARE(root.size(), 1);
    QCOMPARE(stack.stop(), 0);
}

void TestBlackbirdLocal::restartReusesStateAndWhitelist()
{
    QTemporaryDir dir;
    StackProcess stack(dir.filePath(QStringLiteral("state")));
    QString error;
    QVERIFY2(stack.start({}, &error), qPrintable(error));
    const QJsonObject first = stack.endpoints();
    const QByteArray publicKey = EcKey::generate().publicBase64();
    HttpsClient client(first.value(QLatin1String("ca_file")).toString());
    const HttpsResult created =
        client.post(QUrl(first.value(QLatin1String("registration_url")).toString()),
                    registrationBody(uuidNumber(1), publicKey),
                    first.value(QLatin1String("api_key")).toString().toLatin1());
    QCOMPARE(created.status, 201);
    QFile rootFile(first.value(QLatin1String("ca_file")).toString());
    QVERIFY(rootFile.open(QIODevice::ReadOnly));
    const QByteArray rootBefore = rootFile.readAll();
    rootFile.close();
    QCOMPARE(stack.stop(), 0);

    QVERIFY2(stack.start({}, &error), qPrintable(error));
    const QJsonObject second = stack.endpoints();
    QCOMPARE(second.value(QLatin1String("api_key")), first.value(QLatin1String("api_key")));
    QVERIFY(rootFile.open(QIODevice::ReadOnly));
    QCOMPARE(rootFile.readAll(), rootBefore);

    HttpsClient again(second.value(QLatin1String("ca_file")).toString());
    const HttpsResult repeated =
        again.post(QUrl(second.value(QLatin1String("registration_url")).toString()),
                   registrationBody(uuidNumber(1), publicKey),
                   second.value(QLatin1String("api_key")).toString().toLatin1());
    QCOMPARE(repeated.status, 200);
    QCOMPARE(repeated.json.value(QLatin1String("certificate_id")),
             created.json.value(QLatin1String("certificate_id")));
    QCOMPARE(stack.stop(), 0);
}

void TestBlackbirdLocal::resetStartsOver()
{
    QTemporaryDir dir;
    StackProcess stack(dir.filePath(QStringLiteral("state")));
    QString error;
    QVERIFY2(stack.start({}, &error), qPrintable(error));
    const QJsonObject before = stack.endpoints();
    const QByteArray publicKey = EcKey::generate().publicBase64();
    QFile rootFile(before.value(QLatin1String("ca_file")).toString());
    QVERIFY(rootFile.open(QIODevice::ReadOnly));
    const QByteArray rootBefore = rootFile.readAll();
    HttpsClient client(before.value(QLatin1String("ca_file")).toString());
    QCOMPARE(client
                 .post(QUrl(before.value(QLatin1String("registration_url")).toString()),
                       registrationBody(uuidNumber(2), publicKey),
                       before.value(QLatin1String("api_key")).toString().toLatin1())
                 .status,
             201);
    QCOMPARE(stack.stop(), 0);

    QVERIFY2(stack.start({QStringLiteral("--reset")}, &error), qPrintable(error));
    const QJsonObject after = stack.endpoints();
    QVERIFY(after.value(QLatin1String("api_key")) != before.value(QLatin1String("api_key")));

    // A new root CA: the old one no longer verifies the server.
    QVERIFY(rootBefore.size() > 0);
    QFile oldRoot(dir.filePath(QStringLiteral("old-root.pem")));
    QVERIFY(oldRoot.open(QIODevice::WriteOnly));
    oldRoot.write(rootBefore);
    oldRoot.close();
    HttpsClient oldTrust(oldRoot.fileName());
    const QUrl url(after.value(QLatin1String("registration_url")).toString());
    QCOMPARE(oldTrust.post(url, "{}", "bbk_x").networkError,
             QNetworkReply::SslHandshakeFailedError);

    HttpsClient newTrust(after.value(QLatin1String("ca_file")).toString());
    QCOMPARE(newTrust
                 .post(url, registrationBody(uuidNumber(2), publicKey),
                       before.value(QLatin1String("api_key")).toString().toLatin1())
                 .status,
             401);
    // The device is unknown again: a different key is welcome.
    QCOMPARE(newTrust
                 .post(url, registrationBody(uuidNumber(2), EcKey::generate().publicBase64()),
                       after.value(QLatin1String("api_key")).toString().toLatin1())
                 .status,
             201);
    QCOMPARE(stack.stop(), 0);
}

void TestBlackbirdLocal::fixedPorts()
{
    QTemporaryDir dir;
    const quint16 https = freePort();
    quint16 mqtt = freePort();
    while (mqtt == https)
        mqtt = freePort();
    StackProcess stack(dir.filePath(QStringLiteral("state")));
    QString error;
    QVERIFY2(stack.start({QStringLiteral("--https-port"), QString::number(https),
                          QStringLiteral("--mqtt-port"), QString::number(mqtt)},
                         &error),
             qPrintable(error));
    const QJsonObject endpoints = stack.endpoints();
    QCOMPARE(QUrl(endpoints.value(QLatin1String("registration_url")).toString()).port(),
             int(https));
    QCOMPARE(endpoints.value(QLatin1String("mqtt_port")).toInt(), int(mqtt));

    // A second stack on the same fixed ports fails with a message instead of hanging.
    QTemporaryDir other;
    StackProcess clash(other.filePath(QStringLiteral("state")));
    QVERIFY(!clash.start({QStringLiteral("--https-port"), QString::number(https)}, &error));
    QVERIFY2(error.contains(QLatin1String("cannot listen for HTTPS")), qPrintable(error));

    // A taken MQTT port: the listener already there must not be mistaken for the broker.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    QTemporaryDir third;
    StackProcess taken(third.filePath(QStringLiteral("state")));
    QVERIFY(!taken.start({QStringLiteral("--mqtt-port"), QString::number(squatter.serverPort())},
                         &error));
    QVERIFY2(error.contains(QLatin1String("the MQTT broker did not start")) &&
                 error.contains(QLatin1String("Address already in use")),
             qPrintable(error));
    QCOMPARE(stack.stop(), 0);
}

void TestBlackbirdLocal::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    QTest::newRow("claim share 0")
        << QStringList{QStringLiteral("--claim-share"), QStringLiteral("0")}
        << "--claim-share must be";
    QTest::newRow("rate limit words")
        << QStringList{QStringLiteral("--rate-limit"), QStringLiteral("many")}
        << "--rate-limit must look like";
    QTest::newRow("port too big") << QStringList{QStringLiteral("--https-port"),
                                                 QStringLiteral("70000")}
                                  << "--https-port must be";
    QTest::newRow("same ports") << QStringList{QStringLiteral("--https-port"),
                                               QStringLiteral("4000"),
                                               QStringLiteral("--mqtt-port"),
                                               QStringLiteral("4000")}
                                << "must differ";
    QTest::newRow("password in conninfo")
        << QStringList{QStringLiteral("--database"),
                       QStringLiteral("host=127.0.0.1 dbname=x password=secret")}
        << "PGPASSWORD";
    QTest::newRow("conninfo without dbname")
        << QStringList{QStringLiteral("--database"), QStringLiteral("host=127.0.0.1")} << "dbname";
    QTest::newRow("unreachable database")
        << QStringList{QStringLiteral("--database"),
                       QStringLiteral("host=127.0.0.1 port=%1 dbname=x user=x "
                                      "connect_timeout=3")
                           .arg(freePort())}
        << "cannot open PostgreSQL database x";
}

void TestBlackbirdLocal::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);

    QTemporaryDir dir;
    StackProcess stack(dir.filePath(QStringLiteral("state")));
    QString error;
    QVERIFY(!stack.start(arguments, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY(stack.process().exitCode() != 0);
}

void TestBlackbirdLocal::stopsBrokerOnSignal_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << SIGTERM;
    QTest::newRow("SIGINT") << SIGINT;
}

void TestBlackbirdLocal::stopsBrokerOnSignal()
{
    QFETCH(int, signal);

    QTemporaryDir dir;
    StackProcess stack(dir.filePath(QStringLiteral("state")));
    QString error;
    QVERIFY2(stack.start({}, &error), qPrintable(error));
    const QList<qint64> children = stack.childPids();
    QCOMPARE(children.size(), 1);
    QVERIFY(processExists(children.constFirst()));

    QSignalSpy finished(&stack.process(), &QProcess::finished);
    QCOMPARE(::kill(pid_t(stack.process().processId()), signal), 0);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QCOMPARE(stack.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(stack.process().exitCode(), 0);
    QVERIFY(!processExists(children.constFirst()));
}

void TestBlackbirdLocal::brokerDiesWhenStackIsKilled()
{
    QTemporaryDir dir;
    StackProcess stack(dir.filePath(QStringLiteral("state")));
    QString error;
    QVERIFY2(stack.start({}, &error), qPrintable(error));
    const QList<qint64> children = stack.childPids();
    QCOMPARE(children.size(), 1);

    // No chance to clean up: the broker must still go, through its parent-death signal.
    stack.process().kill();
    QVERIFY(stack.process().waitForFinished(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!processExists(children.constFirst()), 10000);
}

void TestBlackbirdLocal::sharedPostgresRejectsForeignPki()
{
    if (!TestPostgres::isConfigured())
        QSKIP(qPrintable(TestPostgres::skipMessage()));
    TestPostgres postgres;
    QString error;
    QVERIFY2(postgres.create(&error), qPrintable(error));

    QTemporaryDir dir;
    StackProcess first(dir.filePath(QStringLiteral("a")));
    QVERIFY2(first.start({QStringLiteral("--database"), postgres.connectionString()}, &error),
             qPrintable(error));

    // Its own, different CA would hand out claim certificates nobody else trusts.
    StackProcess second(dir.filePath(QStringLiteral("b")));
    QVERIFY(!second.start({QStringLiteral("--database"), postgres.connectionString()}, &error));
    QVERIFY2(error.contains(QLatin1String("belongs to another claim CA")), qPrintable(error));
    QCOMPARE(first.stop(), 0);
}

void TestBlackbirdLocal::twoInstancesRaceOnOnePostgres()
{
    if (!TestPostgres::isConfigured())
        QSKIP(qPrintable(TestPostgres::skipMessage()));
    TestPostgres postgres;
    QString error;
    QVERIFY2(postgres.create(&error), qPrintable(error));

    constexpr int kShare = 3;
    const QStringList common{QStringLiteral("--database"),    postgres.connectionString(),
                             QStringLiteral("--claim-share"), QString::number(kShare),
                             QStringLiteral("--rate-limit"),  QStringLiteral("0/min")};
    QTemporaryDir dir;
    StackProcess a(dir.filePath(QStringLiteral("a")));
    QVERIFY2(a.start(common, &error), qPrintable(error));
    QVERIFY(
        copyFolder(dir.filePath(QStringLiteral("a/pki")), dir.filePath(QStringLiteral("b/pki"))));
    StackProcess b(dir.filePath(QStringLiteral("b")));
    QVERIFY2(b.start(common, &error), qPrintable(error));

    // Each uuid goes to both instances at once with the same key; one more uuid with two
    // different keys. Every request is in flight before the first answer is read.
    constexpr int kDevices = 30;
    QNetworkAccessManager manager;
    QList<QNetworkReply *> replies;
    QList<int> deviceOf;
    const auto send = [&](const StackProcess &stack, const QByteArray &body, int device) {
        const QJsonObject endpoints = stack.endpoints();
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(
            QSslCertificate::fromPath(endpoints.value(QLatin1String("ca_file")).toString()));
        tls.setProtocol(QSsl::TlsV1_2OrLater);
        QNetworkRequest request(
            QUrl(endpoints.value(QLatin1String("registration_url")).toString()));
        request.setSslConfiguration(tls);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("x-api-key",
                             endpoints.value(QLatin1String("api_key")).toString().toLatin1());
        replies << manager.post(request, body);
        deviceOf << device;
    };
    for (int i = 0; i < kDevices; ++i) {
        const QByteArray body =
            registrationBody(uuidNumber(1000 + i), EcKey::generate().publicBase64());
        send(a, body, i);
        send(b, body, i);
    }
    send(a, registrationBody(uuidNumber(5000), EcKey::generate().publicBase64()), kDevices);
    send(b, registrationBody(uuidNumber(5000), EcKey::generate().publicBase64()), kDevices);

    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(),
                                         [](QNetworkReply *r) { return r->isFinished(); }),
                             60000);

    QHash<int, QList<int>> statuses;
    QHash<int, QSet<QString>> certificates;
    for (qsizetype i = 0; i < replies.size(); ++i) {
        QNetworkReply *reply = replies.at(i);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        statuses[deviceOf.at(i)] << status;
        if (status == 200 || status == 201)
            certificates[deviceOf.at(i)] << json.value(QLatin1String("certificate_id")).toString();
        reply->deleteLater();
    }

    QHash<QString, int> perCertificate;
    for (int i = 0; i < kDevices; ++i) {
        QList<int> pair = statuses.value(i);
        std::sort(pair.begin(), pair.end());
        QCOMPARE(pair, (QList<int>{200, 201}));
        QCOMPARE(certificates.value(i).size(), 1);
        ++perCertificate[*certificates.value(i).cbegin()];
    }
    QList<int> contested = statuses.value(kDevices);
    std::sort(contested.begin(), contested.end());
    QCOMPARE(contested, (QList<int>{201, 409}));
    QCOMPARE(certificates.value(kDevices).size(), 1);
    ++perCertificate[*certificates.value(kDevices).cbegin()];

    // What the database holds agrees with what was handed out.
    const QString name = QStringLiteral("race-check");
    {
        QSqlDatabase db = postgres.config().open(name, &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM registrations")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), kDevices + 1);
        QVERIFY(query.exec(QStringLiteral("SELECT certificate_id, issued_count FROM "
                                          "claim_certificates")));
        int total = 0;
        while (query.next()) {
            const int issued = query.value(1).toInt();
            QVERIFY(issued >= 1 && issued <= kShare);
            total += issued;
            QCOMPARE(perCertificate.value(query.value(0).toString()), issued);
        }
        QCOMPARE(total, kDevices + 1);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);

    QCOMPARE(a.stop(), 0);
    QCOMPARE(b.stop(), 0);
}

QTEST_GUILESS_MAIN(TestBlackbirdLocal)
#include "tst_blackbirdlocal.moc"
