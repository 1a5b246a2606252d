// The station's client of Blackbird's registration service: POSTs {uuid, public_key,
// device_type} with the API key in x-api-key over verified TLS 1.2+, and turns the answer into
// claim credentials or a readable failure. Asynchronous on QNetworkAccessManager: nothing here
// ever blocks the thread it lives on (the GUI thread in the station).
#pragma once

#include "registrationconfig.h"
#include "registrationreply.h"
#include "registrationrequest.h"

#include "crypto/secretbytes.h"

#include <QObject>
#include <QSslConfiguration>

namespace Blackbird {

class RegistrationClient : public QObject
{
    Q_OBJECT

public:
    explicit RegistrationClient(QObject *parent = nullptr);
    ~RegistrationClient() override;

    // Checks and takes the endpoint: an https URL, and a readable CA file with at least one
    // certificate when one is named. On failure keeps nothing and says why.
    bool setConfig(const RegistrationConfig &config, QString *error);
    const RegistrationConfig &config() const { return m_config; }
    bool isConfigured() const { return m_configured; }

    // Starts registering one device. Always returns a reply; problems that stop the request
    // before it is sent (no configuration, no API key) arrive through its finished() like any
    // other failure. The API key is copied into wiped memory for the retries.
    RegistrationReply *registerDevice(const RegistrationRequest &request,
                                      const SecretBytes &apiKey);

    // The TLS settings every request uses: TLS 1.2 or newer, peer verified against the system
    // store plus the configured CA certificates.
    QSslConfiguration tlsConfiguration() const { return m_tls; }

private:
    RegistrationConfig m_config;
    QSslConfiguration m_tls;
    bool m_configured = false;
};

} // namespace Blackbird
