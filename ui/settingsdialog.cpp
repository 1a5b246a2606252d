#include "settingsdialog.h"

#include "keychain/apikeystore.h"
#include "registration/registrationclient.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Blackbird {

namespace {

constexpr int kProbeTimeoutMs = 10000;

QStringList splitList(const QString &text)
{
    QStringList items;
    for (const QString &part :
         text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts))
        items << part.trimmed();
    return items;
}

QString errorCodeOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toString();
}

} // namespace

// ConnectionTest ---------------------------------------------------------------------------------

ConnectionTest::ConnectionTest(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    qRegisterMetaType<Blackbird::ConnectionTest::Result>();
    m_network->setStrictTransportSecurityEnabled(true);
}

ConnectionTest::~ConnectionTest() = default;

QString ConnectionTest::stageName(Stage stage)
{
    switch (stage) {
    case Stage::Configuration:
        return tr("Settings");
    case Stage::Dns:
        return tr("DNS");
    case Stage::Connection:
        return tr("Connection");
    case Stage::Tls:
        return tr("TLS");
    case Stage::Service:
        return tr("Registration service");
    case Stage::ApiKey:
        return tr("API key");
    case Stage::DeviceType:
        return tr("Device type");
    case Stage::Passed:
        return tr("Passed");
    }
    return {};
}

void ConnectionTest::start(const StationProfile &profile, SecretBytes apiKey)
{
    m_profile = profile;
    m_key = std::move(apiKey);
    m_result = {};
    m_tlsErrors.clear();
    m_running = true;
    m_url = QUrl(profile.registrationUrl);
    if (!m_url.isValid() || m_url.host().isEmpty()) {
        fail(Stage::Configuration, tr("The registration URL \"%1\" is not a URL. Enter it as "
                                      "https://host:port/v1/registrations.")
                                       .arg(profile.registrationUrl));
        return;
    }
    if (m_url.scheme() != QLatin1String("https")) {
        fail(Stage::Configuration, tr("The registration URL must start with https://; the "
                                      "station never sends the API key unencrypted."));
        return;
    }
    lookUp();
}

void ConnectionTest::pass(const QString &text)
{
    m_result.passed << text;
    Q_EMIT progress(text);
}

void ConnectionTest::fail(Stage stage, const QString &message)
{
    m_result.stage = stage;
    m_result.message = message;
    m_running = false;
    m_key = SecretBytes();
    Q_EMIT finished(m_result);
}

void ConnectionTest::lookUp()
{
    const QString host = m_url.host();
    QHostAddress literal;
    if (literal.setAddress(host)) {
        pass(tr("%1 is an IP address; no DNS lookup needed.").arg(host));
        checkHealth();
        return;
    }
    Q_EMIT progress(tr("Looking up %1…").arg(host));
    QHostInfo::lookupHost(host, this, [this, host](const QHostInfo &info) {
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            fail(Stage::Dns, tr("The host name %1 could not be resolved (%2). Check the URL and "
                                "the station's network and DNS settings.")
                                 .arg(host, info.errorString()));
            return;
        }
        pass(tr("%1 resolves to %2.").arg(host, info.addresses().constFirst().toString()));
        checkHealth();
    });
}

bool ConnectionTest::classifyTransportError(QNetworkReply *reply)
{
    const QNetworkReply::NetworkError error = reply->error();
    const QString where = QStringLiteral("%1:%2").arg(m_url.host()).arg(m_url.port(443));
    if (!m_tlsErrors.isEmpty() || error == QNetworkReply::SslHandshakeFailedError) {
        fail(Stage::Tls,
             tr("The TLS handshake with %1 failed: %2. Check that the CA file is the one that "
                "signed the service's certificate and that the URL's host name is in it.")
                 .arg(where, m_tlsErrors.isEmpty() ? reply->errorString()
                                                   : m_tlsErrors.join(QStringLiteral("; "))));
        return true;
    }
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        fail(Stage::Connection, tr("Nothing accepts connections at %1 (connection refused). Is "
                                   "the registration service running, and is the port right?")
                                    .arg(where));
        return true;
    case QNetworkReply::HostNotFoundError:
        fail(Stage::Dns, tr("The host %1 was not found.").arg(m_url.host()));
        return true;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        fail(Stage::Connection,
             tr("%1 did not answer within %2 seconds. Check the network path (firewall, proxy).")
                 .arg(where)
                 .arg(kProbeTimeoutMs / 1000));
        return true;
    case QNetworkReply::RemoteHostClosedError:
        fail(Stage::Connection,
             tr("%1 closed the connection: %2").arg(where, reply->errorString()));
        return true;
    default:
        break;
    }
    // An HTTP status is not a transport failure; the caller reads it.
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
        return false;
    fail(Stage::Connection, tr("Could not reach %1: %2").arg(where, reply->errorString()));
    return true;
}

void ConnectionTest::checkHealth()
{
    RegistrationClient client;
    QString error;
    RegistrationConfig config = RegistrationConfig::fromRegistrationUrl(m_url);
    config.caFile = m_profile.caFile;
    if (!client.setConfig(config, &error)) {
        fail(Stage::Configuration, error);
        return;
    }
    QUrl health = m_url;
    health.setPath(QStringLiteral("/v1/health"));
    QNetworkRequest request(health);
    request.setSslConfiguration(client.tlsConfiguration());
    request.setTransferTimeout(kProbeTimeoutMs);
    Q_EMIT progress(tr("Connecting to %1…").arg(health.toString()));
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            m_tlsErrors << e.errorString();
    });
    connect(
        reply, &QNetworkReply::finished, this, [this, reply, client = client.tlsConfiguration()] {
            reply->deleteLater();
            if (classifyTransportError(reply))
                return;
            pass(tr("TLS handshake verified against the configured CA (%1).")
                     .arg(reply->sslConfiguration().sessionProtocol() == QSsl::TlsV1_3
                              ? QStringLiteral("TLS 1.3")
                              : QStringLiteral("TLS 1.2")));
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 503) {
                fail(Stage::Service,
                     tr("The registration service answers but its database does "
                        "not (503). Devices cannot be registered until it is back."));
                return;
            }
            if (status != 200) {
                fail(Stage::Service,
                     tr("%1 answered %2 to the health check; is this the registration service?")
                         .arg(reply->url().toString())
                         .arg(status));
                return;
            }
            pass(tr("The registration service is up and its database answers."));
            checkKey();
        });
    Q_UNUSED(client);
}

void ConnectionTest::checkKey()
{
    if (m_key.isEmpty()) {
        fail(Stage::ApiKey, tr("No API key to test: type one in the API key field or store one "
                               "in the keychain first."));
        return;
    }
    RegistrationClient client;
    QString error;
    RegistrationConfig config = RegistrationConfig::fromRegistrationUrl(m_url);
    config.caFile = m_profile.caFile;
    if (!client.setConfig(config, &error)) {
        fail(Stage::Configuration, error);
        return;
    }
    QNetworkRequest request(m_url);
    request.setSslConfiguration(client.tlsConfiguration());
    request.setTransferTimeout(kProbeTimeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    // An empty object: a known key gets 400 missing_field, and the service stores nothing.
    request.setRawHeader("x-api-key", m_key.view().toByteArray());
    Q_EMIT progress(tr("Checking the API key…"));
    QNetworkReply *reply = m_network->post(request, QByteArrayLiteral("{}"));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_key = SecretBytes();
        if (classifyTransportError(reply))
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QString code = errorCodeOf(reply->readAll());
        if (status == 401) {
            fail(Stage::ApiKey,
                 code == QLatin1String("missing_api_key")
                     ? tr("The service received no API key. Enter the key again.")
                     : tr("The service does not know this API key (%1). Check the key with "
                          "whoever issued it; keys are per deployment.")
                           .arg(code.isEmpty() ? QString::number(status) : code));
            return;
        }
        if (status == 429) {
            fail(Stage::ApiKey, tr("The key is known but has used up its rate allowance (429); "
                                   "try again in a minute."));
            return;
        }
        if (status == 400) {
            pass(tr("The API key is accepted."));
            checkDeviceTypes();
            return;
        }
        fail(Stage::Service,
             tr("Unexpected answer %1 %2 to the API key check.").arg(status).arg(code));
    });
}

void ConnectionTest::checkDeviceTypes()
{
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9._-]{1,64}$"));
    for (const QString &type : std::as_const(m_profile.deviceTypes)) {
        if (!valid.match(type).hasMatch()) {
            fail(Stage::DeviceType,
                 tr("The device type \"%1\" is not valid: use 1 to 64 characters of a-z, 0-9, "
                    "dot, underscore and hyphen.")
                     .arg(type));
            return;
        }
    }
    m_result.stage = Stage::Passed;
    m_result.message =
        tr("Connection works: DNS, TLS, service and API key passed. Whether the key may "
           "register %1 is known only when the first device registers (the service offers no "
           "check that registers nothing).")
            .arg(m_profile.deviceTypes.isEmpty()
                     ? tr("every device type")
                     : m_profile.deviceTypes.join(QStringLiteral(", ")));
    m_running = false;
    Q_EMIT finished(m_result);
}

// SettingsDialog ---------------------------------------------------------------------------------

SettingsDialog::SettingsDialog(ApiKeyStore *keys, const ProfileStore *store, QWidget *parent)
    : QDialog(parent)
    , m_keys(keys)
    , m_store(store)
    , m_form(new QFormLayout)
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_mqttHost(new QLineEdit(this))
    , m_mqttPort(new QSpinBox(this))
    , m_template(new QLineEdit(this))
    , m_deviceTypes(new QLineEdit(this))
    , m_patterns(new QPlainTextEdit(this))
    , m_usbIds(new QLineEdit(this))
    , m_parallel(new QSpinBox(this))
    , m_baud(new QSpinBox(this))
    , m_autoStart(new QCheckBox(tr("Start provisioning as soon as a device is plugged in"), this))
    , m_stationId(new QLineEdit(this))
    , m_apiKey(new QLineEdit(this))
    , m_keyState(new QLabel(this))
    , m_testButton(new QPushButton(tr("&Test connection"), this))
    , m_status(new QLabel(this))
    , m_test(new ConnectionTest(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Station settings"));

    m_name->setObjectName(QStringLiteral("profileName"));
    m_form->addRow(tr("Profile &name:"), m_name);
    m_url->setObjectName(QStringLiteral("registrationUrl"));
    m_url->setPlaceholderText(QStringLiteral("https://registration.example.com/v1/registrations"));
    m_form->addRow(tr("Registration &URL:"), m_url);
    m_caFile = addPath(tr("&CA file:"), QStringLiteral("caFile"));
    m_claimCaFile = addPath(tr("C&laim CA file:"), QStringLiteral("claimCaFile"));
    m_mqttHost->setObjectName(QStringLiteral("mqttHost"));
    m_form->addRow(tr("&Broker host:"), m_mqttHost);
    m_mqttPort->setObjectName(QStringLiteral("mqttPort"));
    m_mqttPort->setRange(1, 65535);
    m_form->addRow(tr("Broker &port:"), m_mqttPort);
    m_operatorCert = addPath(tr("&Operator certificate:"), QStringLiteral("operatorCert"));
    m_operatorKey = addPath(tr("Operator ke&y:"), QStringLiteral("operatorKey"));
    m_template->setObjectName(QStringLiteral("templateName"));
    m_form->addRow(tr("Provisioning te&mplate:"), m_template);
    m_deviceTypes->setObjectName(QStringLiteral("deviceTypes"));
    m_deviceTypes->setPlaceholderText(tr("e.g. blackbird-sensor-v1, blackbird-gateway-v1"));
    m_form->addRow(tr("&Device types:"), m_deviceTypes);
    m_patterns->setObjectName(QStringLiteral("portPatterns"));
    m_patterns->setTabChangesFocus(true);
    m_patterns->setMaximumHeight(fontMetrics().height() * 4);
    m_patterns->setPlaceholderText(tr("One path pattern per line, e.g. /dev/serial/by-id/*"));
    m_form->addRow(tr("Port p&atterns:"), m_patterns);
    m_usbIds->setObjectName(QStringLiteral("usbIds"));
    m_usbIds->setPlaceholderText(tr("e.g. 0403:6001, 10c4 (empty: any USB adapter)"));
    m_form->addRow(tr("USB &ids:"), m_usbIds);
    m_parallel->setObjectName(QStringLiteral("parallelLimit"));
    m_parallel->setRange(1, 64);
    m_form->addRow(tr("Devices at &once:"), m_parallel);
    m_baud->setObjectName(QStringLiteral("baudRate"));
    m_baud->setRange(1200, 4000000);
    m_form->addRow(tr("Baud &rate:"), m_baud);
    m_autoStart->setObjectName(QStringLiteral("autoStart"));
    m_form->addRow(QString(), m_autoStart);
    m_stationId->setObjectName(QStringLiteral("stationId"));
    m_stationId->setPlaceholderText(tr("empty: this computer's host name"));
    m_form->addRow(tr("&Station id:"), m_stationId);

    m_apiKey->setObjectName(QStringLiteral("apiKey"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setAccessibleName(tr("API key"));
    m_apiKey->setPlaceholderText(tr("leave empty to keep the stored key"));
    m_apiKey->setAttribute(Qt::WA_InputMethodEnabled, false);
    m_keyState->setObjectName(QStringLiteral("apiKeyState"));
    m_keyState->setWordWrap(true);
    auto *keyRow = new QVBoxLayout;
    keyRow->addWidget(m_apiKey);
    keyRow->addWidget(m_keyState);
    keyRow->addStretch(1); // spare height goes below the note, not between it and the field
    // A row of a layout gets no buddy by itself, and without one the label shows its "&".
    auto *keyLabel = new QLabel(tr("API &key:"), this);
    keyLabel->setBuddy(m_apiKey);
    m_form->addRow(keyLabel, keyRow);

    m_testButton->setObjectName(QStringLiteral("testConnection"));
    connect(m_testButton, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    m_status->setObjectName(QStringLiteral("settingsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_test, &ConnectionTest::progress, this,
            [this](const QString &text) { showStatus(text, false); });
    connect(m_test, &ConnectionTest::finished, this, [this](const ConnectionTest::Result &result) {
        setBusy(false, {});
        if (result.ok())
            showStatus(result.message, false);
        else
            showStatus(
                tr("%1 failed: %2").arg(ConnectionTest::stageName(result.stage), result.message),
                true);
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->addButton(m_testButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *fields = new QWidget(this);
    fields->setLayout(m_form);
    auto *scroll = new QScrollArea(this);
    m_scroll = scroll;
    scroll->setWidget(fields);
    scroll->setWidgetResizable(true);
    // The fields follow the dialog's width (their notes wrap); only a short screen scrolls.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(720, 760);
    setProfile(StationProfile());
}

void SettingsDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // The scroll area decides on its bars before the wrapped notes know their width, and keeps
    // a vertical bar with nothing to scroll that covers the fields' right edge. Asked again once
    // the dialog has its size, it settles.
    QTimer::singleShot(0, m_scroll, [this] { m_scroll->setWidgetResizable(true); });
}

QLineEdit *SettingsDialog::addPath(const QString &label, const QString &name, bool directoryOnly)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(name);
    auto *browse = new QToolButton(this);
    browse->setText(tr("…"));
    browse->setAccessibleName(
        tr("Choose a file for %1").arg(QString(label).remove(QLatin1Char('&'))));
    connect(browse, &QToolButton::clicked, this, [this, edit, label, directoryOnly] {
        const QString caption = QString(label).remove(QLatin1Char('&'));
        const QString path = directoryOnly
                                 ? QFileDialog::getExistingDirectory(this, caption, edit->text())
                                 : QFileDialog::getOpenFileName(this, caption, edit->text(),
                                                                tr("PEM files (*.pem *.crt *.key);;"
                                                                   "All files (*)"));
        if (!path.isEmpty())
            edit->setText(path);
    });
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    auto *labelWidget = new QLabel(label, this);
    labelWidget->setBuddy(edit);
    m_form->addRow(labelWidget, row);
    return edit;
}

void SettingsDialog::setProfile(const StationProfile &profile)
{
    m_original = profile;
    m_name->setText(profile.name);
    m_url->setText(profile.registrationUrl);
    m_caFile->setText(profile.caFile);
    m_claimCaFile->setText(profile.claimCaFile);
    m_mqttHost->setText(profile.mqttHost);
    m_mqttPort->setValue(profile.mqttPort);
    m_operatorCert->setText(profile.operatorCertFile);
    m_operatorKey->setText(profile.operatorKeyFile);
    m_template->setText(profile.templateName);
    m_deviceTypes->setText(profile.deviceTypes.join(QStringLiteral(", ")));
    m_patterns->setPlainText(profile.portPatterns.join(QLatin1Char('\n')));
    QStringList ids;
    for (const UsbId &id : profile.usbIds)
        ids << id.toString();
    m_usbIds->setText(ids.join(QStringLiteral(", ")));
    m_parallel->setValue(profile.parallelLimit);
    m_baud->setValue(profile.baudRate);
    m_autoStart->setChecked(profile.autoStart);
    m_stationId->setText(profile.stationId);
    m_apiKey->clear();
    checkStoredKey();
}

void SettingsDialog::checkStoredKey()
{
    if (ApiKeyStore::environmentOverrides()) {
        m_keyState->setText(tr("BLACKBIRD_API_KEY is set in the environment and overrides the "
                               "keychain on this station."));
        return;
    }
    const QString name = m_name->text().trimmed();
    if (!m_keys || !StationProfile::isValidName(name)) {
        m_keyState->setText(tr("Stored only in the system keychain, never in the profile file."));
        return;
    }
    m_keyState->setText(tr("Looking in the keychain…"));
    ApiKeyJob *job = m_keys->read(name);
    connect(job, &ApiKeyJob::finished, this, [this, job] {
        job->deleteLater();
        SecretBytes discarded = job->takeKey(); // only whether there is one matters here
        const KeychainResult &result = job->result();
        if (result.ok())
            m_keyState->setText(tr("A key for this profile is stored in the keychain."));
        else if (result.error == KeychainError::NotFound)
            m_keyState->setText(tr("No key stored for this profile yet: enter one."));
        else
            m_keyState->setText(result.message);
    });
}

StationProfile SettingsDialog::profile() const
{
    StationProfile p = m_original;
    p.name = m_name->text().trimmed();
    p.registrationUrl = m_url->text().trimmed();
    p.caFile = m_caFile->text().trimmed();
    p.claimCaFile = m_claimCaFile->text().trimmed();
    p.mqttHost = m_mqttHost->text().trimmed();
    p.mqttPort = m_mqttPort->value();
    p.operatorCertFile = m_operatorCert->text().trimmed();
    p.operatorKeyFile = m_operatorKey->text().trimmed();
    p.templateName = m_template->text().trimmed();
    p.deviceTypes = splitList(m_deviceTypes->text());
    p.portPatterns = m_patterns->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (QString &pattern : p.portPatterns)
        pattern = pattern.trimmed();
    p.portPatterns.removeAll(QString());
    p.usbIds.clear();
    for (const QString &text : splitList(m_usbIds->text())) {
        UsbId id;
        if (UsbId::parse(text, &id))
            p.usbIds << id;
    }
    p.parallelLimit = m_parallel->value();
    p.baudRate = m_baud->value();
    p.autoStart = m_autoStart->isChecked();
    p.stationId = m_stationId->text().trimmed();
    return p;
}

QString SettingsDialog::typedApiKey() const
{
    return m_apiKey->text().trimmed();
}

QString SettingsDialog::statusText() const
{
    return m_status->text();
}

QString SettingsDialog::problem() const
{
    if (!StationProfile::isValidName(m_name->text().trimmed()))
        return tr("The profile name must be 1 to 64 letters, digits, dots, underscores or "
                  "hyphens, not starting with a dot.");
    for (const QString &text : splitList(m_usbIds->text())) {
        UsbId id;
        if (!UsbId::parse(text, &id))
            return tr("\"%1\" is not a USB id; write vendor:product in hex, e.g. 0403:6001.")
                .arg(text);
    }
    const QUrl url(m_url->text().trimmed());
    if (!m_url->text().trimmed().isEmpty() && url.scheme() != QLatin1String("https"))
        return tr("The registration URL must start with https://.");
    if (typedApiKey().contains(QRegularExpression(QStringLiteral("\\s"))))
        return tr("The API key contains spaces; paste it again without them.");
    return {};
}

void SettingsDialog::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("QLabel { color: #b00000; }") : QString());
}

void SettingsDialog::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    for (QPushButton *button : findChildren<QPushButton *>())
        button->setEnabled(!busy);
    if (!status.isEmpty())
        showStatus(status, false);
}

void SettingsDialog::testConnection()
{
    if (m_busy)
        return;
    const StationProfile p = profile();
    setBusy(true, tr("Testing the connection…"));
    if (!typedApiKey().isEmpty() || !m_keys || !StationProfile::isValidName(p.name)) {
        m_test->start(p, SecretBytes(typedApiKey().toUtf8()));
        return;
    }
    ApiKeyJob *job = m_keys->read(p.name);
    connect(job, &ApiKeyJob::finished, this, [this, job, p] {
        job->deleteLater();
        m_test->start(p, job->takeKey());
    });
}

void SettingsDialog::accept()
{
    if (m_busy)
        return;
    const QString why = problem();
    if (!why.isEmpty()) {
        showStatus(why, true);
        return;
    }
    const StationProfile p = profile();
    if (typedApiKey().isEmpty() || !m_keys) {
        saveProfile(p);
        return;
    }
    setBusy(true, tr("Storing the API key in the keychain…"));
    ApiKeyJob *job = m_keys->write(p.name, SecretBytes(typedApiKey().toUtf8()));
    connect(job, &ApiKeyJob::finished, this, [this, job, p] {
        job->deleteLater();
        if (!job->result().ok()) {
            setBusy(false, {});
            showStatus(tr("The API key was not stored: %1").arg(job->result().message), true);
            Q_EMIT saveFailed(job->result().message);
            return;
        }
        m_apiKey->clear();
        saveProfile(p);
    });
}

void SettingsDialog::saveProfile(const StationProfile &p)
{
    if (!m_store) {
        setBusy(false, {});
        Q_EMIT profileSaved(p);
        QDialog::accept();
        return;
    }
    setBusy(true, tr("Saving the profile…"));
    const ProfileStore store = *m_store;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, p] {
        watcher->deleteLater();
        setBusy(false, {});
        const QString error = watcher->result();
        if (!error.isEmpty()) {
            showStatus(tr("The profile was not saved: %1").arg(error), true);
            Q_EMIT saveFailed(error);
            return;
        }
        Q_EMIT profileSaved(p);
        QDialog::accept();
    });
    watcher->setFuture(QtConcurrent::run([store, p] {
        QString error;
        return store.save(p, &error) ? QString() : error;
    }));
}

} // namespace Blackbird
