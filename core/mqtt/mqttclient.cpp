// MqttClient: libmosquitto driven from the Qt event loop, with an in-memory OpenSSL context.
// See the header for why the loop runs on the owning thread.
#include "mqttclient.h"

#include "crypto/eckey.h"
#include "logging/logcategories.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QPointer>
#include <QRandomGenerator>
#include <QSocketNotifier>

#include <mosquitto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>
#include <mutex>
#include <poll.h>
#include <sys/socket.h>
#include <vector>

namespace Blackbird {

namespace {

struct BioFree
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct X509Free
{
    void operator()(X509 *cert) const { X509_free(cert); }
};
struct PkeyFree
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct SslCtxFree
{
    void operator()(SSL_CTX *ctx) const { SSL_CTX_free(ctx); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using SslCtxPtr = std::unique_ptr<SSL_CTX, SslCtxFree>;

constexpr int LoopIntervalMs = 1000;
constexpr int DisconnectGraceMs = 2000;

void initLibrary()
{
    static std::once_flag once;
    std::call_once(once, [] {
        mosquitto_lib_init();

        // OpenSSL writes to the socket with write(), so a broker that vanishes mid-write would
        // otherwise kill the whole process with SIGPIPE. Only the default action is replaced.
        struct sigaction current = {};
        if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
            std::signal(SIGPIPE, SIG_IGN);
    });
}

BioPtr memoryBio(QByteArrayView bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.data(), int(bytes.size())));
}

std::vector<X509Ptr> readCertificates(QByteArrayView pem)
{
    std::vector<X509Ptr> certs;
    BioPtr bio = memoryBio(pem);
    while (X509 *cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
        certs.emplace_back(cert);
    ERR_clear_error();
    return certs;
}

// Refuses to prompt for a pass phrase: an encrypted key is an error here, not a terminal dialog.
int noPassphrase(char *, int, int, void *)
{
    return 0;
}

QString opensslErrors()
{
    QStringList parts;
    while (unsigned long code = ERR_get_error()) {
        char text[256];
        ERR_error_string_n(code, text, sizeof text);
        parts << QString::fromLatin1(text);
    }
    return parts.join(QStringLiteral("; "));
}

bool fail(QString *error, const QString &reason)
{
    if (error)
        *error = reason;
    return false;
}

QString certificateName(X509 *cert)
{
    if (!cert)
        return QString();
    char name[256] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, name, sizeof name);
    return QString::fromUtf8(name);
}

QString describeVerifyError(int code, X509 *cert, int depth)
{
    const QString who = depth == 0 ? QStringLiteral("the broker's certificate")
                                   : QStringLiteral("the issuer certificate \"%1\" of the broker")
                                         .arg(certificateName(cert));
    switch (code) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return QStringLiteral("%1 has expired").arg(who);
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return QStringLiteral("%1 is not valid yet").arg(who);
    case X509_V_ERR_HOSTNAME_MISMATCH:
        return QStringLiteral("the broker's certificate does not name the host that was dialled");
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        return QStringLiteral("the broker's certificate does not name the IP address that was "
                              "dialled");
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
        return QStringLiteral("%1 is not issued by the configured certificate authority (%2)")
            .arg(who, QString::fromLatin1(X509_verify_cert_error_string(code)));
    default:
        return QStringLiteral("%1 was refused: %2")
            .arg(who, QString::fromLatin1(X509_verify_cert_error_string(code)));
    }
}

} // namespace

// Every signal goes through the event loop, never straight out of a libmosquitto callback, so a
// slot may delete or reconnect this client; events still queued die with the object.
template<typename Emit> void MqttClient::post(Emit emitter)
{
    QMetaObject::invokeMethod(this, std::move(emitter), Qt::QueuedConnection);
}

MqttClient::MqttClient(QObject *parent)
    : QObject(parent)
{
    initLibrary();

    m_loopTimer.setInterval(LoopIntervalMs);
    connect(&m_loopTimer, &QTimer::timeout, this, [this] { pump(false); });

    m_attemptTimer.setSingleShot(true);
    connect(&m_attemptTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::Disconnecting) {
            finishDisconnect();
            return;
        }
        attemptFailed(tr("No answer from the broker at %1 within %2 ms")
                          .arg(endpoint())
                          .arg(m_connectTimeoutMs));
    });

    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &MqttClient::startAttempt);
}

MqttClient::~MqttClient()
{
    m_wantConnection = false;
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);

    // A last DISCONNECT so the broker does not publish a will or wait for the keepalive; the
    // handle is destroyed right after, whether or not the packet left. The callbacks it may
    // trigger must not touch a half-destroyed object.
    m_handleEnded = true;
    if (m_mosq && m_state == State::Connected)
        mosquitto_disconnect(m_mosq);
    destroyHandle();

    if (m_sslContext)
        SSL_CTX_free(m_sslContext);
}

void MqttClient::setBroker(const QString &host, quint16 port)
{
    m_host = host;
    m_port = port;
}

void MqttClient::setClientId(const QString &clientId)
{
    m_clientId = clientId;
}

void MqttClient::setKeepAlive(int seconds)
{
    m_keepAlive = qMax(5, seconds);
}

void MqttClient::setCleanSession(bool clean)
{
    m_cleanSession = clean;
}

void MqttClient::setProtocolVersion(ProtocolVersion version)
{
    m_version = version;
}

void MqttClient::setReconnectPolicy(const MqttReconnectPolicy &policy)
{
    m_policy = policy;
    m_policy.initialDelayMs = qMax(10, policy.initialDelayMs);
    m_policy.maxDelayMs = qMax(m_policy.initialDelayMs, policy.maxDelayMs);
    m_policy.jitter = qBound(0.0, policy.jitter, 1.0);
}

void MqttClient::setConnectTimeout(int milliseconds)
{
    m_connectTimeoutMs = qMax(100, milliseconds);
}

bool MqttClient::setTlsCredentials(QByteArrayView caPem, QByteArrayView certificatePem,
                                   QByteArrayView privateKeyPem, QString *error)
{
    BioPtr bio = memoryBio(privateKeyPem);
    PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr));
    if (!key) {
        ERR_clear_error();
        return fail(error, tr("The client private key is not an unencrypted PEM private key"));
    }
    return installContext(caPem, certificatePem, key.get(), error);
}

bool MqttClient::setTlsCredentials(QByteArrayView caPem, QByteArrayView certificatePem,
                                   const EcKey &key, QString *error)
{
    if (key.isNull() || !key.hasPrivateKey())
        return fail(error, tr("The client key has no private part"));
    return installContext(caPem, certificatePem, key.handle(), error);
}

bool MqttClient::installContext(QByteArrayView caPem, QByteArrayView certificatePem, EVP_PKEY *key,
                                QString *error)
{
    const std::vector<X509Ptr> authorities = readCertificates(caPem);
    if (authorities.empty())
        return fail(error, tr("The CA file holds no PEM certificate"));

    const std::vector<X509Ptr> chain = readCertificates(certificatePem);
    if (chain.empty())
        return fail(error, tr("The client certificate is not a PEM certificate"));

    SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
    if (!ctx)
        return fail(error, tr("OpenSSL could not create a TLS context: %1").arg(opensslErrors()));
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
    SSL_CTX_set_options(ctx.get(), SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);

    X509_STORE *store = SSL_CTX_get_cert_store(ctx.get());
    for (const X509Ptr &ca : authorities) {
        if (X509_STORE_add_cert(store, ca.get()) != 1) {
            ERR_clear_error(); // the same certificate twice in the bundle is harmless
        }
    }

    if (SSL_CTX_use_certificate(ctx.get(), chain.front().get()) != 1)
        return fail(error, tr("The client certificate was refused: %1").arg(opensslErrors()));
    for (size_t i = 1; i < chain.size(); ++i) {
        if (SSL_CTX_add1_chain_cert(ctx.get(), chain.at(i).get()) != 1)
            return fail(error,
                        tr("An intermediate certificate was refused: %1").arg(opensslErrors()));
    }
    if (SSL_CTX_use_PrivateKey(ctx.get(), key) != 1 || SSL_CTX_check_private_key(ctx.get()) != 1) {
        ERR_clear_error();
        return fail(error, tr("The private key does not belong to the client certificate"));
    }

    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, &MqttClient::verifyPeer);
    SSL_CTX_set_app_data(ctx.get(), this);

    if (m_sslContext)
        SSL_CTX_free(m_sslContext);
    m_sslContext = ctx.release();
    return true;
}

void MqttClient::connectToBroker()
{
    if (m_state == State::Connecting || m_state == State::Connected)
        return;
    if (m_state == State::Disconnecting)
        destroyHandle();

    m_wantConnection = true;
    m_attempt = 0;
    startAttempt();
}

void MqttClient::disconnectFromBroker()
{
    if (m_state == State::Disconnecting)
        return; // the DISCONNECT already sent finishes the job

    m_wantConnection = false;
    m_reconnectTimer.stop();
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }

    if (m_state == State::Connected && m_mosq) {
        setState(State::Disconnecting);
        m_attemptTimer.start(DisconnectGraceMs);
        if (mosquitto_disconnect(m_mosq) != MOSQ_ERR_SUCCESS)
            finishDisconnect();
        else
            afterLibraryCall();
        return;
    }

    m_attemptTimer.stop();
    destroyHandle();
    setState(State::Disconnected);
}

int MqttClient::subscribe(const QString &topicFilter, int qos, QString *error)
{
    if (topicFilter.isEmpty() || qos < 0 || qos > 2) {
        fail(error, tr("A subscription needs a topic filter and a QoS of 0, 1 or 2"));
        return -1;
    }
    m_subscriptions.insert(topicFilter, qos);
    if (m_state != State::Connected || !m_mosq)
        return 0;

    int mid = 0;
    const QByteArray topic = topicFilter.toUtf8();
    const int rc = mosquitto_subscribe(m_mosq, &mid, topic.constData(), qos);
    if (rc != MOSQ_ERR_SUCCESS) {
        m_subscriptions.remove(topicFilter);
        fail(error, tr("Could not subscribe to %1: %2")
                        .arg(topicFilter, QString::fromUtf8(mosquitto_strerror(rc))));
        return -1;
    }
    m_pendingSubscribe.insert(mid, {topicFilter});
    afterLibraryCall();
    return mid;
}

int MqttClient::unsubscribe(const QString &topicFilter, QString *error)
{
    m_subscriptions.remove(topicFilter);
    if (m_state != State::Connected || !m_mosq)
        return 0;

    int mid = 0;
    const QByteArray topic = topicFilter.toUtf8();
    const int rc = mosquitto_unsubscribe(m_mosq, &mid, topic.constData());
    if (rc != MOSQ_ERR_SUCCESS) {
        fail(error, tr("Could not unsubscribe from %1: %2")
                        .arg(topicFilter, QString::fromUtf8(mosquitto_strerror(rc))));
        return -1;
    }
    m_pendingUnsubscribe.insert(mid, topicFilter);
    afterLibraryCall();
    return mid;
}

int MqttClient::publish(const QString &topic, const QByteArray &payload, int qos, bool retain,
                        QString *error)
{
    if (m_state != State::Connected || !m_mosq) {
        fail(error, tr("Cannot publish to %1: not connected to the broker").arg(topic));
        return -1;
    }
    if (qos < 0 || qos > 2) {
        fail(error, tr("QoS must be 0, 1 or 2"));
        return -1;
    }

    int mid = 0;
    const QByteArray topicBytes = topic.toUtf8();
    const int rc = mosquitto_publish(m_mosq, &mid, topicBytes.constData(), int(payload.size()),
                                     payload.constData(), qos, retain);
    if (rc != MOSQ_ERR_SUCCESS) {
        fail(error, tr("Could not publish to %1: %2")
                        .arg(topic, QString::fromUtf8(mosquitto_strerror(rc))));
        afterLibraryCall();
        return -1;
    }
    afterLibraryCall();
    return mid;
}

void MqttClient::startAttempt()
{
    if (!m_wantConnection)
        return;
    if (!m_sslContext) {
        m_wantConnection = false;
        attemptFailed(tr("No TLS credentials are set; this client only connects over TLS"));
        return;
    }

    setState(State::Connecting);
    ++m_attempt;
    m_refusal.clear();
    m_verifyFailure.clear();
    m_tlsErrors.clear();
    m_attemptTimer.start(m_connectTimeoutMs);

    QHostAddress literal;
    if (literal.setAddress(m_host)) {
        openConnection(m_host);
        return;
    }

    // Resolved here rather than by libmosquitto, whose getaddrinfo() call would block this thread.
    m_lookupId = QHostInfo::lookupHost(m_host, this, [this](const QHostInfo &info) {
        m_lookupId = -1;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            attemptFailed(
                tr("Cannot resolve the broker host %1: %2").arg(m_host, info.errorString()));
            return;
        }
        openConnection(info.addresses().constFirst().toString());
    });
}

void MqttClient::openConnection(const QString &address)
{
    QString error;
    if (!createHandle(&error)) {
        attemptFailed(error);
        return;
    }

    // The certificate must name what the user asked for, not the address it resolved to.
    X509_VERIFY_PARAM *param = SSL_CTX_get0_param(m_sslContext);
    X509_VERIFY_PARAM_set1_host(param, nullptr, 0);
    X509_VERIFY_PARAM_set1_ip(param, nullptr, 0);
    QHostAddress literal;
    const QByteArray host = m_host.toUtf8();
    if (literal.setAddress(m_host))
        X509_VERIFY_PARAM_set1_ip_asc(param, host.constData());
    else
        X509_VERIFY_PARAM_set1_host(param, host.constData(), size_t(host.size()));
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);

    qCDebug(lcMqtt) << "Connecting to" << endpoint() << "attempt" << m_attempt;
    const QByteArray addressBytes = address.toUtf8();
    const int rc = mosquitto_connect_async(m_mosq, addressBytes.constData(), m_port, m_keepAlive);
    if (rc != MOSQ_ERR_SUCCESS) {
        attemptFailed(describeFailure(rc));
        return;
    }
    afterLibraryCall();
}

bool MqttClient::createHandle(QString *error)
{
    destroyHandle();

    const QByteArray id = m_clientId.toUtf8();
    m_mosq = mosquitto_new(id.isEmpty() ? nullptr : id.constData(), m_cleanSession, this);
    if (!m_mosq)
        return fail(error, tr("libmosquitto could not create a client (%1)")
                               .arg(QString::fromLocal8Bit(std::strerror(errno))));
    m_handleEnded = false;
    m_handleDoomed = false;
    m_tcpEstablished = false;

    mosquitto_int_option(m_mosq, MOSQ_OPT_PROTOCOL_VERSION,
                         m_version == ProtocolVersion::Mqtt5 ? MQTT_PROTOCOL_V5
                                                             : MQTT_PROTOCOL_V311);
    // Small packets go out at once: with Nagle's algorithm on, a request written while the
    // previous packet's acknowledgement is outstanding waits for the peer's delayed ACK (40 ms on
    // Linux), and every MQTT round trip of the handshake cost about 44 ms on loopback.
    mosquitto_int_option(m_mosq, MOSQ_OPT_TCP_NODELAY, 1);
    // libmosquitto takes its own reference and releases it in mosquitto_destroy(). Its own
    // defaults (which want a CA file on disk) must stay off: the context is complete as it is.
    mosquitto_int_option(m_mosq, MOSQ_OPT_SSL_CTX_WITH_DEFAULTS, 0);
    const int rc = mosquitto_void_option(m_mosq, MOSQ_OPT_SSL_CTX, m_sslContext);
    if (rc != MOSQ_ERR_SUCCESS) {
        destroyHandle();
        return fail(error, tr("libmosquitto refused the TLS context: %1")
                               .arg(QString::fromUtf8(mosquitto_strerror(rc))));
    }
    mosquitto_connect_callback_set(m_mosq, &MqttClient::onConnect);
    mosquitto_disconnect_callback_set(m_mosq, &MqttClient::onDisconnect);
    mosquitto_message_callback_set(m_mosq, &MqttClient::onMessage);
    mosquitto_subscribe_callback_set(m_mosq, &MqttClient::onSubscribe);
    mosquitto_unsubscribe_callback_set(m_mosq, &MqttClient::onUnsubscribe);
    mosquitto_publish_callback_set(m_mosq, &MqttClient::onPublish);
    mosquitto_log_callback_set(m_mosq, &MqttClient::onLog);
    return true;
}

void MqttClient::discardHandle()
{
    // Inside a libmosquitto callback the handle is still in use; it goes when the call returns.
    if (m_callbackDepth > 0)
        m_handleDoomed = true;
    else
        destroyHandle();
}

void MqttClient::destroyHandle()
{
    m_loopTimer.stop();
    for (QSocketNotifier *notifier : {m_readNotifier, m_writeNotifier}) {
        if (notifier) {
            notifier->setEnabled(false);
            notifier->deleteLater();
        }
    }
    m_readNotifier = nullptr;
    m_writeNotifier = nullptr;
    m_notifiedSocket = -1;
    m_pendingSubscribe.clear();
    m_pendingUnsubscribe.clear();

    if (m_mosq) {
        mosquitto_destroy(m_mosq);
        m_mosq = nullptr;
    }
    m_handleDoomed = false;
}

void MqttClient::pump(bool socketActivity)
{
    if (!m_mosq)
        return;
    if (socketActivity && m_state == State::Connecting && checkTcpFailure())
        return;

    const int rc = mosquitto_loop(m_mosq, 0, 1);

    // A TLS handshake that fails inside mosquitto_loop() closes the socket without calling the
    // disconnect callback, so the failure is picked up here.
    if (rc != MOSQ_ERR_SUCCESS && !m_handleEnded && mosquitto_socket(m_mosq) < 0) {
        m_handleEnded = true;
        if (m_state == State::Connected)
            connectionLost(describeFailure(rc));
        else if (m_state == State::Disconnecting)
            finishDisconnect();
        else
            attemptFailed(describeFailure(rc));
    }
    afterLibraryCall();
}

bool MqttClient::checkTcpFailure()
{
    const int fd = mosquitto_socket(m_mosq);
    if (fd < 0)
        return false;
    pollfd poll = {fd, POLLIN | POLLOUT, 0};
    ::poll(&poll, 1, 0);

    // libmosquitto 2.0 retries the TLS handshake forever on a socket whose connect() failed (its
    // first TLS write already consumed the error), so the outcome of the non-blocking connect is
    // read here: a socket that hung up without ever having a peer was refused or reset.
    if (!m_tcpEstablished) {
        sockaddr_storage peer = {};
        socklen_t peerLength = sizeof peer;
        if (getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &peerLength) == 0) {
            m_tcpEstablished = true;
        } else if (poll.revents & (POLLERR | POLLHUP)) {
            int socketError = 0;
            socklen_t length = sizeof socketError;
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &socketError, &length);
            const QString why = socketError != 0
                                    ? QString::fromLocal8Bit(std::strerror(socketError))
                                    : tr("the connection was refused or reset");
            attemptFailed(tr("Could not reach the broker at %1: %2").arg(endpoint(), why));
            return true;
        } else {
            return false;
        }
    }

    // The same endless retry happens when the broker closes the connection mid-handshake without
    // a TLS alert: nothing left to read and end of stream means the attempt is over.
    char byte = 0;
    if ((poll.revents & (POLLIN | POLLHUP)) && recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0) {
        const QString tls = describeTlsFailure();
        attemptFailed(tr("The broker at %1 closed the connection before accepting it%2")
                          .arg(endpoint(), tls.isEmpty() ? QString() : QStringLiteral(": ") + tls));
        return true;
    }
    return false;
}

void MqttClient::afterLibraryCall()
{
    if (m_handleDoomed)
        destroyHandle();
    else
        syncNotifiers();
}

void MqttClient::syncNotifiers()
{
    const int fd = m_mosq ? mosquitto_socket(m_mosq) : -1;
    if (fd != m_notifiedSocket) {
        for (QSocketNotifier *notifier : {m_readNotifier, m_writeNotifier}) {
            if (notifier) {
                notifier->setEnabled(false);
                notifier->deleteLater();
            }
        }
        m_readNotifier = nullptr;
        m_writeNotifier = nullptr;
        m_notifiedSocket = fd;
        if (fd >= 0) {
            m_readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
            connect(m_readNotifier, &QSocketNotifier::activated, this, [this] { pump(true); });
            m_writeNotifier = new QSocketNotifier(fd, QSocketNotifier::Write, this);
            connect(m_writeNotifier, &QSocketNotifier::activated, this, [this] { pump(true); });
            m_loopTimer.start();
        } else {
            m_loopTimer.stop();
        }
    }

    // Before the TCP connect completes libmosquitto has nothing to write yet, but writability is
    // how a non-blocking connect reports that it finished.
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(mosquitto_want_write(m_mosq) || !m_tcpEstablished);
}

void MqttClient::attemptFailed(const QString &reason)
{
    qCInfo(lcMqtt).noquote() << "Connection attempt failed:" << reason;
    m_attemptTimer.stop();
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    m_handleEnded = true;
    discardHandle();
    m_lastError = reason;
    post([this, reason] { emit errorOccurred(reason); });
    retryOrStop();
}

void MqttClient::connectionLost(const QString &reason)
{
    qCInfo(lcMqtt).noquote() << "Connection to" << endpoint() << "lost:" << reason;
    m_attemptTimer.stop();
    m_handleEnded = true;
    discardHandle();
    m_lastError = reason;
    post([this, reason] { emit disconnected(reason); });
    retryOrStop();
}

void MqttClient::finishDisconnect()
{
    m_attemptTimer.stop();
    m_handleEnded = true;
    const bool wasUp = m_state == State::Disconnecting || m_state == State::Connected;
    discardHandle();
    setState(State::Disconnected);
    if (wasUp) {
        const QString reason = tr("Disconnected on request");
        post([this, reason] { emit disconnected(reason); });
    }
}

void MqttClient::retryOrStop()
{
    if (!m_wantConnection || !m_policy.enabled) {
        m_wantConnection = false;
        setState(State::Disconnected);
        return;
    }

    // Exponential backoff from the initial delay, capped, then spread by the jitter fraction.
    const int exponent = qBound(0, m_attempt - 1, 20); // 0 after a connection that was up
    const double base =
        qMin(double(m_policy.maxDelayMs), double(m_policy.initialDelayMs) * double(1 << exponent));
    const double spread =
        (QRandomGenerator::global()->generateDouble() * 2.0 - 1.0) * m_policy.jitter;
    const int delay = qMax(1, int(base * (1.0 + spread)));

    setState(State::Connecting);
    m_reconnectTimer.start(delay);
    const int attempt = m_attempt + 1;
    qCDebug(lcMqtt) << "Retrying" << endpoint() << "in" << delay << "ms";
    post([this, attempt, delay] { emit reconnectScheduled(attempt, delay); });
}

void MqttClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    post([this, state] { emit stateChanged(state); });
}

void MqttClient::sendSubscriptions()
{
    for (auto it = m_subscriptions.cbegin(); it != m_subscriptions.cend(); ++it) {
        int mid = 0;
        const QByteArray topic = it.key().toUtf8();
        const int rc = mosquitto_subscribe(m_mosq, &mid, topic.constData(), it.value());
        if (rc == MOSQ_ERR_SUCCESS) {
            m_pendingSubscribe.insert(mid, {it.key()});
        } else {
            const QString reason = tr("Could not subscribe to %1: %2")
                                       .arg(it.key(), QString::fromUtf8(mosquitto_strerror(rc)));
            post([this, reason] { emit errorOccurred(reason); });
        }
    }
}

QString MqttClient::describeFailure(int rc) const
{
    if (!m_refusal.isEmpty())
        return tr("The broker at %1 refused the connection: %2").arg(endpoint(), m_refusal);

    const QString tls = describeTlsFailure();
    if (rc == MOSQ_ERR_TLS || (!tls.isEmpty() && m_state != State::Connected))
        return tr("TLS with the broker at %1 failed: %2")
            .arg(endpoint(), tls.isEmpty() ? tr("handshake error") : tls);
    if (!tls.isEmpty())
        return tr("The connection to the broker at %1 failed: %2").arg(endpoint(), tls);

    // Mosquitto checks the client certificate after a TLS 1.3 handshake has completed on the
    // client's side; when its alert loses the race with the client's CONNECT, all that is left
    // is a reset connection. libmosquitto reports EPROTO only from TLS reads and writes, so the
    // TCP connection was up even when that happened inside mosquitto_connect_async().
    const int savedErrno = errno;
    const bool tlsLayerFailed = rc == MOSQ_ERR_ERRNO && savedErrno == EPROTO;
    if (m_state == State::Connecting && (m_tcpEstablished || tlsLayerFailed) &&
        (rc == MOSQ_ERR_ERRNO || rc == MOSQ_ERR_CONN_LOST || rc == MOSQ_ERR_PROTOCOL))
        return tr("The broker at %1 closed the connection before accepting it; it may have "
                  "refused this client's certificate (%2)")
            .arg(endpoint(), rc == MOSQ_ERR_ERRNO
                                 ? QString::fromLocal8Bit(std::strerror(savedErrno))
                                 : QString::fromUtf8(mosquitto_strerror(rc)));

    switch (rc) {
    case MOSQ_ERR_ERRNO:
        return tr("The connection to the broker at %1 failed: %2")
            .arg(endpoint(), QString::fromLocal8Bit(std::strerror(savedErrno)));
    case MOSQ_ERR_EAI:
        return tr("Cannot resolve the broker host %1").arg(m_host);
    case MOSQ_ERR_KEEPALIVE:
        return tr("The broker at %1 stopped answering (keepalive timeout)").arg(endpoint());
    case MOSQ_ERR_CONN_LOST:
    case MOSQ_ERR_NO_CONN:
        return tr("The connection to the broker at %1 was lost").arg(endpoint());
    default:
        return tr("The connection to the broker at %1 failed: %2")
            .arg(endpoint(), QString::fromUtf8(mosquitto_strerror(rc)));
    }
}

QString MqttClient::describeTlsFailure() const
{
    if (!m_verifyFailure.isEmpty())
        return m_verifyFailure;
    const QString all = m_tlsErrors.join(QLatin1Char(' '));
    if (all.contains(QLatin1String("protocol version")) ||
        all.contains(QLatin1String("unsupported protocol")) ||
        all.contains(QLatin1String("no protocols available")))
        return tr("the broker offers no TLS version this client accepts (TLS 1.2 or newer)");
    if (all.contains(QLatin1String("alert unknown ca")) ||
        all.contains(QLatin1String("alert bad certificate")) ||
        all.contains(QLatin1String("certificate required")) ||
        all.contains(QLatin1String("alert certificate unknown")))
        return tr("the broker refused this client's certificate");
    if (!m_tlsErrors.isEmpty())
        return m_tlsErrors.last();
    return QString();
}

QString MqttClient::endpoint() const
{
    return QStringLiteral("%1:%2").arg(m_host).arg(m_port);
}

namespace {
// Marks the time spent inside a libmosquitto callback, when the handle must not be destroyed.
class CallbackScope
{
public:
    explicit CallbackScope(int &depth)
        : m_depth(depth)
    {
        ++m_depth;
    }
    ~CallbackScope() { --m_depth; }

private:
    int &m_depth;
};
} // namespace

void MqttClient::onConnect(struct mosquitto *, void *self, int rc)
{
    auto *client = static_cast<MqttClient *>(self);
    CallbackScope scope(client->m_callbackDepth);
    if (rc != 0) {
        client->m_refusal = QString::fromUtf8(mosquitto_connack_string(rc));
        return; // libmosquitto closes the socket and reports the disconnect next
    }

    client->m_attemptTimer.stop();
    client->m_attempt = 0;
    client->m_lastError.clear();
    client->setState(State::Connected);
    qCInfo(lcMqtt) << "Connected to" << client->endpoint();
    client->post([client] { emit client->connected(); });
    client->sendSubscriptions();
}

void MqttClient::onDisconnect(struct mosquitto *, void *self, int rc)
{
    auto *client = static_cast<MqttClient *>(self);
    CallbackScope scope(client->m_callbackDepth);
    if (client->m_handleEnded)
        return;
    client->m_handleEnded = true;

    if (client->m_state == State::Disconnecting || (rc == 0 && !client->m_wantConnection))
        client->finishDisconnect();
    else if (client->m_state == State::Connected)
        client->connectionLost(client->describeFailure(rc));
    else
        client->attemptFailed(client->describeFailure(rc));
}

void MqttClient::onMessage(struct mosquitto *, void *self, const struct mosquitto_message *msg)
{
    auto *client = static_cast<MqttClient *>(self);
    const QString topic = QString::fromUtf8(msg->topic);
    const QByteArray payload(static_cast<const char *>(msg->payload), msg->payloadlen);
    client->post([client, topic, payload] { emit client->messageReceived(topic, payload); });
}

void MqttClient::onSubscribe(struct mosquitto *, void *self, int mid, int count, const int *granted)
{
    auto *client = static_cast<MqttClient *>(self);
    const QStringList topics = client->m_pendingSubscribe.take(mid);
    for (int i = 0; i < count && i < topics.size(); ++i) {
        const QString topic = topics.at(i);
        const int qos = granted[i];
        if (qos > 2) {
            qCWarning(lcMqtt).noquote() << "The broker refused the subscription to" << topic;
            client->post([client, topic] { emit client->subscriptionRefused(topic); });
        } else {
            client->post([client, topic, qos] { emit client->subscribed(topic, qos); });
        }
    }
}

void MqttClient::onUnsubscribe(struct mosquitto *, void *self, int mid)
{
    auto *client = static_cast<MqttClient *>(self);
    const QString topic = client->m_pendingUnsubscribe.take(mid);
    client->post([client, topic] { emit client->unsubscribed(topic); });
}

void MqttClient::onPublish(struct mosquitto *, void *self, int mid)
{
    auto *client = static_cast<MqttClient *>(self);
    client->post([client, mid] { emit client->published(mid); });
}

void MqttClient::onLog(struct mosquitto *, void *self, int level, const char *text)
{
    auto *client = static_cast<MqttClient *>(self);
    const QString line = QString::fromUtf8(text);
    if (level & (MOSQ_LOG_ERR | MOSQ_LOG_WARNING)) {
        if (line.contains(QLatin1String("OpenSSL Error")))
            client->m_tlsErrors << line;
        qCDebug(lcMqtt).noquote() << "libmosquitto:" << line;
    }
}

int MqttClient::verifyPeer(int preverifyOk, X509_STORE_CTX *store)
{
    if (preverifyOk)
        return 1;

    auto *ssl =
        static_cast<SSL *>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto *client =
        ssl ? static_cast<MqttClient *>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl))) : nullptr;
    const int code = X509_STORE_CTX_get_error(store);
    const QString reason = describeVerifyError(code, X509_STORE_CTX_get_current_cert(store),
                                               X509_STORE_CTX_get_error_depth(store));
    qCWarning(lcMqtt).noquote() << "Broker certificate refused:" << reason;
    if (client && client->m_verifyFailure.isEmpty())
        client->m_verifyFailure = reason;
    return 0;
}

} // namespace Blackbird
