// Test helper for the fleet-provisioning tests: one real TLS MQTT connection (the station's own
// MqttClient) that records everything it receives, with the request/reply and acknowledged-publish
// steps the tests repeat.
#pragma once

#include "mqtt/mqttclient.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <utility>

class MqttPeer
{
public:
    struct Broker
    {
        quint16 port = 0;
        QByteArray caPem;
        Blackbird::MqttClient::ProtocolVersion version =
            Blackbird::MqttClient::ProtocolVersion::Mqtt311;
    };

    // Subscribes to filters, connects, and waits until the broker answered every subscription
    // (granted or refused). nullptr with error set when the connection failed.
    static std::unique_ptr<MqttPeer> connect(const Broker &broker, const QString &clientId,
                                             const QByteArray &certificatePem,
                                             const QByteArray &keyPem, const QStringList &filters,
                                             QString *error);

    Blackbird::MqttClient &client() { return *m_client; }

    QList<QByteArray> payloadsOn(const QString &topic) const;
    // Publishes with QoS 1 and waits for the broker's PUBACK: by then the broker has routed (or
    // dropped) the message, so later messages from other connections cannot overtake it.
    bool publishAcked(const QString &topic, const QByteArray &payload);
    // Publishes a fleet-provisioning request and waits for its reply; accepted says which. A
    // reply on a .../cbor topic is decoded from CBOR.
    std::optional<QJsonObject> call(const QString &request, const QByteArray &payload,
                                    bool *accepted);

    QList<std::pair<QString, QByteArray>> messages;
    QStringList subscribed;
    QStringList refused;
    QStringList errors;

private:
    std::unique_ptr<Blackbird::MqttClient> m_client = std::make_unique<Blackbird::MqttClient>();
};

// Both replies of a fleet-provisioning request topic: accepted first.
QStringList replyTopics(const QString &request);
