// A small QObject adapter over libmosquitto: one TLS-only MQTT connection with client
// certificates, used by the station's broker monitor, the simulator's fleet-provisioning handshake
// and the local stack's fleet service.
//
// Threading: libmosquitto's network loop runs on the thread that owns the client (normally the Qt
// main thread), driven by QSocketNotifiers on the client's socket and a one-second timer, each
// calling mosquitto_loop() with a zero timeout. Nothing ever blocks: connects are non-blocking and
// host names are resolved with QHostInfo before libmosquitto sees them. This was chosen over
// mosquitto_loop_start() because one thread owns every piece of state: there are no locks, no
// callbacks racing the destructor, and the reconnect policy (exponential backoff with jitter,
// which libmosquitto's own loop lacks) is an ordinary QTimer. libmosquitto's callbacks only update
// state; every signal is delivered queued, so a slot may delete or reconfigure the client.
//
// TLS: the client builds its own OpenSSL SSL_CTX from PEM held in memory and hands it to
// libmosquitto with MOSQ_OPT_SSL_CTX, so no private key is ever written to a file. The context
// requires TLS 1.2 or newer, verifies the broker's chain against the given CA certificates and
// checks that the broker's certificate names the host (or IP address) that was dialled.
//
// Each connection attempt gets a fresh libmosquitto handle, so aborting an attempt is simply
// destroying it. Subscriptions are remembered and renewed on every connect; messages are not
// queued while disconnected (publish() then fails with a reason).
//
// Known limits: libmosquitto 2.0's mosquitto_loop() waits with select(), so a socket numbered
// 1024 or above (a process with that many descriptors open) cannot be served; and because
// libmosquitto is handed the resolved address, a broker reached by host name sees that address,
// not the name, as TLS SNI (the certificate check itself uses the name).
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

struct mosquitto;
struct mosquitto_message;
typedef struct ssl_ctx_st SSL_CTX;
typedef struct evp_pkey_st EVP_PKEY;
typedef struct x509_store_ctx_st X509_STORE_CTX;

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace Blackbird {

class EcKey;

// How the client retries after a failed attempt or a lost connection.
struct MqttReconnectPolicy
{
    bool enabled = true;
    int initialDelayMs = 500;
    int maxDelayMs = 30000;
    // Each delay is spread by up to this fraction either way, so that many stations restarted
    // together do not reconnect in lockstep.
    double jitter = 0.25;
};

class MqttClient : public QObject
{
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, Connected, Disconnecting };
    Q_ENUM(State)

    enum class ProtocolVersion { Mqtt311, Mqtt5 };
    Q_ENUM(ProtocolVersion)

    explicit MqttClient(QObject *parent = nullptr);
    ~MqttClient() override;

    void setBroker(const QString &host, quint16 port);
    // Empty lets libmosquitto choose a random client id.
    void setClientId(const QString &clientId);
    void setKeepAlive(int seconds);
    void setCleanSession(bool clean);
    void setProtocolVersion(ProtocolVersion version);
    void setReconnectPolicy(const MqttReconnectPolicy &policy);
    // How long one attempt (TCP, TLS and CONNACK) may take before it counts as failed.
    void setConnectTimeout(int milliseconds);

    // The CA certificates that verify the broker, this client's certificate (optionally followed
    // by its intermediates) and its private key, all PEM in memory. The key is parsed straight
    // into OpenSSL and not kept by this object; the caller wipes its copy. Encrypted keys are
    // refused. Returns false with a reason when the material does not fit together.
    bool setTlsCredentials(QByteArrayView caPem, QByteArrayView certificatePem,
                           QByteArrayView privateKeyPem, QString *error = nullptr);
    bool setTlsCredentials(QByteArrayView caPem, QByteArrayView certificatePem, const EcKey &key,
                           QString *error = nullptr);

    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    QString clientId() const { return m_clientId; }
    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    // Why the last attempt or connection ended, in words for a person.
    QString lastError() const { return m_lastError; }

    // Starts connecting; progress and failures arrive as signals.
    void connectToBroker();
    // Sends DISCONNECT when connected, stops any retry, and ends in State::Disconnected.
    void disconnectFromBroker();

    // Remembered and (re)sent on every connect. Returns the message id of the SUBSCRIBE sent now,
    // 0 when it waits for the connection, or -1 with a reason.
    int subscribe(const QString &topicFilter, int qos = 1, QString *error = nullptr);
    int unsubscribe(const QString &topicFilter, QString *error = nullptr);
    // Returns the message id, or -1 with a reason (for example when not connected).
    int publish(const QString &topic, const QByteArray &payload, int qos = 1, bool retain = false,
                QString *error = nullptr);

signals:
    void stateChanged(Blackbird::MqttClient::State state);
    void connected();
    // A connection that was up has ended; reason says why.
    void disconnected(const QString &reason);
    // An attempt failed or something went wrong on the connection; reason says what.
    void errorOccurred(const QString &reason);
    void reconnectScheduled(int attempt, int delayMs);
    void messageReceived(const QString &topic, const QByteArray &payload);
    void subscribed(const QString &topicFilter, int grantedQos);
    void subscriptionRefused(const QString &topicFilter);
    void unsubscribed(const QString &topicFilter);
    // QoS 0: the message was handed to the socket; QoS 1 and 2: the broker acknowledged it.
    void published(int messageId);

private:
    bool installContext(QByteArrayView caPem, QByteArrayView certificatePem, EVP_PKEY *key,
                        QString *error);
    void startAttempt();
    void openConnection(const QString &address);
    bool createHandle(QString *error);
    void discardHandle();
    void destroyHandle();
    void pump(bool socketActivity);
    bool checkTcpFailure();
    void afterLibraryCall();
    void syncNotifiers();
    void attemptFailed(const QString &reason);
    void connectionLost(const QString &reason);
    void finishDisconnect();
    void retryOrStop();
    void setState(State state);
    void sendSubscriptions();
    QString describeFailure(int rc) const;
    QString describeTlsFailure() const;
    QString endpoint() const;
    template<typename Emit> void post(Emit emitter);

    static void onConnect(struct mosquitto *mosq, void *self, int rc);
    static void onDisconnect(struct mosquitto *mosq, void *self, int rc);
    static void onMessage(struct mosquitto *mosq, void *self, const struct mosquitto_message *msg);
    static void onSubscribe(struct mosquitto *mosq, void *self, int mid, int count,
                            const int *granted);
    static void onUnsubscribe(struct mosquitto *mosq, void *self, int mid);
    static void onPublish(struct mosquitto *mosq, void *self, int mid);
    static void onLog(struct mosquitto *mosq, void *self, int level, const char *text);
    static int verifyPeer(int preverifyOk, X509_STORE_CTX *store);

    QString m_host = QStringLiteral("127.0.0.1");
    quint16 m_port = 8883;
    QString m_clientId;
    int m_keepAlive = 30;
    bool m_cleanSession = true;
    ProtocolVersion m_version = ProtocolVersion::Mqtt311;
    MqttReconnectPolicy m_policy;
    int m_connectTimeoutMs = 10000;

    SSL_CTX *m_sslContext = nullptr;
    struct mosquitto *m_mosq = nullptr;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    int m_notifiedSocket = -1;
    QTimer m_loopTimer;
    QTimer m_attemptTimer;
    QTimer m_reconnectTimer;

    State m_state = State::Disconnected;
    bool m_wantConnection = false;
    bool m_tcpEstablished = false;
    bool m_handleEnded = false;
    bool m_handleDoomed = false;
    int m_callbackDepth = 0;
    int m_attempt = 0;
    int m_lookupId = -1;
    QString m_lastError;
    QString m_refusal;
    QString m_verifyFailure;
    QStringList m_tlsErrors;

    QHash<QString, int> m_subscriptions;
    QHash<int, QStringList> m_pendingSubscribe;
    QHash<int, QString> m_pendingUnsubscribe;
};

} // namespace Blackbird
