#include "localstack.h"

#include "fleethooks.h"
#include "localfiles.h"

#include "crypto/sha256.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QTcpServer>
#include <QTimer>

#include <pwd.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcLocalStack, "blackbird.local.stack", QtInfoMsg)

namespace Blackbird::Local {

namespace {

constexpr int kMaxBrokerAttempts = 5;
constexpr int kFaultFilePollMs = 300;
const QString kClaimCaSetting = QStringLiteral("claim_ca_certificate_id");

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return bytes;
}

// A free TCP port on loopback right now. Another process may take it before the broker binds
// it; the broker start is then retried with a new port.
quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// Mosquitto started as root switches to the user named in its configuration (default
// "mosquitto"), who cannot read keys in a private state folder. Naming the current user keeps
// the broker's identity; for an unprivileged user the option has no effect.
QString currentUserName()
{
    const passwd *entry = ::getpwuid(::geteuid());
    return entry ? QString::fromLocal8Bit(entry->pw_name) : QString();
}

} // namespace

LocalStack::LocalStack(const StackOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_folder(options.stateDir)
    , m_pki(m_folder)
{
    connect(&m_broker, &BrokerProcess::ready, this, &LocalStack::onBrokerReady);
    connect(&m_broker, &BrokerProcess::failed, this, &LocalStack::onBrokerFailed);
    connect(&m_broker, &BrokerProcess::exitedUnexpectedly, this, &LocalStack::brokenDown);
}

LocalStack::~LocalStack()
{
    stop();
    m_service.reset();
    m_store.reset();
    if (QSqlDatabase::contains(connectionName())) {
        QSqlDatabase::database(connectionName(), false).close();
        QSqlDatabase::removeDatabase(connectionName());
    }
}

QSqlDatabase LocalStack::database() const
{
    return QSqlDatabase::database(connectionName(), false);
}

quint16 LocalStack::httpsPort() const
{
    return m_server ? m_server->port() : 0;
}

QString LocalStack::registrationUrl() const
{
    return QStringLiteral("https://127.0.0.1:%1/v1/registrations").arg(httpsPort());
}

void LocalStack::start()
{
    QString error;
    if (!prepare(&error)) {
        QTimer::singleShot(0, this, [this, error] { fail(error); });
        return;
    }
    startBroker();
}

void LocalStack::stop()
{
    if (m_faultFileTimer)
        m_faultFileTimer->stop();
    delete m_fleetService;
    m_broker.stop();
    if (m_server) {
        for (QTcpServer *server : m_server->servers())
            server->close();
    }
}

bool LocalStack::prepare(QString *error)
{
    if (!m_folder.create(error))
        return false;
    if (m_options.reset) {
        qCInfo(lcLocalStack) << "--reset: removing the previous state in" << m_folder.root();
        if (!m_folder.clear(error))
            return false;
    }

    const bool newPki = !m_pki.exists();
    if (!m_pki.ensure(error))
        return false;
    if (newPki)
        qCInfo(lcLocalStack) << "created certificate authorities in" << m_folder.pkiDir();

    return openDatabase(error) && checkCertificateAuthority(error) && ensureDemoApiKey(error) &&
           startHttps(error);
}

bool LocalStack::openDatabase(QString *error)
{
    if (m_options.databaseConnection.isEmpty()) {
        m_databaseConfig = DatabaseConfig::sqlite(m_folder.sqliteDatabase());
    } else {
        const auto config =
            DatabaseConfig::fromConnectionString(m_options.databaseConnection, error);
        if (!config) {
            *error = QStringLiteral("--database: %1").arg(*error);
            return false;
        }
        m_databaseConfig = *config;
    }

    QSqlDatabase db = m_databaseConfig.open(connectionName(), error);
    if (!db.isOpen())
        return false;

    m_store = std::make_unique<RegistrationStore>(db);
    if (!m_store->migrate(error)) {
        *error = QStringLiteral("cannot prepare the tables in %1: %2")
                     .arg(m_databaseConfig.describe(), *error);
        return false;
    }

    // A shared PostgreSQL database outlives one state folder; --reset empties it as well.
    if (m_options.reset && m_databaseConfig.isPostgres() && !m_store->clear(error))
        return false;

    qCInfo(lcLocalStack).noquote() << "registrations are kept in" << m_databaseConfig.describe();
    return true;
}

bool LocalStack::checkCertificateAuthority(QString *error)
{
    // The claim certificates in the database were signed by one claim CA; a stack with another
    // CA would hand out credentials its own broker rejects.
    const QString ours = m_pki.claimCa().certificate().sha256Hex();
    const QString recorded = m_store->setting(kClaimCaSetting);
    if (recorded.isEmpty())
        return m_store->setSetting(kClaimCaSetting, ours, error);
    if (recorded == ours)
        return true;

    *error = QStringLiteral("%1 belongs to another claim CA (certificate id %2, this stack has "
                            "%3). Stacks sharing a database must share the PKI: copy the pki "
                            "folder of the first stack into %4, or start with --reset to empty "
                            "the database.")
                 .arg(m_databaseConfig.describe(), recorded, ours, m_folder.root());
    return false;
}

bool LocalStack::ensureDemoApiKey(QString *error)
{
    // The demo key lives in endpoints.json (mode 0600) and as a hash in the database; a new key
    // is made only when the previous one is gone from either place.
    const QJsonObject previous =
        QJsonDocument::fromJson(LocalFiles::read(m_folder.endpointsFile(), nullptr)).object();
    QByteArray candidate = previous.value(QLatin1String("api_key")).toString().toLatin1();
    if (!candidate.isEmpty()) {
        QString lookupError;
        if (m_store->findApiKey(sha256Hex(candidate), &lookupError)) {
            m_demoApiKey = SecretBytes(candidate);
            return true;
        }
        SecretBytes::wipe(candidate);
        if (!lookupError.isEmpty()) {
            *error = lookupError;
            return false;
        }
    }

    QByteArray key =
        QByteArrayLiteral("bbk_") +
        randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    ApiKeyRecord record;
    record.id = QStringLiteral("demo-") + QString::fromLatin1(randomBytes(4).toHex());
    record.deviceTypes = m_options.demoDeviceTypes;
    if (!m_store->addApiKey(record, sha256Hex(key), error))
        return false;

    m_demoApiKey = SecretBytes(key);
    qCInfo(lcLocalStack).noquote() << "created demo API key" << record.id << "for"
                                   << record.deviceTypes.join(QStringLiteral(", "));
    return true;
}

bool LocalStack::startHttps(QString *error)
{
    const QSslConfiguration tls = RegistrationServer::tlsConfiguration(m_folder.serverCertificate(),
                                                                       m_folder.serverKey(), error);
    if (tls.isNull())
        return false;

    m_service = std::make_unique<RegistrationService>(
        m_store.get(), &m_pki.claimCa(), m_options.claimShare, m_options.rateLimitPerMinute);
    m_server = std::make_unique<RegistrationServer>(m_service.get());
    if (!m_options.registrationFaults.isEmpty()) {
        m_server->setFaultPlan(RegistrationFaultPlan(m_options.registrationFaults));
        for (const RegistrationFault &fault : std::as_const(m_options.registrationFaults))
            qCWarning(lcLocalStack).noquote() << "registration fault armed:" << fault.spec;
    }

    // A field engineer changes faults while the stack runs by editing this file; polling keeps
    // it simple and also notices a file that is created, replaced or removed.
    reloadRuntimeFaults();
    m_faultFileTimer = new QTimer(this);
    connect(m_faultFileTimer, &QTimer::timeout, this, &LocalStack::reloadRuntimeFaults);
    m_faultFileTimer->start(kFaultFilePollMs);
    return m_server->start(QHostAddress::LocalHost, m_options.httpsPort, tls, error);
}

void LocalStack::startBroker()
{
    ++m_brokerAttempts;
    m_mqttPort = m_options.mqttPort ? m_options.mqttPort : freeLoopbackPort();
    if (m_mqttPort == 0) {
        fail(QStringLiteral("no free loopback port for the broker"));
        return;
    }

    MosquittoConfig config;
    config.port = m_mqttPort;
    config.clientsCaFile = m_folder.brokerClientsCa();
    config.certificateFile = m_folder.serverCertificate();
    config.keyFile = m_folder.serverKey();
    config.runAsUser = currentUserName();
    config.pluginPath = FleetHooks::pluginPath();
    if (!config.pluginPath.isEmpty())
        FleetHooks::addPluginOptions(*this, config);
    m_broker.start(config, m_folder.mosquittoConfig());
}

void LocalStack::onBrokerFailed(const QString &reason, bool portInUse)
{
    if (portInUse && m_options.mqttPort == 0 && m_brokerAttempts < kMaxBrokerAttempts) {
        qCInfo(lcLocalStack) << "port" << m_mqttPort << "was taken meanwhile; trying another";
        startBroker();
        return;
    }
    fail(QStringLiteral("the MQTT broker did not start: %1").arg(reason));
}

void LocalStack::onBrokerReady()
{
    QString error;
    QObject *service = FleetHooks::startService(*this, &error);
    if (!error.isEmpty()) {
        fail(QStringLiteral("the fleet-provisioning service did not start: %1").arg(error));
        return;
    }
    if (service) {
        service->setParent(this);
        m_fleetService = service;
    }

    if (!writeEndpoints(&error)) {
        fail(error);
        return;
    }
    m_finished = true;
    emit ready(m_folder.endpointsFile());
}

bool LocalStack::writeEndpoints(QString *error)
{
    QJsonObject endpoints{
        {QStringLiteral("registration_url"), registrationUrl()},
        {QStringLiteral("health_url"),
         QStringLiteral("https://127.0.0.1:%1/v1/health").arg(httpsPort())},
        {QStringLiteral("api_key"), QString::fromLatin1(m_demoApiKey.view())},
        {QStringLiteral("mqtt_host"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("mqtt_port"), int(m_mqttPort)},
        {QStringLiteral("ca_file"), m_folder.rootCaCertificate()},
        {QStringLiteral("template_name"), m_options.templateName},
        {QStringLiteral("device_types"), QJsonArray::fromStringList(m_options.demoDeviceTypes)},
        {QStringLiteral("operator_cert"), m_folder.operatorCertificate()},
        {QStringLiteral("operator_key"), m_folder.operatorKey()},
        {QStringLiteral("claim_share"), m_options.claimShare},
        {QStringLiteral("database"), m_databaseConfig.describe()},
        {QStringLiteral("state_dir"), m_folder.root()},
    };
    const SecretBytes text(QJsonDocument(endpoints).toJson(QJsonDocument::Indented));
    return LocalFiles::writeSecret(m_folder.endpointsFile(), text, error);
}

void LocalStack::reloadRuntimeFaults()
{
    const QString path = m_folder.root() + QStringLiteral("/registration-faults");
    QFile file(path);
    const QByteArray content = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    if (content == m_faultFileContent || !m_server)
        return;
    m_faultFileContent = content;

    QList<RegistrationFault> faults;
    const QList<QByteArray> lines = content.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines.at(i)).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        QString error;
        const auto fault = RegistrationFault::parse(line, &error);
        if (!fault) {
            qCWarning(lcLocalStack).noquote()
                << QStringLiteral("%1 line %2: %3; the previous faults stay armed")
                       .arg(path)
                       .arg(i + 1)
                       .arg(error);
            return;
        }
        faults.append(*fault);
    }

    m_server->setRuntimeFaultPlan(RegistrationFaultPlan(faults));
    if (faults.isEmpty()) {
        qCWarning(lcLocalStack).noquote() << "no registration faults from" << path;
        return;
    }
    for (const RegistrationFault &fault : std::as_const(faults))
        qCWarning(lcLocalStack).noquote()
            << "registration fault armed from" << path << ":" << fault.spec;
}

void LocalStack::fail(const QString &reason)
{
    if (m_finished)
        return;
    m_finished = true;
    stop();
    emit failed(reason);
}

} // namespace Blackbird::Local
