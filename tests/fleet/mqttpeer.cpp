// The fleet tests' MQTT connection helper.
#include "mqttpeer.h"

#include <QCborMap>
#include <QCborValue>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using Blackbird::MqttClient;

QStringList replyTopics(const QString &request)
{
    return {request + QStringLiteral("/accepted"), request + QStringLiteral("/rejected")};
}

std::unique_ptr<MqttPeer> MqttPeer::connect(const Broker &broker, const QString &clientId,
                                            const QByteArray &certificatePem,
                                            const QByteArray &keyPem, const QStringList &filters,
                                            QString *error)
{
    auto peer = std::make_unique<MqttPeer>();
    MqttClient *client = peer->m_client.get();
    MqttPeer *raw = peer.get();
    QObject::connect(client, &MqttClient::messageReceived, client,
                     [raw](const QString &topic, const QByteArray &payload) {
                         raw->messages.append({topic, payload});
                     });
    QObject::connect(client, &MqttClient::subscribed, client,
                     [raw](const QString &filter, int) { raw->subscribed.append(filter); });
    QObject::connect(client, &MqttClient::subscriptionRefused, client,
                     [raw](const QString &filter) { raw->refused.append(filter); });
    QObject::connect(client, &MqttClient::errorOccurred, client,
                     [raw](const QString &reason) { raw->errors.append(reason); });

    if (!client->setTlsCredentials(broker.caPem, certificatePem, keyPem, error))
        return nullptr;
    Blackbird::MqttReconnectPolicy noRetry;
    noRetry.enabled = false;
    client->setReconnectPolicy(noRetry);
    client->setProtocolVersion(broker.version);
    client->setBroker(QStringLiteral("127.0.0.1"), broker.port);
    client->setClientId(clientId);
    for (const QString &filter : filters)
        client->subscribe(filter, 1);
    client->connectToBroker();

    const bool settled = QTest::qWaitFor(
        [&] {
            return !raw->errors.isEmpty() ||
                   (client->isConnected() &&
                    raw->subscribed.size() + raw->refused.size() == filters.size());
        },
        10000);
    if (!settled || !client->isConnected()) {
        *error = QStringLiteral("%1 could not connect: %2")
                     .arg(clientId, raw->errors.join(QStringLiteral("; ")));
        return nullptr;
    }
    return peer;
}

QList<QByteArray> MqttPeer::payloadsOn(const QString &topic) const
{
    QList<QByteArray> payloads;
    for (const auto &[t, p] : messages) {
        if (t == topic)
            payloads.append(p);
    }
    return payloads;
}

bool MqttPeer::publishAcked(const QString &topic, const QByteArray &payload)
{
    QSignalSpy published(m_client.get(), &MqttClient::published);
    const int messageId = m_client->publish(topic, payload, 1);
    if (messageId <= 0)
        return false;
    return QTest::qWaitFor(
        [&] {
            for (const QList<QVariant> &arguments : std::as_const(published)) {
                if (arguments.at(0).toInt() == messageId)
                    return true;
            }
            return false;
        },
        5000);
}

std::optional<QJsonObject> MqttPeer::call(const QString &request, const QByteArray &payload,
                                          bool *accepted)
{
    const qsizetype before = messages.size();
    if (m_client->publish(request, payload, 1) < 0)
        return std::nullopt;

    const QStringList replies = replyTopics(request);
    qsizetype found = -1;
    const bool answered = QTest::qWaitFor(
        [&] {
            for (qsizetype i = before; i < messages.size(); ++i) {
                if (replies.contains(messages[i].first)) {
                    found = i;
                    return true;
                }
            }
            return false;
        },
        10000);
    if (!answered)
        return std::nullopt;
    *accepted = messages[found].first == replies.first();
    if (request.endsWith(QLatin1String("/cbor")))
        return QCborValue::fromCbor(messages[found].second).toMap().toJsonObject();
    return QJsonDocument::fromJson(messages[found].second).object();
}
