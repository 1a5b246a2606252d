// Mosquitto 2.0 plugin entry points (plugin API version 5) for Blackbird's fleet provisioning.
// Configured in mosquitto.conf as
//   plugin /path/to/blackbird-fleet-plugin.so
//   plugin_opt_claim_ca DIR/pki/claim-ca.pem
//   plugin_opt_device_ca DIR/pki/device-ca.pem
//   plugin_opt_root_ca DIR/pki/root-ca.pem
//   plugin_opt_active_certificates DIR/fleet-active-certificates.txt
//   plugin_opt_service_wait_seconds 5   (optional)
// with require_certificate true on the listener (and without use_identity_as_username, so that
// the broker asks the plugin to admit each client).
#include "fleetbroker.h"

#include <mosquitto.h>
#include <mosquitto_broker.h>
#include <mosquitto_plugin.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <new>

using Blackbird::Local::FleetPlugin::FleetBroker;

namespace {

mosquitto_plugin_id_t *g_identifier = nullptr;

int onBasicAuth(int, void *eventData, void *userData)
{
    auto *event = static_cast<mosquitto_evt_basic_auth *>(eventData);
    return static_cast<FleetBroker *>(userData)->onBasicAuth(event->client);
}

int onAclCheck(int, void *eventData, void *userData)
{
    auto *event = static_cast<mosquitto_evt_acl_check *>(eventData);
    return static_cast<FleetBroker *>(userData)->onAclCheck(event->client, event->access,
                                                            event->topic, event->qos);
}

int onMessage(int, void *eventData, void *userData)
{
    auto *event = static_cast<mosquitto_evt_message *>(eventData);
    return static_cast<FleetBroker *>(userData)->onMessage(
        event->client, event->topic, event->payload, event->payloadlen, &event->retain);
}

int onTick(int, void *, void *userData)
{
    // Mosquitto 2.0.11 leaves the event's now_s at zero, so the clock is read here.
    static_cast<FleetBroker *>(userData)->onTick(static_cast<long long>(std::time(nullptr)));
    return MOSQ_ERR_SUCCESS;
}

int onDisconnect(int, void *eventData, void *userData)
{
    auto *event = static_cast<mosquitto_evt_disconnect *>(eventData);
    static_cast<FleetBroker *>(userData)->onDisconnect(event->client, event->reason);
    return MOSQ_ERR_SUCCESS;
}

const char *option(const mosquitto_opt *options, int count, const char *key)
{
    for (int i = 0; i < count; ++i) {
        if (options[i].key && std::strcmp(options[i].key, key) == 0)
            return options[i].value;
    }
    return nullptr;
}

} // namespace

// The module is built with hidden visibility; only the three entry points Mosquitto looks up
// are exported.
#define BLACKBIRD_PLUGIN_EXPORT __attribute__((visibility("default")))

extern "C" {

BLACKBIRD_PLUGIN_EXPORT int mosquitto_plugin_version(int supportedVersionCount,
                                                     const int *supportedVersions)
{
    for (int i = 0; i < supportedVersionCount; ++i) {
        if (supportedVersions[i] == MOSQ_PLUGIN_VERSION)
            return MOSQ_PLUGIN_VERSION;
    }
    return -1;
}

BLACKBIRD_PLUGIN_EXPORT int mosquitto_plugin_init(mosquitto_plugin_id_t *identifier,
                                                  void **userData, mosquitto_opt *options,
                                                  int optionCount)
{
    FleetBroker::Options settings;
    const char *required[] = {"claim_ca", "device_ca", "root_ca"};
    for (const char *key : required) {
        if (!option(options, optionCount, key)) {
            mosquitto_log_printf(MOSQ_LOG_ERR, "blackbird-fleet: plugin_opt_%s is missing", key);
            return MOSQ_ERR_INVAL;
        }
    }
    settings.claimCaPath = option(options, optionCount, "claim_ca");
    settings.deviceCaPath = option(options, optionCount, "device_ca");
    settings.rootCaPath = option(options, optionCount, "root_ca");
    if (const char *path = option(options, optionCount, "active_certificates"))
        settings.activeCertificatesPath = path;
    if (const char *seconds = option(options, optionCount, "service_wait_seconds")) {
        settings.serviceWaitSeconds = std::atoi(seconds);
        if (settings.serviceWaitSeconds < 0 || settings.serviceWaitSeconds > 3600) {
            mosquitto_log_printf(MOSQ_LOG_ERR,
                                 "blackbird-fleet: plugin_opt_service_wait_seconds must be "
                                 "between 0 and 3600");
            return MOSQ_ERR_INVAL;
        }
    }

    auto *broker = new (std::nothrow) FleetBroker;
    if (!broker)
        return MOSQ_ERR_NOMEM;
    std::string error;
    if (!broker->configure(settings, &error)) {
        mosquitto_log_printf(MOSQ_LOG_ERR, "blackbird-fleet: %s", error.c_str());
        delete broker;
        return MOSQ_ERR_INVAL;
    }

    g_identifier = identifier;
    const struct
    {
        int event;
        MOSQ_FUNC_generic_callback callback;
    } callbacks[] = {{MOSQ_EVT_BASIC_AUTH, onBasicAuth},
                     {MOSQ_EVT_ACL_CHECK, onAclCheck},
                     {MOSQ_EVT_MESSAGE, onMessage},
                     {MOSQ_EVT_TICK, onTick},
                     {MOSQ_EVT_DISCONNECT, onDisconnect}};
    for (const auto &entry : callbacks) {
        const int rc =
            mosquitto_callback_register(identifier, entry.event, entry.callback, nullptr, broker);
        if (rc != MOSQ_ERR_SUCCESS) {
            mosquitto_log_printf(MOSQ_LOG_ERR, "blackbird-fleet: cannot register event %d: %s",
                                 entry.event, mosquitto_strerror(rc));
            return rc;
        }
    }
    *userData = broker;
    mosquitto_log_printf(MOSQ_LOG_INFO, "blackbird-fleet: plugin ready");
    return MOSQ_ERR_SUCCESS;
}

BLACKBIRD_PLUGIN_EXPORT int mosquitto_plugin_cleanup(void *userData, mosquitto_opt *, int)
{
    if (g_identifier) {
        mosquitto_callback_unregister(g_identifier, MOSQ_EVT_BASIC_AUTH, onBasicAuth, nullptr);
        mosquitto_callback_unregister(g_identifier, MOSQ_EVT_ACL_CHECK, onAclCheck, nullptr);
        mosquitto_callback_unregister(g_identifier, MOSQ_EVT_MESSAGE, onMessage, nullptr);
        mosquitto_callback_unregister(g_identifier, MOSQ_EVT_TICK, onTick, nullptr);
        mosquitto_callback_unregister(g_identifier, MOSQ_EVT_DISCONNECT, onDisconnect, nullptr);
    }
    delete static_cast<FleetBroker *>(userData);
    return MOSQ_ERR_SUCCESS;
}

} // extern "C"
