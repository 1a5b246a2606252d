// What the pipeline tests share: the real blackbird-local (registration service, CA, Mosquitto
// with fleet provisioning), the real blackbird-devsim (devices on pseudo-terminals), a broker
// monitor on the operator certificate, an audit store on SQLite in a temporary folder, and a
// station wired to all of them. Nothing is faked.
#pragma once

#include "audit/auditstore.h"
#include "devsimprocess.h"
#include "mqtt/brokermonitor.h"
#include "pipeline/provisioningstation.h"
#include "stackprocess.h"

#include <QList>
#include <QString>
#include <QTemporaryDir>

#include <memory>

class PipelineFixture
{
public:
    PipelineFixture();
    ~PipelineFixture();

    // Starts the stack (with extra arguments), COUNT simulated devices (extra devsim arguments
    // appended), the broker monitor (waits until it is connected) and opens the audit store.
    // error says what failed.
    bool start(int devices, const QStringList &devsimArguments, QString *error,
               const QStringList &stackArguments = {});

    // A station using the fixture's services, configured from endpoints.json plus config's
    // other fields, with the demo API key and the batch given. Not yet started.
    std::unique_ptr<Blackbird::ProvisioningStation>
    makeStation(Blackbird::StationConfig config, const QString &batchId, QString *error);

    // Waits until the station is idle (every started device finished), the event loop running.
    static bool waitIdle(Blackbird::ProvisioningStation &station, int timeoutMs);

    // The audit store's attempts of one batch, oldest first.
    QList<Blackbird::AuditAttempt> attempts(const QString &batchId);

    // Drains devsim's standard output (so that a control answer is read, not an old line).
    QByteArray drainDevsim();

    QString endpointsPath() const;
    QString apiKey() const;
    QString port(int index) const { return m_devsim->link(index); }
    QStringList ports(int from, int count) const;
    QString storage(int index) const { return m_devsim->storage(index); }
    QJsonObject readStorageJson(int index, const QString &file) const;

    StackProcess &stack() { return *m_stack; }
    DevsimProcess &devsim() { return *m_devsim; }
    Blackbird::BrokerMonitor &monitor() { return *m_monitor; }
    Blackbird::AuditStore &audit() { return *m_audit; }
    QString dir() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<StackProcess> m_stack;
    std::unique_ptr<DevsimProcess> m_devsim;
    std::unique_ptr<Blackbird::BrokerMonitor> m_monitor;
    std::unique_ptr<Blackbird::AuditStore> m_audit;
};

// "port: state at step: error", for the messages of failed checks.
QString describe(const Blackbird::DeviceSnapshot &snap);
