// The station's view of the broker: one operator MQTT connection (TLS 1.2+, the operator
// certificate) subscribed to the presence, thing and provisioning events, turned into typed
// BrokerEvents for the per-device timelines. The connection is an MqttClient, so it reconnects
// with exponential backoff by itself and renews the subscriptions after every reconnect.
//
// Events are parsed strictly: a payload on a subscribed topic that is not a JSON object, lacks a
// required field or has a field of the wrong type is logged (blackbird.mqtt) and dropped; topics
// the monitor does not know are ignored. The last events are kept in a bounded buffer, so a
// device job that starts watching late still sees what already happened.
#pragma once

#include "crypto/secretbytes.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <deque>
#include <optional>

namespace Blackbird {

class MqttClient;

struct BrokerEvent
{
    enum class Kind : quint8 { Connected, Disconnected, ThingRegistered, Accepted, Rejected };

    Kind kind = Kind::Connected;
    QDateTime brokerTime; // the event's own timestamp (ms epoch or ISO 8601 in the payload), UTC
    QDateTime receivedAt; // station time
    QString clientId;
    QString certificateId;      // presence: principalIdentifier; accepted/rejected: certificateId
    QString claimCertificateId; // accepted/rejected
    QString thingName;
    QString deviceUuid;   // accepted/rejected "uuid", thing event attributes.uuid
    QString deviceType;   // thing event attributes.device_type
    QString operation;    // accepted/rejected: CreateKeysAndCertificate,
                          // CreateCertificateFromCsr, RegisterThing; thing: CREATED/UPDATED
    int statusCode = 0;   // rejected
    QString errorCode;    // rejected
    QString errorMessage; // rejected
    QString topic;        // the MQTT topic the event came on

    // One readable line for the timeline, e.g. "broker: RegisterThing rejected (403
    // InvalidSignature): ..." or "broker: client X connected with certificate ab12…".
    QString describe() const;
};

// The topic filters the monitor subscribes to.
QStringList brokerEventTopicFilters();

// Parses one message of a monitored topic. Returns nothing for a topic that is not an event topic
// (error stays empty) and for a malformed payload (error says what is wrong). receivedAt is set
// to the given time.
std::optional<BrokerEvent> parseBrokerEvent(const QString &topic, const QByteArray &payload,
                                            const QDateTime &receivedAt, QString *error);

class BrokerMonitor : public QObject
{
    Q_OBJECT

public:
    struct Config
    {
        QString host;
        quint16 port = 8883;
        QByteArray caPem;
        QByteArray certificatePem;
        SecretBytes privateKeyPem;
        QString clientId;
    };

    explicit BrokerMonitor(QObject *parent = nullptr);
    ~BrokerMonitor() override;

    // Reads ca_file, operator_cert, operator_key, mqtt_host and mqtt_port of the local stack's
    // endpoints.json (the files are read now). clientId is left empty: start() then picks one.
    static bool configFromEndpoints(const QJsonObject &endpoints, Config *config, QString *error);

    // Validates the configuration, loads the TLS credentials (the key is wiped afterwards),
    // connects and subscribes. Returns false with a reason when the configuration is unusable;
    // connection failures after that arrive through connectionChanged and are retried with
    // backoff. Calling start() again replaces the previous connection.
    bool start(Config config, QString *error);
    void stop();

    // Connected and subscribed to every event topic.
    bool isConnected() const;
    // The last events, oldest first (bounded by age and count).
    QList<BrokerEvent> recentEvents() const;

    // Buffer bounds; the defaults keep five minutes and at most 10,000 events.
    void setHistoryLimits(int maxAgeSeconds, int maxEvents);
    // How often and how fast the connection is retried (tests shorten it).
    void setReconnectDelays(int initialDelayMs, int maxDelayMs);

signals:
    // reason is readable for a technician (why the connection ended or failed).
    void connectionChanged(bool connected, const QString &reason);
    void eventReceived(const Blackbird::BrokerEvent &event);

private:
    void onMessage(const QString &topic, const QByteArray &payload);
    void onSubscribed(const QString &topicFilter);
    void onSubscriptionRefused(const QString &topicFilter);
    void onConnectionLost(const QString &reason);
    void onAttemptFailed(const QString &reason);
    void setConnected(bool connected, const QString &reason);
    void trimHistory(const QDateTime &now);

    MqttClient *m_client = nullptr;
    QStringList m_pendingSubscriptions;
    bool m_connected = false;
    bool m_refusalReported = false;
    QString m_lastReason;
    int m_initialDelayMs = 500;
    int m_maxDelayMs = 30000;
    int m_maxAgeSeconds = 300;
    int m_maxEvents = 10000;
    std::deque<BrokerEvent> m_history;
};

} // namespace Blackbird

Q_DECLARE_METATYPE(Blackbird::BrokerEvent)
