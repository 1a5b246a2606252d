// The registration service's API key, stored per profile in the operating system's keychain
// through QtKeychain (Secret Service on Linux, Keychain on macOS, Credential Manager on
// Windows). There is no insecure fallback: without a keychain the station fails closed and says
// what to do. For automated rigs the environment variable BLACKBIRD_API_KEY overrides the
// keychain on read; the key is never taken from a command line or a settings file.
//
// Keychain operations run one at a time, each started from the event loop (never from the
// previous job's signal), so a write followed by a read of the same profile sees the write.
#pragma once

#include "apikeyjob.h"

#include "crypto/secretbytes.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace QKeychain {
class Job;
}

namespace Blackbird {

class ApiKeyStore : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *kEnvironmentVariable = "BLACKBIRD_API_KEY";

    // service names the station's entries in the keychain; tests use their own.
    explicit ApiKeyStore(const QString &service = QStringLiteral("Blackbird Provisioning Station"),
                         QObject *parent = nullptr);
    ~ApiKeyStore() override;

    QString service() const { return m_service; }

    // BLACKBIRD_API_KEY first (when set and not empty), then the keychain.
    ApiKeyJob *read(const QString &profile);
    // Stores or replaces the profile's key in the keychain.
    ApiKeyJob *write(const QString &profile, const SecretBytes &key);
    // Removes the profile's key; removing a key that is not there is not an error.
    ApiKeyJob *remove(const QString &profile);

    // True when BLACKBIRD_API_KEY is set, so reads never reach the keychain.
    static bool environmentOverrides();

private:
    ApiKeyJob *enqueue(ApiKeyJob *job);
    void scheduleNext();
    void startNext();
    void onKeychainFinished(QKeychain::Job *keychainJob);
    QString entryName(const QString &profile) const;

    QString m_service;
    QList<QPointer<ApiKeyJob>> m_queue;
    QPointer<ApiKeyJob> m_running;
    bool m_scheduled = false;
};

} // namespace Blackbird
