// The broker side of Blackbird's fleet provisioning: admits clients by certificate, enforces the
// topic rules, routes provisioning requests to the fleet-provisioning service and its replies
// back to the one connection that asked, and publishes AWS-style presence events. One instance
// lives inside Mosquitto for the plugin's lifetime; Mosquitto calls it from its single thread.
#pragma once

#include "activecertificates.h"
#include "certificateclassifier.h"

#include <deque>
#include <map>
#include <string>

struct mosquitto;

namespace Blackbird::Local::FleetPlugin {

class FleetBroker
{
public:
    struct Options
    {
        std::string claimCaPath;
        std::string deviceCaPath;
        std::string rootCaPath;
        std::string activeCertificatesPath;
        // How long a request waits for the fleet service (starting, or reconnecting) before
        // the plugin answers ServiceUnavailable itself.
        int serviceWaitSeconds = 5;
    };

    bool configure(const Options &options, std::string *error);

    // Each returns a MOSQ_ERR_* code for the broker.
    int onBasicAuth(mosquitto *client);
    int onAclCheck(mosquitto *client, int access, const char *topic, int qos);
    int onMessage(mosquitto *client, const char *topic, const void *payload, uint32_t length,
                  bool *retain);
    void onDisconnect(mosquitto *client, int reason);
    void onTick(long long nowSeconds);

private:
    struct Client
    {
        std::string clientId;
        ClientIdentity identity;
        std::string sessionIdentifier;
        long long versionNumber = 0;
        std::string address;
    };

    Client *findClient(mosquitto *client);
    const Client *findConnected(const std::string &clientId,
                                const std::string &certificateId) const;
    struct PendingRequest
    {
        RoutedTopic routed;
        std::string payload;
        long long queuedAt = 0;
    };

    int routeRequest(const Client &client, const std::string &topic, const void *payload,
                     uint32_t length);
    // Hands waiting requests to the service once it listens.
    void forwardPending();
    void deliverReply(const std::string &topic, const void *payload, uint32_t length);
    void applyCertificateStatus(const std::string &topic, const void *payload, uint32_t length);
    // True when a fleet-service connection is subscribed to the internal request topic.
    bool serviceListening(const std::string &requestTopic) const;
    // The QoS the client subscribed with to a filter matching topic, or -1 when it did not.
    int subscribedQos(const std::string &clientId, const std::string &topic) const;
    void rejectDirectly(const Client &client, const std::string &requestTopic, int statusCode,
                        const char *errorCode, const char *errorMessage);
    void publishPresence(const Client &client, bool connected, int reason);

    CertificateClassifier m_classifier;
    ActiveCertificates m_active;
    std::map<mosquitto *, Client> m_clients;
    // Subscriptions by client id: a client's filter and granted QoS. Replies are delivered
    // only where AWS would deliver them: to a connection subscribed to the reply topic.
    std::map<std::string, std::map<std::string, int>> m_subscriptions;
    std::map<std::string, long long> m_versions;
    std::deque<PendingRequest> m_pending;
    int m_serviceWaitSeconds = 5;
};

} // namespace Blackbird::Local::FleetPlugin
