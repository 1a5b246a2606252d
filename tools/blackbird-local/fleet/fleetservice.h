// The local stack's fleet-provisioning service: AWS IoT's CreateKeysAndCertificate,
// CreateCertificateFromCsr and RegisterThing, answered over MQTT. It runs inside blackbird-local,
// connects to the stack's broker with the fleet-service certificate, and receives requests from
// the broker plugin on internal topics that carry the asking client's id and claim certificate
// id; its answers go back the same way, and the plugin hands each to the one connection that
// asked. Device certificates come from the device CA; RegisterThing checks the device against the
// registration service's records before it activates the certificate.
#pragma once

#include "certificateauthority.h"
#include "database/databaseconfig.h"
#include "fleetstore.h"
#include "provisioningrejection.h"

#include "mqtt/mqttclient.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

namespace Blackbird::Local {

class StateFolder;

struct FleetServiceConfig
{
    QString brokerHost = QStringLiteral("127.0.0.1");
    quint16 brokerPort = 0;
    QString clientId = QStringLiteral("blackbird-fleet-service");
    QByteArray brokerCaPem;           // verifies the broker's TLS certificate
    QByteArray serviceCertificatePem; // OU=service, signed by the root CA
    QString serviceKeyFile;           // read at start, wiped once the TLS context holds it
    CertificateAuthority deviceCa;    // signs the permanent device certificates
    DatabaseConfig database;
    QString activeCertificatesFile; // read by the broker plugin
    QString templateName;
    int tokenLifetimeSeconds = 3600;
    int certificateValidityDays = 3650;
};

class FleetService : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;

    explicit FleetService(FleetServiceConfig config, QObject *parent = nullptr);
    ~FleetService() override;

    // The file the plugin reads to know which device certificates are active.
    static QString activeCertificatesFile(const StateFolder &folder);

    // Tests move time forward to expire ownership tokens.
    void setClock(Clock clock);

    // Opens the database, creates the tables, rewrites the active-certificates file and starts
    // connecting to the broker; ready() follows once requests can arrive.
    bool start(QString *error);
    void stop();
    bool isReady() const { return m_ready; }

signals:
    void ready();
    // One per answered request; errorCode is empty when it was accepted.
    void requestHandled(const QString &operation, const QString &clientId,
                        const QString &errorCode);

private:
    struct Request
    {
        QString clientId;
        QString claimCertificateId;
        QString topic; // the AWS request topic
        QString operation;
        QByteArray payload;
        bool cbor = false; // the topic's payload format: replies use the same
    };
    struct IssuedCertificate
    {
        QString certificateId;
        QByteArray certificatePem;
        QString token;
    };

    void onMessage(const QString &topic, const QByteArray &payload);
    void createKeysAndCertificate(const Request &request);
    void createCertificateFromCsr(const Request &request);
    void registerThing(const Request &request, const QString &templateName);
    std::optional<IssuedCertificate> issueCertificate(const Request &request, const EcKey &key,
                                                      QString *error);
    static QByteArray encode(const Request &request, const QJsonObject &object);
    void accept(const Request &request, const QJsonObject &reply, QJsonObject event);
    void reject(const Request &request, const ProvisioningRejection &rejection,
                QJsonObject event = {});
    bool writeActiveCertificates(QString *error);
    void publishThingEvent(const ThingRecord &thing, bool created);
    void publish(const QString &topic, const QByteArray &payload);
    QString now() const;

    FleetServiceConfig m_config;
    Clock m_clock;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<FleetStore> m_store;
    MqttClient m_mqtt;
    bool m_ready = false;
};

} // namespace Blackbird::Local
