// Topic rules of the Blackbird fleet plugin. Kept free of any broker call so that the unit tests
// can check every rule without a broker.
#include "topicrules.h"

#include <vector>

namespace Blackbird::Local::FleetPlugin {

namespace {

std::vector<std::string_view> splitLevels(std::string_view topic)
{
    std::vector<std::string_view> levels;
    std::size_t start = 0;
    for (;;) {
        const std::size_t slash = topic.find('/', start);
        if (slash == std::string_view::npos) {
            levels.push_back(topic.substr(start));
            return levels;
        }
        levels.push_back(topic.substr(start, slash - start));
        start = slash + 1;
    }
}

bool hasWildcard(std::string_view level)
{
    return level.find_first_of("+#") != std::string_view::npos;
}

// AWS serves each operation in two payload formats, named by the last topic level.
bool isPayloadFormat(std::string_view level)
{
    return level == "json" || level == "cbor";
}

bool isCertificateRequest(std::string_view topic)
{
    const auto levels = splitLevels(topic);
    return levels.size() == 4 && levels[0] == "$aws" && levels[1] == "certificates" &&
           (levels[2] == "create" || levels[2] == "create-from-csr") && isPayloadFormat(levels[3]);
}

// A template name is one literal topic level.
bool isTemplateRequest(std::string_view topic)
{
    const auto levels = splitLevels(topic);
    return levels.size() == 5 && levels[0] == "$aws" && levels[1] == "provisioning-templates" &&
           !levels[2].empty() && !hasWildcard(levels[2]) && levels[3] == "provision" &&
           isPayloadFormat(levels[4]);
}

// True when every level of prefix appears literally at the start of topic, and topic goes on
// below it. Wildcards after the prefix only narrow what a filter matches, so they are fine.
bool isBelow(std::string_view topic, std::string_view prefix)
{
    const auto levels = splitLevels(topic);
    const auto wanted = splitLevels(prefix);
    if (levels.size() <= wanted.size())
        return false;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        if (levels[i] != wanted[i])
            return false;
    }
    return true;
}

bool claimMaySubscribe(std::string_view filter)
{
    if (isProvisioningReplyTopic(filter))
        return true;

    // The request topic with a one-level wildcard covers exactly its two replies.
    if (filter.size() > 2 && filter.substr(filter.size() - 2) == "/+")
        return isProvisioningRequestTopic(filter.substr(0, filter.size() - 2));
    return false;
}

bool deviceMayUse(std::string_view thingName, std::string_view topic)
{
    if (thingName.empty() || hasWildcard(thingName) ||
        thingName.find('/') != std::string_view::npos)
        return false;
    const auto levels = splitLevels(topic);
    return levels.size() >= 3 && levels[0] == "things" && levels[1] == thingName;
}

bool operatorMayRead(std::string_view topic)
{
    return isBelow(topic, "$aws/events") || isBelow(topic, "blackbird/events");
}

bool serviceMayWrite(std::string_view topic)
{
    return isBelow(topic, "blackbird/internal/fleet/reply") ||
           isBelow(topic, "blackbird/internal/fleet/certificate") ||
           isBelow(topic, "$aws/events/thing") || isBelow(topic, "blackbird/events");
}

bool serviceMayRead(std::string_view topic)
{
    return isBelow(topic, "blackbird/internal/fleet/request");
}

} // namespace

const char *roleName(Role role)
{
    switch (role) {
    case Role::Claim:
        return "claim";
    case Role::Device:
        return "device";
    case Role::Operator:
        return "operator";
    case Role::Service:
        return "service";
    case Role::Unknown:
        break;
    }
    return "unknown";
}

bool isAllowed(Role role, std::string_view thingName, Access access, std::string_view topic)
{
    if (topic.empty())
        return false;

    // Dropping a subscription never grants anything.
    if (access == Access::Unsubscribe)
        return role != Role::Unknown;

    switch (role) {
    case Role::Claim:
        if (access == Access::Write)
            return isProvisioningRequestTopic(topic);
        if (access == Access::Read)
            return isProvisioningReplyTopic(topic);
        return claimMaySubscribe(topic);
    case Role::Device:
        return deviceMayUse(thingName, topic);
    case Role::Operator:
        return access != Access::Write && operatorMayRead(topic);
    case Role::Service:
        if (access == Access::Write)
            return serviceMayWrite(topic);
        return serviceMayRead(topic);
    case Role::Unknown:
        break;
    }
    return false;
}

bool isProvisioningRequestTopic(std::string_view topic)
{
    return isCertificateRequest(topic) || isTemplateRequest(topic);
}

bool isProvisioningReplyTopic(std::string_view topic)
{
    for (std::string_view suffix : {std::string_view("/accepted"), std::string_view("/rejected")}) {
        if (topic.size() > suffix.size() && topic.substr(topic.size() - suffix.size()) == suffix)
            return isProvisioningRequestTopic(topic.substr(0, topic.size() - suffix.size()));
    }
    return false;
}

bool topicMatchesFilter(std::string_view filter, std::string_view topic)
{
    if (filter.empty() || topic.empty())
        return false;
    if (topic.front() == '$' && (filter.front() == '+' || filter.front() == '#'))
        return false;

    const auto want = splitLevels(filter);
    const auto have = splitLevels(topic);
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (want[i] == "#")
            return i + 1 == want.size();
        if (i >= have.size())
            return false;
        if (want[i] != "+" && want[i] != have[i])
            return false;
    }
    return want.size() == have.size();
}

std::string requestTopicFor(const RoutedTopic &routed)
{
    return std::string(kRequestPrefix) + hexEncode(routed.clientId) + '/' + routed.certificateId +
           '/' + routed.topic;
}

std::string replyTopicFor(const RoutedTopic &routed)
{
    return std::string(kReplyPrefix) + hexEncode(routed.clientId) + '/' + routed.certificateId +
           '/' + routed.topic;
}

std::optional<RoutedTopic> parseRoutedTopic(std::string_view prefix, std::string_view topic)
{
    if (topic.substr(0, prefix.size()) != prefix)
        return std::nullopt;
    topic.remove_prefix(prefix.size());

    const std::size_t first = topic.find('/');
    if (first == std::string_view::npos || first == 0)
        return std::nullopt;
    const std::size_t second = topic.find('/', first + 1);
    if (second == std::string_view::npos || second == first + 1 || second + 1 >= topic.size())
        return std::nullopt;

    auto clientId = hexDecode(topic.substr(0, first));
    if (!clientId || clientId->empty())
        return std::nullopt;
    return RoutedTopic{*clientId, std::string(topic.substr(first + 1, second - first - 1)),
                       std::string(topic.substr(second + 1))};
}

std::string hexEncode(std::string_view bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        hex.push_back(digits[c >> 4]);
        hex.push_back(digits[c & 0x0f]);
    }
    return hex;
}

std::optional<std::string> hexDecode(std::string_view hex)
{
    if (hex.size() % 2 != 0)
        return std::nullopt;

    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    };
    std::string bytes;
    bytes.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = nibble(hex[i]);
        const int low = nibble(hex[i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        bytes.push_back(static_cast<char>(high * 16 + low));
    }
    return bytes;
}

} // namespace Blackbird::Local::FleetPlugin
