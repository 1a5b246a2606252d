// Fleet provisioning inside Mosquitto: admission, topic rules, request routing and presence.
#include "fleetbroker.h"

#include <mosquitto.h>
#include <mosquitto_broker.h>
#include <mosquitto_plugin.h>

#include <openssl/rand.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <vector>

namespace Blackbird::Local::FleetPlugin {

namespace {

constexpr const char *kLogPrefix = "blackbird-fleet";

std::string jsonString(std::string_view text)
{
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                out += escaped;
            } else {
                out.push_back(static_cast<char>(c));
            }
        }
    }
    return out + '"';
}

long long nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string randomUuid()
{
    unsigned char bytes[16] = {};
    RAND_bytes(bytes, sizeof bytes);
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
    const std::string hex = hexEncode(std::string_view(reinterpret_cast<char *>(bytes), 16));
    return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' +
           hex.substr(16, 4) + '-' + hex.substr(20);
}

// AWS's disconnectReason values for the broker's reasons. Mosquitto 2.0.11 passes -1 for every
// disconnection (a clean DISCONNECT, a lost socket and a kick alike), so the plugin cannot tell
// them apart and reports UNKNOWN rather than guess; later brokers pass the real reason.
const char *disconnectReason(int reason)
{
    switch (reason) {
    case -1:
        return "UNKNOWN";
    case MOSQ_ERR_SUCCESS:
        return "CLIENT_INITIATED_DISCONNECT";
    case MOSQ_ERR_KEEPALIVE:
        return "MQTT_KEEP_ALIVE_TIMEOUT";
    case MOSQ_ERR_AUTH:
    case MOSQ_ERR_ACL_DENIED:
        return "AUTH_ERROR";
    case MOSQ_ERR_PROTOCOL:
    case MOSQ_ERR_MALFORMED_PACKET:
    case MOSQ_ERR_MALFORMED_UTF8:
    case MOSQ_ERR_OVERSIZE_PACKET:
    case MOSQ_ERR_PAYLOAD_SIZE:
        return "CLIENT_ERROR";
    case MOSQ_ERR_ADMINISTRATIVE_ACTION:
        return "SERVER_INITIATED_DISCONNECT";
    default:
        return "CONNECTION_LOST";
    }
}

Access accessFrom(int access)
{
    switch (access) {
    case MOSQ_ACL_WRITE:
        return Access::Write;
    case MOSQ_ACL_SUBSCRIBE:
        return Access::Subscribe;
    case MOSQ_ACL_UNSUBSCRIBE:
        return Access::Unsubscribe;
    default:
        return Access::Read;
    }
}

void publish(const char *clientId, const std::string &topic, const std::string &payload, int qos)
{
    const int rc =
        mosquitto_broker_publish_copy(clientId, topic.c_str(), static_cast<int>(payload.size()),
                                      payload.data(), qos, false, nullptr);
    if (rc != MOSQ_ERR_SUCCESS)
        mosquitto_log_printf(MOSQ_LOG_WARNING, "%s: could not publish on %s: %s", kLogPrefix,
                             topic.c_str(), mosquitto_strerror(rc));
}

} // namespace

bool FleetBroker::configure(const Options &options, std::string *error)
{
    if (!m_classifier.load(options.claimCaPath, options.deviceCaPath, options.rootCaPath, error))
        return false;

    m_serviceWaitSeconds = options.serviceWaitSeconds;
    m_active.setPath(options.activeCertificatesPath);
    m_active.reloadIfChanged();
    return true;
}

FleetBroker::Client *FleetBroker::findClient(mosquitto *client)
{
    auto it = m_clients.find(client);
    if (it != m_clients.end())
        return &it->second;

    // Only reached when the broker skipped the password check (a listener configured with
    // use_identity_as_username): classify now, without a presence event.
    const char *id = mosquitto_client_id(client);
    if (!id)
        return nullptr;
    X509 *certificate = static_cast<X509 *>(mosquitto_client_certificate(client));
    Client record{id, m_classifier.classify(certificate), randomUuid(), 0, {}};
    X509_free(certificate);
    return &m_clients.emplace(client, std::move(record)).first->second;
}

const FleetBroker::Client *FleetBroker::findConnected(const std::string &clientId,
                                                      const std::string &certificateId) const
{
    for (const auto &[handle, record] : m_clients) {
        if (record.clientId == clientId && record.identity.certificateId == certificateId)
            return &record;
    }
    return nullptr;
}

bool FleetBroker::serviceListening(const std::string &requestTopic) const
{
    for (const auto &[handle, record] : m_clients) {
        if (record.identity.role == Role::Service &&
            subscribedQos(record.clientId, requestTopic) >= 0)
            return true;
    }
    return false;
}

int FleetBroker::onBasicAuth(mosquitto *client)
{
    const char *id = mosquitto_client_id(client);
    X509 *certificate = static_cast<X509 *>(mosquitto_client_certificate(client));
    ClientIdentity identity = m_classifier.classify(certificate);
    X509_free(certificate);

    // AWS IoT's limit; it also keeps the internal topics that carry the id short.
    constexpr std::size_t kMaxClientIdLength = 128;
    if (id && std::strlen(id) > kMaxClientIdLength) {
        mosquitto_log_printf(MOSQ_LOG_NOTICE,
                             "%s: refused a client whose id is longer than %zu characters",
                             kLogPrefix, kMaxClientIdLength);
        return MOSQ_ERR_AUTH;
    }
    if (!id || identity.role == Role::Unknown) {
        mosquitto_log_printf(MOSQ_LOG_NOTICE, "%s: refused client %s: %s", kLogPrefix,
                             id ? id : "(no id)", identity.reason.c_str());
        return MOSQ_ERR_AUTH;
    }
    if (identity.role == Role::Device) {
        const auto thing = m_active.thingFor(identity.certificateId);
        if (!thing) {
            mosquitto_log_printf(MOSQ_LOG_NOTICE,
                                 "%s: refused client %s: device certificate %s is not active",
                                 kLogPrefix, id, identity.certificateId.c_str());
            return MOSQ_ERR_AUTH;
        }
        identity.thingName = *thing;
    }

    if (mosquitto_client_clean_session(client))
        m_subscriptions.erase(id);
    const char *address = mosquitto_client_address(client);
    Client record{id, std::move(identity), randomUuid(), ++m_versions[id], address ? address : ""};
    mosquitto_log_printf(MOSQ_LOG_INFO, "%s: client %s admitted as %s (certificate %s)", kLogPrefix,
                         id, roleName(record.identity.role), record.identity.certificateId.c_str());
    const Client &stored = m_clients[client] = std::move(record);
    publishPresence(stored, true, MOSQ_ERR_SUCCESS);
    return MOSQ_ERR_SUCCESS;
}

int FleetBroker::onAclCheck(mosquitto *client, int access, const char *topic, int qos)
{
    Client *record = findClient(client);
    if (!record || !topic)
        return MOSQ_ERR_ACL_DENIED;

    // A device's thing comes from the active list every time, so a certificate taken out of
    // service loses its rights even before its connection is closed.
    if (record->identity.role == Role::Device)
        record->identity.thingName = m_active.thingFor(record->identity.certificateId).value_or("");

    const Access kind = accessFrom(access);
    const bool allowed = isAllowed(record->identity.role, record->identity.thingName, kind, topic);

    if (!allowed) {
        // Reads are checked for every message a subscriber would get; only the rest is news.
        if (kind != Access::Read)
            mosquitto_log_printf(MOSQ_LOG_NOTICE, "%s: denied %s client %s %s on '%s'", kLogPrefix,
                                 roleName(record->identity.role), record->clientId.c_str(),
                                 kind == Access::Write ? "publish" : "subscribe", topic);
        return MOSQ_ERR_ACL_DENIED;
    }

    if (kind == Access::Subscribe) {
        m_subscriptions[record->clientId][topic] = qos;
        if (record->identity.role == Role::Service)
            forwardPending();
    } else if (kind == Access::Unsubscribe)
        m_subscriptions[record->clientId].erase(topic);
    return MOSQ_ERR_SUCCESS;
}

int FleetBroker::onMessage(mosquitto *client, const char *topic, const void *payload,
                           uint32_t length, bool *retain)
{
    Client *record = findClient(client);
    if (!record || !topic)
        return MOSQ_ERR_SUCCESS;
    const std::string name(topic);

    if (record->identity.role == Role::Claim && isProvisioningRequestTopic(name)) {
        // The request itself has no subscriber (no one may subscribe to request topics); a
        // retained copy would only linger, so it is never kept.
        *retain = false;
        return routeRequest(*record, name, payload, length);
    }

    if (record->identity.role == Role::Service) {
        if (name.compare(0, kReplyPrefix.size(), kReplyPrefix) == 0)
            deliverReply(name, payload, length);
        else if (name.compare(0, kCertificatePrefix.size(), kCertificatePrefix) == 0)
            applyCertificateStatus(name, payload, length);
    }
    return MOSQ_ERR_SUCCESS;
}

int FleetBroker::routeRequest(const Client &client, const std::string &topic, const void *payload,
                              uint32_t length)
{
    PendingRequest request{{client.clientId, client.identity.certificateId, topic},
                           std::string(static_cast<const char *>(payload), length),
                           static_cast<long long>(std::time(nullptr))};

    // Nobody reads requests yet (the service is starting or reconnecting): hold them briefly
    // rather than lose them; onTick answers those that wait too long.
    constexpr std::size_t kMaxPending = 1000;
    if (!serviceListening(requestTopicFor(request.routed))) {
        if (m_pending.size() >= kMaxPending) {
            rejectDirectly(client, topic, 503, "ServiceUnavailable",
                           "The fleet-provisioning service is not connected to the broker; "
                           "try again shortly.");
            return MOSQ_ERR_SUCCESS;
        }
        m_pending.push_back(std::move(request));
        return MOSQ_ERR_SUCCESS;
    }

    const std::string internal = requestTopicFor(request.routed);
    const int rc = mosquitto_broker_publish_copy(
        nullptr, internal.c_str(), static_cast<int>(length), payload, 1, false, nullptr);
    if (rc != MOSQ_ERR_SUCCESS)
        rejectDirectly(client, topic, 500, "InternalFailure",
                       "The broker could not pass the request to the fleet-provisioning service.");
    return MOSQ_ERR_SUCCESS;
}

void FleetBroker::forwardPending()
{
    while (!m_pending.empty()) {
        const PendingRequest &request = m_pending.front();
        const std::string internal = requestTopicFor(request.routed);
        if (!serviceListening(internal))
            return;
        // Published from the broker's main loop, after the service's subscription is in place.
        mosquitto_broker_publish_copy(nullptr, internal.c_str(),
                                      static_cast<int>(request.payload.size()),
                                      request.payload.data(), 1, false, nullptr);
        m_pending.pop_front();
    }
}

void FleetBroker::onTick(long long nowSeconds)
{
    while (!m_pending.empty() && nowSeconds - m_pending.front().queuedAt >= m_serviceWaitSeconds) {
        const PendingRequest request = std::move(m_pending.front());
        m_pending.pop_front();
        if (const Client *client =
                findConnected(request.routed.clientId, request.routed.certificateId))
            rejectDirectly(*client, request.routed.topic, 503, "ServiceUnavailable",
                           "The fleet-provisioning service is not connected to the broker; "
                           "try again shortly.");
    }
}

void FleetBroker::deliverReply(const std::string &topic, const void *payload, uint32_t length)
{
    const auto routed = parseRoutedTopic(kReplyPrefix, topic);
    if (!routed || !isProvisioningReplyTopic(routed->topic)) {
        mosquitto_log_printf(MOSQ_LOG_WARNING, "%s: ignored malformed reply topic %s", kLogPrefix,
                             topic.c_str());
        return;
    }

    // A reply belongs to the connection that asked: same client id, same certificate.
    const Client *target = findConnected(routed->clientId, routed->certificateId);
    if (!target) {
        mosquitto_log_printf(MOSQ_LOG_INFO, "%s: reply on %s dropped: client %s is gone",
                             kLogPrefix, routed->topic.c_str(), routed->clientId.c_str());
        return;
    }
    const int qos = subscribedQos(target->clientId, routed->topic);
    if (qos < 0) {
        mosquitto_log_printf(MOSQ_LOG_NOTICE,
                             "%s: reply on %s dropped: client %s did not subscribe to it "
                             "before asking (AWS IoT drops it too)",
                             kLogPrefix, routed->topic.c_str(), target->clientId.c_str());
        return;
    }
    publish(target->clientId.c_str(), routed->topic,
            std::string(static_cast<const char *>(payload), length), qos);
}

void FleetBroker::applyCertificateStatus(const std::string &topic, const void *payload,
                                         uint32_t length)
{
    // Payload "ACTIVE <thingName>" or "INACTIVE".
    const std::string certificateId = topic.substr(kCertificatePrefix.size());
    const std::string status(static_cast<const char *>(payload), length);
    constexpr std::string_view activePrefix = "ACTIVE ";
    if (status.compare(0, activePrefix.size(), activePrefix) == 0 &&
        status.size() > activePrefix.size()) {
        const std::string thingName = status.substr(activePrefix.size());
        m_active.activate(certificateId, thingName);
        mosquitto_log_printf(MOSQ_LOG_INFO, "%s: device certificate %s is ACTIVE for thing %s",
                             kLogPrefix, certificateId.c_str(), thingName.c_str());
        return;
    }
    m_active.deactivate(certificateId);
    mosquitto_log_printf(MOSQ_LOG_INFO, "%s: device certificate %s is INACTIVE", kLogPrefix,
                         certificateId.c_str());

    // A certificate taken out of service loses its open connections too. Kicking re-enters
    // onDisconnect, which edits m_clients, so the ids are collected first.
    std::vector<std::string> kicked;
    for (const auto &[handle, record] : m_clients) {
        if (record.identity.certificateId == certificateId)
            kicked.push_back(record.clientId);
    }
    for (const std::string &clientId : kicked)
        mosquitto_kick_client_by_clientid(clientId.c_str(), false);
}

int FleetBroker::subscribedQos(const std::string &clientId, const std::string &topic) const
{
    const auto it = m_subscriptions.find(clientId);
    if (it == m_subscriptions.end())
        return -1;
    int best = -1;
    for (const auto &[filter, qos] : it->second) {
        if (topicMatchesFilter(filter, topic) && qos > best)
            best = qos;
    }
    return best;
}

void FleetBroker::rejectDirectly(const Client &client, const std::string &requestTopic,
                                 int statusCode, const char *errorCode, const char *errorMessage)
{
    const std::string replyTopic = requestTopic + "/rejected";
    const int qos = subscribedQos(client.clientId, replyTopic);
    mosquitto_log_printf(MOSQ_LOG_WARNING, "%s: rejected %s from %s: %s", kLogPrefix,
                         requestTopic.c_str(), client.clientId.c_str(), errorMessage);
    if (qos < 0)
        return;
    const std::string payload = "{\"statusCode\":" + std::to_string(statusCode) +
                                ",\"errorCode\":" + jsonString(errorCode) +
                                ",\"errorMessage\":" + jsonString(errorMessage) + "}";
    publish(client.clientId.c_str(), replyTopic, payload, qos);
}

void FleetBroker::publishPresence(const Client &client, bool connected, int reason)
{
    // AWS publishes no lifecycle event for client ids holding a wildcard.
    if (client.clientId.find_first_of("+#") != std::string::npos)
        return;

    std::string payload = "{\"clientId\":" + jsonString(client.clientId) +
                          ",\"timestamp\":" + std::to_string(nowMs()) +
                          ",\"eventType\":" + (connected ? "\"connected\"" : "\"disconnected\"");
    if (connected && !client.address.empty())
        payload += ",\"ipAddress\":" + jsonString(client.address);
    if (!connected) {
        payload += std::string(",\"clientInitiatedDisconnect\":") +
                   (reason == MOSQ_ERR_SUCCESS ? "true" : "false") +
                   ",\"disconnectReason\":" + jsonString(disconnectReason(reason));
    }
    payload += ",\"sessionIdentifier\":" + jsonString(client.sessionIdentifier) +
               ",\"principalIdentifier\":" + jsonString(client.identity.certificateId);
    if (!client.identity.thingName.empty())
        payload += ",\"thingName\":" + jsonString(client.identity.thingName);
    payload += ",\"versionNumber\":" + std::to_string(client.versionNumber) + "}";

    const std::string topic = std::string("$aws/events/presence/") +
                              (connected ? "connected/" : "disconnected/") + client.clientId;
    publish(nullptr, topic, payload, 1);
}

void FleetBroker::onDisconnect(mosquitto *client, int reason)
{
    const auto it = m_clients.find(client);
    if (it == m_clients.end())
        return;

    mosquitto_log_printf(MOSQ_LOG_INFO, "%s: client %s disconnected (%s)", kLogPrefix,
                         it->second.clientId.c_str(), disconnectReason(reason));
    publishPresence(it->second, false, reason);
    if (mosquitto_client_clean_session(client))
        m_subscriptions.erase(it->second.clientId);
    m_clients.erase(it);
}

} // namespace Blackbird::Local::FleetPlugin
