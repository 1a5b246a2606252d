#include "mqtt/brokermonitor.h"

#include "logging/logcategories.h"
#include "mqtt/mqttclient.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRandomGenerator>

#include <cmath>
#include <utility>

namespace Blackbird {

namespace {

const QString kPresenceConnected = QStringLiteral("$aws/events/presence/connected/");
const QString kPresenceDisconnected = QStringLiteral("$aws/events/presence/disconnected/");
const QString kThingEvents = QStringLiteral("$aws/events/thing/");
const QString kAccepted = QStringLiteral("blackbird/events/provisioning/accepted");
const QString kRejected = QStringLiteral("blackbird/events/provisioning/rejected");

// Event payloads are a few hundred bytes; anything far larger is not one of them.
constexpr qsizetype kMaxPayloadBytes = 64 * 1024;

// Milliseconds since the epoch of 9999-12-31, the largest timestamp taken as plausible.
constexpr double kMaxEpochMs = 253402300799999.0;

QString trEvent(const char *text)
{
    return QCoreApplication::translate("Blackbird::BrokerEvent", text);
}

// Reads the fields of one event payload strictly: a field of the wrong type is an error, even
// when it is optional. The first problem found is kept.
class FieldReader
{
public:
    explicit FieldReader(const QJsonObject &object)
        : m_object(object)
    {}

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

    void fail(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }

    // A string that must be present and not empty.
    QString required(const char *key)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined()) {
            fail(QStringLiteral("\"%1\" is missing").arg(QLatin1String(key)));
            return {};
        }
        const QString text = stringOf(key, value);
        if (!failed() && text.isEmpty())
            fail(QStringLiteral("\"%1\" is empty").arg(QLatin1String(key)));
        return text;
    }

    // A string that may be absent or null.
    QString optional(const char *key)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull())
            return {};
        return stringOf(key, value);
    }

    // An integral number within [minimum, maximum].
    qint64 integer(const char *key, double minimum, double maximum)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined()) {
            fail(QStringLiteral("\"%1\" is missing").arg(QLatin1String(key)));
            return 0;
        }
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble() || std::floor(number) != number || number < minimum ||
            number > maximum) {
            fail(QStringLiteral("\"%1\" is not a whole number between %2 and %3")
                     .arg(QLatin1String(key))
                     .arg(minimum, 0, 'f', 0)
                     .arg(maximum, 0, 'f', 0));
            return 0;
        }
        return qint64(number);
    }

    // "timestamp": milliseconds since the epoch or an ISO 8601 text, returned in UTC.
    QDateTime timestamp()
    {
        const QJsonValue value = m_object.value(QLatin1String("timestamp"));
        if (value.isString()) {
            const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
            if (!time.isValid()) {
                fail(QStringLiteral("\"timestamp\" is not an ISO 8601 time"));
                return {};
            }
            return time.toUTC();
        }
        if (value.isUndefined()) {
            fail(QStringLiteral("\"timestamp\" is missing"));
            return {};
        }
        const qint64 ms = integer("timestamp", 0, kMaxEpochMs);
        return failed() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    }

    // A nested object that may be absent.
    QJsonObject object(const char *key)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull())
            return {};
        if (!value.isObject())
            fail(QStringLiteral("\"%1\" is not an object").arg(QLatin1String(key)));
        return value.toObject();
    }

private:
    QString stringOf(const char *key, const QJsonValue &value)
    {
        if (!value.isString()) {
            fail(QStringLiteral("\"%1\" is not a string").arg(QLatin1String(key)));
            return {};
        }
        return value.toString();
    }

    const QJsonObject &m_object;
    QString m_error;
};

bool isKnownOperation(const QString &operation)
{
    return operation == QLatin1String("CreateKeysAndCertificate") ||
           operation == QLatin1String("CreateCertificateFromCsr") ||
           operation == QLatin1String("RegisterThing");
}

void readPresence(FieldReader &reader, const QString &topicClientId, bool connected,
                  BrokerEvent *event)
{
    event->kind = connected ? BrokerEvent::Kind::Connected : BrokerEvent::Kind::Disconnected;
    event->clientId = reader.required("clientId");
    event->brokerTime = reader.timestamp();
    const QString eventType = reader.required("eventType");
    event->certificateId = reader.optional("principalIdentifier");
    event->thingName = reader.optional("thingName");
    if (reader.failed())
        return;

    if (eventType != (connected ? QLatin1String("connected") : QLatin1String("disconnected")))
        reader.fail(QStringLiteral("\"eventType\" is \"%1\" on a %2 topic")
                        .arg(eventType, connected ? QStringLiteral("connected")
                                                  : QStringLiteral("disconnected")));
    else if (event->clientId != topicClientId)
        reader.fail(QStringLiteral("\"clientId\" differs from the client id in the topic"));
}

void readThing(FieldReader &reader, const QString &topicThing, const QString &topicOperation,
               BrokerEvent *event)
{
    event->kind = BrokerEvent::Kind::ThingRegistered;
    const QString eventType = reader.required("eventType");
    event->thingName = reader.required("thingName");
    event->operation = reader.required("operation");
    event->brokerTime = reader.timestamp();
    const QJsonObject attributes = reader.object("attributes");
    if (reader.failed())
        return;

    FieldReader attributeReader(attributes);
    event->deviceUuid = attributeReader.optional("uuid");
    event->deviceType = attributeReader.optional("device_type");
    if (attributeReader.failed())
        reader.fail(QStringLiteral("in \"attributes\": ") + attributeReader.error());
    else if (eventType != QLatin1String("THING_EVENT"))
        reader.fail(QStringLiteral("\"eventType\" is \"%1\", not THING_EVENT").arg(eventType));
    else if (event->operation != topicOperation.toUpper())
        reader.fail(QStringLiteral("\"operation\" is \"%1\" on a %2 topic")
                        .arg(event->operation, topicOperation));
    else if (event->thingName != topicThing)
        reader.fail(QStringLiteral("\"thingName\" differs from the thing in the topic"));
}

void readProvisioning(FieldReader &reader, bool accepted, BrokerEvent *event)
{
    event->kind = accepted ? BrokerEvent::Kind::Accepted : BrokerEvent::Kind::Rejected;
    event->operation = reader.required("operation");
    event->clientId = reader.required("clientId");
    event->claimCertificateId = reader.required("claimCertificateId");
    event->brokerTime = reader.timestamp();
    event->thingName = reader.optional("thingName");
    event->deviceUuid = reader.optional("uuid");
    if (accepted) {
        event->certificateId = reader.required("certificateId");
    } else {
        event->certificateId = reader.optional("certificateId");
        event->statusCode = int(reader.integer("statusCode", 100, 599));
        event->errorCode = reader.required("errorCode");
        event->errorMessage = reader.optional("errorMessage");
    }
    if (reader.failed())
        return;

    if (!isKnownOperation(event->operation))
        reader.fail(QStringLiteral("\"operation\" \"%1\" is not a provisioning operation")
                        .arg(event->operation));
    else if (accepted && event->operation == QLatin1String("RegisterThing") &&
             event->thingName.isEmpty())
        reader.fail(QStringLiteral("an accepted RegisterThing lacks \"thingName\""));
}

// The first characters of a certificate id: enough to recognise it in a timeline.
QString shortId(const QString &certificateId)
{
    constexpr int kShown = 12;
    return certificateId.size() <= kShown ? certificateId
                                          : certificateId.left(kShown) + QChar(0x2026);
}

} // namespace

QStringList brokerEventTopicFilters()
{
    return {kPresenceConnected + QLatin1Char('#'), kPresenceDisconnected + QLatin1Char('#'),
            kThingEvents + QLatin1Char('#'), kAccepted, kRejected};
}

std::optional<BrokerEvent> parseBrokerEvent(const QString &topic, const QByteArray &payload,
                                            const QDateTime &receivedAt, QString *error)
{
    if (error)
        error->clear();

    // Which event the topic announces; anything else is not ours to read.
    enum class Source { Presence, Thing, Provisioning } source;
    bool positive = false; // connected, accepted
    QString topicName;     // the client id or thing name in the topic
    QString topicOperation;
    if (topic.startsWith(kPresenceConnected) || topic.startsWith(kPresenceDisconnected)) {
        source = Source::Presence;
        positive = topic.startsWith(kPresenceConnected);
        topicName = topic.mid((positive ? kPresenceConnected : kPresenceDisconnected).size());
        if (topicName.isEmpty())
            return std::nullopt;
    } else if (topic.startsWith(kThingEvents)) {
        const QStringList levels = topic.mid(kThingEvents.size()).split(QLatin1Char('/'));
        if (levels.size() != 2 || levels.first().isEmpty() ||
            (levels.last() != QLatin1String("created") &&
             levels.last() != QLatin1String("updated")))
            return std::nullopt;
        source = Source::Thing;
        topicName = levels.first();
        topicOperation = levels.last();
    } else if (topic == kAccepted || topic == kRejected) {
        source = Source::Provisioning;
        positive = topic == kAccepted;
    } else {
        return std::nullopt;
    }

    // The payload: one JSON object of modest size.
    const auto malformed = [error](const QString &why) -> std::optional<BrokerEvent> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (payload.size() > kMaxPayloadBytes)
        return malformed(QStringLiteral("the payload is %1 bytes, more than an event can be")
                             .arg(payload.size()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return malformed(QStringLiteral("the payload is not JSON (%1 at offset %2)")
                             .arg(parseError.errorString())
                             .arg(parseError.offset));
    if (!document.isObject())
        return malformed(QStringLiteral("the payload is not a JSON object"));

    // The fields, by kind.
    BrokerEvent event;
    event.topic = topic;
    event.receivedAt = receivedAt;
    const QJsonObject object = document.object();
    FieldReader reader(object);
    switch (source) {
    case Source::Presence:
        readPresence(reader, topicName, positive, &event);
        break;
    case Source::Thing:
        readThing(reader, topicName, topicOperation, &event);
        break;
    case Source::Provisioning:
        readProvisioning(reader, positive, &event);
        break;
    }
    if (reader.failed())
        return malformed(reader.error());
    return event;
}

QString BrokerEvent::describe() const
{
    const QString certificate = shortId(certificateId);
    switch (kind) {
    case Kind::Connected:
        if (certificateId.isEmpty())
            return trEvent("broker: client %1 connected").arg(clientId);
        if (!thingName.isEmpty())
            return trEvent("broker: client %1 connected with certificate %2 (thing %3)")
                .arg(clientId, certificate, thingName);
        return trEvent("broker: client %1 connected with certificate %2")
            .arg(clientId, certificate);
    case Kind::Disconnected:
        if (certificateId.isEmpty())
            return trEvent("broker: client %1 disconnected").arg(clientId);
        return trEvent("broker: client %1 (certificate %2) disconnected")
            .arg(clientId, certificate);
    case Kind::ThingRegistered: {
        const QString line = operation == QLatin1String("UPDATED")
                                 ? trEvent("broker: thing %1 updated").arg(thingName)
                                 : trEvent("broker: thing %1 created").arg(thingName);
        if (deviceUuid.isEmpty())
            return line;
        return trEvent("%1 for device %2 (%3)")
            .arg(line, deviceUuid, deviceType.isEmpty() ? trEvent("type not given") : deviceType);
    }
    case Kind::Accepted:
        if (operation == QLatin1String("RegisterThing"))
            return trEvent("broker: RegisterThing accepted for client %1: thing %2, certificate %3")
                .arg(clientId, thingName, certificate);
        return trEvent("broker: %1 accepted for client %2: certificate %3 issued")
            .arg(operation, clientId, certificate);
    case Kind::Rejected: {
        const QString message = errorMessage.isEmpty() ? trEvent("no reason given") : errorMessage;
        return trEvent("broker: %1 rejected (%2 %3): %4 (client %5)")
            .arg(operation, QString::number(statusCode), errorCode, message, clientId);
    }
    }
    return {};
}

BrokerMonitor::BrokerMonitor(QObject *parent)
    : QObject(parent)
{
    static const int registered = qRegisterMetaType<Blackbird::BrokerEvent>();
    Q_UNUSED(registered)
}

BrokerMonitor::~BrokerMonitor()
{
    delete m_client;
}

bool BrokerMonitor::configFromEndpoints(const QJsonObject &endpoints, Config *config,
                                        QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };

    // The plain fields.
    FieldReader reader(endpoints);
    const QString caFile = reader.required("ca_file");
    const QString certFile = reader.required("operator_cert");
    const QString keyFile = reader.required("operator_key");
    const QString host = reader.required("mqtt_host");
    const qint64 port = reader.integer("mqtt_port", 1, 65535);
    if (reader.failed())
        return fail(tr("The stack's endpoints do not describe its broker: %1").arg(reader.error()));

    // The files they name.
    const auto read = [](const QString &path, QByteArray *bytes, QString *why) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *why = tr("Cannot read %1: %2").arg(path, file.errorString());
            return false;
        }
        *bytes = file.readAll();
        return true;
    };
    Config result;
    QByteArray key;
    QString why;
    if (!read(caFile, &result.caPem, &why) || !read(certFile, &result.certificatePem, &why) ||
        !read(keyFile, &key, &why))
        return fail(tr("Cannot load the operator credentials: %1").arg(why));
    result.privateKeyPem = SecretBytes(std::move(key));
    result.host = host;
    result.port = quint16(port);
    *config = std::move(result);
    return true;
}

bool BrokerMonitor::start(Config config, QString *error)
{
    const auto fail = [error, &config](const QString &why) {
        config.privateKeyPem.wipe();
        qCWarning(lcMqtt).noquote() << "Broker monitor not started:" << why;
        if (error)
            *error = why;
        return false;
    };

    // The configuration must name a broker and carry the operator's credentials.
    if (config.host.trimmed().isEmpty())
        return fail(tr("No broker host is configured for the broker monitor"));
    if (config.port == 0)
        return fail(tr("No broker port is configured for the broker monitor"));
    if (config.caPem.trimmed().isEmpty())
        return fail(tr("No CA certificate is configured to verify the broker"));
    if (config.certificatePem.trimmed().isEmpty() || config.privateKeyPem.isEmpty())
        return fail(tr("The operator certificate and key are both needed to watch the broker"));

    // A fresh client, so nothing of an earlier start survives.
    stop();
    auto *client = new MqttClient(this);
    QString why;
    if (!client->setTlsCredentials(config.caPem, config.certificatePem, config.privateKeyPem.view(),
                                   &why)) {
        delete client;
        return fail(tr("The operator credentials cannot be used: %1").arg(why));
    }
    config.privateKeyPem.wipe();
    if (config.clientId.isEmpty())
        config.clientId = QStringLiteral("blackbird-monitor-%1")
                              .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    client->setClientId(config.clientId);
    client->setBroker(config.host, config.port);
    MqttReconnectPolicy policy;
    policy.initialDelayMs = m_initialDelayMs;
    policy.maxDelayMs = m_maxDelayMs;
    client->setReconnectPolicy(policy);
    m_client = client;

    // Follow the connection and the events.
    connect(client, &MqttClient::connected, this, [this] {
        m_pendingSubscriptions = brokerEventTopicFilters();
        m_refusalReported = false;
    });
    connect(client, &MqttClient::subscribed, this,
            [this](const QString &filter, int) { onSubscribed(filter); });
    connect(client, &MqttClient::subscriptionRefused, this, &BrokerMonitor::onSubscriptionRefused);
    connect(client, &MqttClient::disconnected, this, &BrokerMonitor::onConnectionLost);
    connect(client, &MqttClient::errorOccurred, this, &BrokerMonitor::onAttemptFailed);
    connect(client, &MqttClient::reconnectScheduled, this, [this](int attempt, int delayMs) {
        qCInfo(lcMqtt).noquote() << "Broker monitor: attempt" << attempt << "to reach"
                                 << m_client->host() << "in" << delayMs << "ms";
    });
    connect(client, &MqttClient::messageReceived, this, &BrokerMonitor::onMessage);

    // Subscribe and connect.
    for (const QString &filter : brokerEventTopicFilters()) {
        if (client->subscribe(filter, 1, &why) < 0) {
            stop();
            return fail(tr("Cannot subscribe to %1: %2").arg(filter, why));
        }
    }
    qCInfo(lcMqtt).noquote() << "Broker monitor connecting to" << config.host << "port"
                             << config.port << "as" << config.clientId;
    client->connectToBroker();
    return true;
}

void BrokerMonitor::stop()
{
    if (!m_client)
        return;
    m_client->disconnect(this);
    m_client->disconnectFromBroker();
    m_client->deleteLater();
    m_client = nullptr;
    m_pendingSubscriptions.clear();
    setConnected(false, tr("The broker monitor was stopped"));
}

bool BrokerMonitor::isConnected() const
{
    return m_connected && m_client && m_client->isConnected();
}

QList<BrokerEvent> BrokerMonitor::recentEvents() const
{
    const QDateTime oldest = QDateTime::currentDateTimeUtc().addSecs(-m_maxAgeSeconds);
    QList<BrokerEvent> events;
    events.reserve(qsizetype(m_history.size()));
    for (const BrokerEvent &event : m_history) {
        if (event.receivedAt >= oldest)
            events.append(event);
    }
    return events;
}

void BrokerMonitor::setHistoryLimits(int maxAgeSeconds, int maxEvents)
{
    m_maxAgeSeconds = qMax(1, maxAgeSeconds);
    m_maxEvents = qMax(1, maxEvents);
    trimHistory(QDateTime::currentDateTimeUtc());
}

void BrokerMonitor::setReconnectDelays(int initialDelayMs, int maxDelayMs)
{
    m_initialDelayMs = qMax(1, initialDelayMs);
    m_maxDelayMs = qMax(m_initialDelayMs, maxDelayMs);
}

void BrokerMonitor::onMessage(const QString &topic, const QByteArray &payload)
{
    QString why;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    std::optional<BrokerEvent> event = parseBrokerEvent(topic, payload, now, &why);
    if (!event) {
        if (why.isEmpty())
            qCDebug(lcMqtt).noquote() << "Broker monitor: ignoring a message on" << topic;
        else
            qCWarning(lcMqtt).noquote()
                << "Broker monitor: dropped a malformed event on" << topic << "-" << why;
        return;
    }

    qCDebug(lcMqtt).noquote() << event->describe();
    m_history.push_back(*event);
    trimHistory(now);
    emit eventReceived(*event);
}

void BrokerMonitor::onSubscribed(const QString &topicFilter)
{
    m_pendingSubscriptions.removeAll(topicFilter);
    if (m_pendingSubscriptions.isEmpty() && m_client && m_client->isConnected())
        setConnected(
            true,
            tr("Watching the broker at %1 port %2").arg(m_client->host()).arg(m_client->port()));
}

void BrokerMonitor::onSubscriptionRefused(const QString &topicFilter)
{
    // Every filter is refused for the same reason; the first refusal says it.
    if (m_refusalReported)
        return;
    m_refusalReported = true;
    setConnected(false, tr("The broker refused to let the monitor read %1; the configured "
                           "certificate is probably not an operator certificate")
                            .arg(topicFilter));
}

void BrokerMonitor::onConnectionLost(const QString &reason)
{
    m_pendingSubscriptions = brokerEventTopicFilters();
    setConnected(false, tr("Lost the broker (%1); reconnecting").arg(reason));
}

void BrokerMonitor::onAttemptFailed(const QString &reason)
{
    // While connected this is a failed request on a working connection, not a lost one.
    if (m_client && m_client->isConnected() && m_connected) {
        qCWarning(lcMqtt).noquote() << "Broker monitor:" << reason;
        return;
    }
    setConnected(false, reason);
}

void BrokerMonitor::setConnected(bool connected, const QString &reason)
{
    // Repeated failures with the same reason while retrying are said once.
    if (connected == m_connected && (connected || reason == m_lastReason))
        return;
    m_connected = connected;
    m_lastReason = reason;
    if (connected)
        qCInfo(lcMqtt).noquote() << "Broker monitor:" << reason;
    else
        qCWarning(lcMqtt).noquote() << "Broker monitor not connected:" << reason;
    emit connectionChanged(connected, reason);
}

void BrokerMonitor::trimHistory(const QDateTime &now)
{
    const QDateTime oldest = now.addSecs(-m_maxAgeSeconds);
    while (!m_history.empty() &&
           (qsizetype(m_history.size()) > m_maxEvents || m_history.front().receivedAt < oldest))
        m_history.pop_front();
}

} // namespace Blackbird
