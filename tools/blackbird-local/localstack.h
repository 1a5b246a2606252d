// The whole local Blackbird stack in one object: state folder and PKI, the registration database,
// the HTTPS registration service, the Mosquitto broker child and the fleet-provisioning service.
// start() brings them up in that order and emits ready() once all of them accept connections,
// after writing endpoints.json, which is what the station, simulator and tests read.
#pragma once

#include "brokerprocess.h"
#include "database/databaseconfig.h"
#include "localpki.h"
#include "registrationserver.h"
#include "registrationservice.h"
#include "registrationstore.h"
#include "stackoptions.h"
#include "statefolder.h"

#include "crypto/secretbytes.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace Blackbird::Local {

class LocalStack : public QObject
{
    Q_OBJECT

public:
    explicit LocalStack(const StackOptions &options, QObject *parent = nullptr);
    ~LocalStack() override;

    // Asynchronous: emits ready() or failed() once.
    void start();
    // Stops the fleet-provisioning service, the broker and the HTTPS server; returns when done.
    void stop();

    const StackOptions &options() const { return m_options; }
    const StateFolder &stateFolder() const { return m_folder; }
    const LocalPki &pki() const { return m_pki; }
    // Where the tables are; other components open their own connections from it.
    const DatabaseConfig &databaseConfig() const { return m_databaseConfig; }
    // The stack's own connection (name connectionName()), usable from the main thread.
    QSqlDatabase database() const;
    static QString connectionName() { return QStringLiteral("blackbird-local"); }
    RegistrationStore *registrationStore() const { return m_store.get(); }

    quint16 httpsPort() const;
    quint16 mqttPort() const { return m_mqttPort; }
    qint64 brokerProcessId() const { return m_broker.processId(); }
    QString registrationUrl() const;

signals:
    void ready(const QString &endpointsFile);
    void failed(const QString &reason);
    // Something stopped working after ready() (the broker died, for example).
    void brokenDown(const QString &reason);

private:
    bool prepare(QString *error);
    bool openDatabase(QString *error);
    bool checkCertificateAuthority(QString *error);
    bool ensureDemoApiKey(QString *error);
    bool startHttps(QString *error);
    void startBroker();
    void onBrokerReady();
    void onBrokerFailed(const QString &reason, bool portInUse);
    bool writeEndpoints(QString *error);
    // Reads DIR/registration-faults when its content changed and arms its rules.
    void reloadRuntimeFaults();
    void fail(const QString &reason);

    StackOptions m_options;
    StateFolder m_folder;
    LocalPki m_pki;
    DatabaseConfig m_databaseConfig;
    std::unique_ptr<RegistrationStore> m_store;
    std::unique_ptr<RegistrationService> m_service;
    std::unique_ptr<RegistrationServer> m_server;
    BrokerProcess m_broker;
    QPointer<QObject> m_fleetService;
    SecretBytes m_demoApiKey;
    quint16 m_mqttPort = 0;
    int m_brokerAttempts = 0;
    bool m_finished = false;
    QTimer *m_faultFileTimer = nullptr;
    QByteArray m_faultFileContent;
};

} // namespace Blackbird::Local
