// RegistrationService without HTTP: the answers when the database goes away (503, never a
// registration half stored), the health check, and Retry-After following the injected clock.
#include "certificateauthority.h"
#include "registrationservice.h"
#include "registrationstore.h"

#include "crypto/eckey.h"
#include "crypto/sha256.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Blackbird;
using namespace Blackbird::Local;

namespace {

const QByteArray kApiKey = "bbk_service-test-key";

HttpRequest registration(const QString &uuid)
{
    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/v1/registrations");
    request.headers = {{"Content-Type", "application/json; charset=utf-8"}, {"X-Api-Key", kApiKey}};
    request.body =
        QJsonDocument(QJsonObject{{QStringLiteral("uuid"), uuid},
                                  {QStringLiteral("public_key"),
                                   QString::fromLatin1(EcKey::generate().publicBase64())},
                                  {QStringLiteral("device_type"), QStringLiteral("t-v1")}})
            .toJson();
    return request;
}

QJsonObject json(const HttpReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

} // namespace

class TestRegistrationService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void headerNamesIgnoreCase();
    void health();
    void databaseGoneIs503();
    void retryAfterFollowsClock();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RegistrationStore> m_store;
    CertificateAuthority m_ca;
    qint64 m_now = 0;
};

void TestRegistrationService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("svc"));
    db.setDatabaseName(m_dir->filePath(QStringLiteral("db.sqlite")));
    QVERIFY(db.open());
    m_store = std::make_unique<RegistrationStore>(db);
    QString error;
    QVERIFY2(m_store->migrate(&error), qPrintable(error));
    QVERIFY(m_store->addApiKey({QStringLiteral("k"), {QStringLiteral("t-v1")}}, sha256Hex(kApiKey),
                               &error));
    m_ca = CertificateAuthority::createRoot(QStringLiteral("Test Claim CA"), 30, &error);
    QVERIFY2(!m_ca.isNull(), qPrintable(error));
    m_now = 0;
}

void TestRegistrationService::cleanup()
{
    m_store.reset();
    QSqlDatabase::database(QStringLiteral("svc"), false).close();
    QSqlDatabase::removeDatabase(QStringLiteral("svc"));
    m_dir.reset();
}

void TestRegistrationService::headerNamesIgnoreCase()
{
    RegistrationService service(m_store.get(), &m_ca, 1, 0);
    const HttpReply reply =
        service.handle(registration(QStringLiteral("aaaaaaaa-0000-4000-8000-000000000001")));
    QCOMPARE(reply.status, 201);
    QCOMPARE(json(reply).value(QLatin1String("certificate_id")).toString().size(), 64);
}

void TestRegistrationService::health()
{
    RegistrationService service(m_store.get(), &m_ca, 1, 0);
    HttpRequest request;
    request.method = "GET";
    request.path = QStringLiteral("/v1/health");
    QCOMPARE(service.handle(request).status, 200);

    QSqlDatabase::database(QStringLiteral("svc"), false).close();
    const HttpReply down = service.handle(request);
    QCOMPARE(down.status, 503);
    QCOMPARE(json(down).value(QLatin1String("error")).toString(),
             QStringLiteral("database_unavailable"));
}

void TestRegistrationService::databaseGoneIs503()
{
    RegistrationService service(m_store.get(), &m_ca, 1, 0);
    QSqlDatabase::database(QStringLiteral("svc"), false).close();

    const HttpReply reply =
        service.handle(registration(QStringLiteral("aaaaaaaa-0000-4000-8000-000000000002")));
    QCOMPARE(reply.status, 503);
    QCOMPARE(json(reply).value(QLatin1String("error")).toString(),
             QStringLiteral("database_unavailable"));
    QVERIFY(!json(reply).contains(QLatin1String("private_key")));

    // Back again, the same request succeeds: nothing was half stored.
    QVERIFY(QSqlDatabase::database(QStringLiteral("svc"), false).open());
    QCOMPARE(
        service.handle(registration(QStringLiteral("aaaaaaaa-0000-4000-8000-000000000002"))).status,
        201);
}

void TestRegistrationService::retryAfterFollowsClock()
{
    RegistrationService service(m_store.get(), &m_ca, 1, 2, [this] { return m_now; });
    QCOMPARE(
        service.handle(registration(QStringLiteral("aaaaaaaa-0000-4000-8000-000000000003"))).status,
        201);
    QCOMPARE(
        service.handle(registration(QStringLiteral("aaaaaaaa-0000-4000-8000-000000000004"))).status,
        201);

    const HttpReply limited =
        service.handle(registration(QStringLiteral("aaaaaaaa-0000-4000-8000-000000000005")));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.headers.size(), 1);
    QCOMPARE(limited.headers.constFirst().first, QByteArray("Retry-After"));
    QCOMPARE(limited.headers.constFirst().second, QByteArray("30"));

    m_now += 29000;
    QCOMPARE(service.handle(registration(QStringLiteral("aaaaaaaa-0000-4000-8000-000000000005")))
                 .headers.constFirst()
                 .second,
             QByteArray("1"));
    m_now += 1000;
    QCOMPARE(
        service.handle(registration(QStringLiteral("aaaaaaaa-0000-4000-8000-000000000005"))).status,
        201);
}

QTEST_GUILESS_MAIN(TestRegistrationService)
#include "tst_registrationservice.moc"
