// Which topics each kind of broker client may use, and the shape of the fleet-provisioning and
// internal topics. Pure string logic, shared by the Mosquitto plugin and its unit tests.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace Blackbird::Local::FleetPlugin {

// What a client is, decided once from its TLS client certificate.
enum class Role {
    Unknown,  // no certificate, or one no rule admits: the connection is refused
    Claim,    // claim certificate (issued by the claim CA): fleet-provisioning topics only
    Device,   // permanent device certificate (device CA): only things/<thingName>/...
    Operator, // OU=operator (root CA): may watch events
    Service,  // OU=service (root CA): the fleet-provisioning service's own connection
};

enum class Access { Read, Write, Subscribe, Unsubscribe };

const char *roleName(Role role);

// The one decision the broker's ACL check asks for. For Subscribe and Unsubscribe the topic is a
// filter and may hold wildcards; for Read and Write it is a concrete topic.
bool isAllowed(Role role, std::string_view thingName, Access access, std::string_view topic);

// $aws/certificates/create/<format>, $aws/certificates/create-from-csr/<format> and
// $aws/provisioning-templates/<templateName>/provision/<format>, format json or cbor.
bool isProvisioningRequestTopic(std::string_view topic);
// A request topic followed by /accepted or /rejected.
bool isProvisioningReplyTopic(std::string_view topic);

// MQTT filter matching with + and # (a filter never matches a $ topic through a leading
// wildcard, as MQTT requires).
bool topicMatchesFilter(std::string_view filter, std::string_view topic);

// The internal topics between the plugin and the fleet-provisioning service. The client id is
// hex-encoded because client ids may contain '/', '+' or '#'.
inline constexpr std::string_view kRequestPrefix = "blackbird/internal/fleet/request/";
inline constexpr std::string_view kReplyPrefix = "blackbird/internal/fleet/reply/";
inline constexpr std::string_view kCertificatePrefix = "blackbird/internal/fleet/certificate/";

struct RoutedTopic
{
    std::string clientId;
    std::string certificateId;
    std::string topic; // the AWS topic the request came on, or the reply goes to
};

std::string requestTopicFor(const RoutedTopic &routed);
std::string replyTopicFor(const RoutedTopic &routed);
// Splits blackbird/internal/fleet/{request,reply}/<hex client id>/<certificate id>/<topic>.
std::optional<RoutedTopic> parseRoutedTopic(std::string_view prefix, std::string_view topic);

std::string hexEncode(std::string_view bytes);
std::optional<std::string> hexDecode(std::string_view hex);

} // namespace Blackbird::Local::FleetPlugin
