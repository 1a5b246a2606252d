// The HTTPS front of the registration service: Qt HttpServer on loopback with TLS 1.2 or newer,
// handing every request to RegistrationService and writing its JSON answer back.
#pragma once

#include "registrationfaults.h"
#include "registrationservice.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QSslConfiguration>

namespace Blackbird::Local {

class RegistrationServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    // The service must outlive the server.
    explicit RegistrationServer(RegistrationService *service, QObject *parent = nullptr);

    // Listens on address:port (0 = a free port) with the given server certificate chain and key.
    bool start(const QHostAddress &address, quint16 port, const QSslConfiguration &tls,
               QString *error);
    quint16 port() const { return m_port; }

    // Faults to inject into POST /v1/registrations (see registrationfaults.h): the ones given at
    // start, and the ones that may change while the stack runs, which are tried first.
    void setFaultPlan(const RegistrationFaultPlan &plan) { m_faults = plan; }
    void setRuntimeFaultPlan(const RegistrationFaultPlan &plan) { m_runtimeFaults = plan; }

    // TLS settings for a server certificate and key read from PEM files.
    static QSslConfiguration tlsConfiguration(const QString &certificateFile,
                                              const QString &keyFile, QString *error);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    // Answers one registration request under an injected fault.
    void answerWithFault(const RegistrationFault &fault, const HttpRequest &call,
                         QTcpSocket *socket);

    RegistrationService *m_service;
    RegistrationFaultPlan m_faults;
    RegistrationFaultPlan m_runtimeFaults;
    quint16 m_port = 0;
};

} // namespace Blackbird::Local
