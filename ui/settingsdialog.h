// The station profile's settings: where the registration service and the broker are, which CA
// to trust, device types, template, which ports to watch, how many devices at once, auto-start.
// The API key is typed into a masked field and goes only to the OS keychain (ApiKeyStore, under
// the profile's name), never into the profile file. Every keychain and file operation is
// asynchronous: the dialog waits for it without blocking the window.
//
// "Test connection" (ConnectionTest) checks, in order, and stops at the first failure with what
// failed: the URL, the host name (DNS), the TLS handshake against the configured CA, the service
// (GET /v1/health), and the API key. The registration API has no endpoint that checks a key
// without registering a device, so the key is tested by a POST with an empty JSON object: the
// service checks the key before the body (401 for a bad key, 400 missing_field for a good one)
// and stores nothing for a request it refuses. Whether the key may register a device type can
// only be learned by registering a device, which a test must not do; the test checks the types'
// form and says so.
#pragma once

#include "crypto/secretbytes.h"
#include "settings/stationprofile.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QFormLayout;
class QLabel;
class QScrollArea;
class QLineEdit;
class QNetworkAccessManager;
class QNetworkReply;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace Blackbird {

class ApiKeyStore;

class ConnectionTest : public QObject
{
    Q_OBJECT

public:
    enum class Stage { Configuration, Dns, Connection, Tls, Service, ApiKey, DeviceType, Passed };
    struct Result
    {
        Stage stage = Stage::Passed; // the stage that failed, or Passed
        QString message;             // what failed and what to do, or the summary
        QStringList passed;          // the checks that passed, in order
        bool ok() const { return stage == Stage::Passed; }
    };

    explicit ConnectionTest(QObject *parent = nullptr);
    ~ConnectionTest() override;

    void start(const StationProfile &profile, SecretBytes apiKey);
    bool isRunning() const { return m_running; }
    static QString stageName(Stage stage);

Q_SIGNALS:
    void progress(const QString &text);
    void finished(const Blackbird::ConnectionTest::Result &result);

private:
    void lookUp();
    void checkHealth();
    void checkKey();
    void checkDeviceTypes();
    void fail(Stage stage, const QString &message);
    void pass(const QString &text);
    bool classifyTransportError(QNetworkReply *reply);

    QNetworkAccessManager *m_network;
    StationProfile m_profile;
    SecretBytes m_key;
    QUrl m_url;
    Result m_result;
    QStringList m_tlsErrors;
    bool m_running = false;
};

class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // keys must outlive the dialog. The profile is saved to store's folder when the dialog is
    // accepted (profileSaved follows), or only handed out when store is null.
    SettingsDialog(ApiKeyStore *keys, const ProfileStore *store, QWidget *parent = nullptr);

    void setProfile(const StationProfile &profile);
    // The profile as the fields say now.
    StationProfile profile() const;
    // The typed key (empty: keep the stored one).
    QString typedApiKey() const;
    QLineEdit *apiKeyField() const { return m_apiKey; }
    QString statusText() const;
    ConnectionTest *connectionTest() const { return m_test; }

    // What is wrong with the fields, or empty.
    QString problem() const;

public Q_SLOTS:
    void accept() override;
    void testConnection();

Q_SIGNALS:
    void profileSaved(const Blackbird::StationProfile &profile);
    void saveFailed(const QString &reason);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QLineEdit *addPath(const QString &label, const QString &name, bool directoryOnly = false);
    void setBusy(bool busy, const QString &status);
    void saveProfile(const StationProfile &profile);
    void showStatus(const QString &text, bool error);
    void checkStoredKey();

    ApiKeyStore *m_keys;
    const ProfileStore *m_store;
    QFormLayout *m_form;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_caFile;
    QLineEdit *m_claimCaFile;
    QLineEdit *m_mqttHost;
    QSpinBox *m_mqttPort;
    QLineEdit *m_operatorCert;
    QLineEdit *m_operatorKey;
    QLineEdit *m_template;
    QLineEdit *m_deviceTypes;
    QPlainTextEdit *m_patterns;
    QLineEdit *m_usbIds;
    QSpinBox *m_parallel;
    QSpinBox *m_baud;
    QCheckBox *m_autoStart;
    QLineEdit *m_stationId;
    QLineEdit *m_apiKey;
    QLabel *m_keyState;
    QPushButton *m_testButton;
    QLabel *m_status;
    QScrollArea *m_scroll = nullptr;
    ConnectionTest *m_test;
    StationProfile m_original;
    bool m_busy = false;
};

} // namespace Blackbird

Q_DECLARE_METATYPE(Blackbird::ConnectionTest::Result)
