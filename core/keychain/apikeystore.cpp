#include "apikeystore.h"

#include "logging/logcategories.h"

#include <qt6keychain/keychain.h>

#include <QTimer>

namespace Blackbird {

namespace {

constexpr qsizetype kMaxProfileChars = 128;
constexpr qsizetype kMaxKeyBytes = 1024;

} // namespace

ApiKeyStore::ApiKeyStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{}

ApiKeyStore::~ApiKeyStore() = default;

bool ApiKeyStore::environmentOverrides()
{
    return !qgetenv(kEnvironmentVariable).isEmpty();
}

ApiKeyJob *ApiKeyStore::read(const QString &profile)
{
    auto *job = new ApiKeyJob(ApiKeyJob::Operation::Read, profile, this);
    if (!environmentOverrides())
        return enqueue(job);

    // Read now, deliver from the event loop like every other job.
    auto key = std::make_shared<SecretBytes>(qgetenv(kEnvironmentVariable));
    QTimer::singleShot(0, job, [job, key] {
        KeychainResult result;
        result.source = ApiKeySource::Environment;
        qCInfo(lcKeychain).noquote()
            << "API key for profile" << job->profile() << "taken from" << kEnvironmentVariable;
        job->complete(result, std::move(*key));
    });
    return job;
}

ApiKeyJob *ApiKeyStore::write(const QString &profile, const SecretBytes &key)
{
    auto *job = new ApiKeyJob(ApiKeyJob::Operation::Write, profile, this);
    job->m_key = key.clone();
    return enqueue(job);
}

ApiKeyJob *ApiKeyStore::remove(const QString &profile)
{
    return enqueue(new ApiKeyJob(ApiKeyJob::Operation::Delete, profile, this));
}

ApiKeyJob *ApiKeyStore::enqueue(ApiKeyJob *job)
{
    m_queue.append(job);
    scheduleNext();
    return job;
}

void ApiKeyStore::scheduleNext()
{
    if (m_running || m_scheduled || m_queue.isEmpty())
        return;
    m_scheduled = true;
    QMetaObject::invokeMethod(this, &ApiKeyStore::startNext, Qt::QueuedConnection);
}

void ApiKeyStore::startNext()
{
    m_scheduled = false;
    while (!m_running && !m_queue.isEmpty())
        m_running = m_queue.takeFirst();
    if (!m_running)
        return;
    ApiKeyJob *job = m_running;

    const auto refuse = [this, job](const QString &message) {
        KeychainResult result;
        result.error = KeychainError::InvalidInput;
        result.message = message;
        m_running = nullptr;
        job->complete(result);
        scheduleNext();
    };
    if (job->profile().trimmed().isEmpty() || job->profile().size() > kMaxProfileChars)
        return refuse(tr("A profile needs a name of 1 to %1 characters before an API key can be "
                         "stored for it.")
                          .arg(kMaxProfileChars));
    if (job->operation() == ApiKeyJob::Operation::Write &&
        (job->m_key.isEmpty() || job->m_key.size() > kMaxKeyBytes)) {
        return refuse(tr("The API key is empty or longer than %1 characters; paste the whole key "
                         "and nothing else.")
                          .arg(kMaxKeyBytes));
    }

    // Keychain jobs have no parent and delete themselves when done: libsecret calls back into
    // the job later, so it must outlive this store if the store goes first.
    QKeychain::Job *keychainJob = nullptr;
    switch (job->operation()) {
    case ApiKeyJob::Operation::Read:
        keychainJob = new QKeychain::ReadPasswordJob(m_service);
        break;
    case ApiKeyJob::Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        // QtKeychain keeps its own copy of the text until the job is deleted.
        write->setTextData(QString::fromUtf8(job->m_key.view()));
        job->m_key.wipe();
        keychainJob = write;
        break;
    }
    case ApiKeyJob::Operation::Delete:
        keychainJob = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    keychainJob->setKey(entryName(job->profile()));
    keychainJob->setInsecureFallback(false);
    keychainJob->setAutoDelete(true);
    connect(keychainJob, &QKeychain::Job::finished, this, &ApiKeyStore::onKeychainFinished);
    keychainJob->start();
}

void ApiKeyStore::onKeychainFinished(QKeychain::Job *keychainJob)
{
    ApiKeyJob *job = m_running;
    m_running = nullptr;
    // The next job starts from the event loop, not from inside this job's signal.
    scheduleNext();
    if (!job)
        return;

    KeychainResult result;
    result.detail = keychainJob->errorString();
    SecretBytes key;
    const QString profile = job->profile();
    switch (keychainJob->error()) {
    case QKeychain::NoError:
        result.detail.clear();
        if (job->operation() == ApiKeyJob::Operation::Read) {
            auto *read = static_cast<QKeychain::ReadPasswordJob *>(keychainJob);
            key = SecretBytes(read->binaryData());
            result.source = ApiKeySource::Keychain;
            if (key.isEmpty()) {
                result.error = KeychainError::NotFound;
                result.message = tr("The API key stored for profile \"%1\" is empty. Enter it "
                                    "again in the profile settings.")
                                     .arg(profile);
            }
        }
        break;
    case QKeychain::EntryNotFound:
        if (job->operation() == ApiKeyJob::Operation::Delete)
            break;
        result.error = KeychainError::NotFound;
        result.message = tr("No API key is stored for profile \"%1\". Enter it in the profile "
                            "settings, or set BLACKBIRD_API_KEY for automated runs.")
                             .arg(profile);
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        result.error = KeychainError::AccessDenied;
        result.message = tr("The system keychain refused access to the API key (%1). Unlock the "
                            "keychain (for example by logging in again) and retry.")
                             .arg(result.detail);
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        // libsecret reports an unreachable D-Bus or Secret Service as a generic error, so
        // everything but the codes above is treated as "no usable keychain".
        result.error = KeychainError::Unavailable;
        result.message = tr("The system keychain (Secret Service) is not available: %1. The "
                            "station keeps API keys nowhere else. Start a desktop session with "
                            "GNOME Keyring or KWallet running and unlocked, or on an automated "
                            "test rig set BLACKBIRD_API_KEY instead.")
                             .arg(result.detail);
        break;
    case QKeychain::CouldNotDeleteEntry:
        result.error = KeychainError::Failed;
        result.message = tr("The API key of profile \"%1\" could not be removed from the system "
                            "keychain (%2).")
                             .arg(profile, result.detail);
        break;
    }

    if (result.ok()) {
        static const char *const verbs[] = {"read from", "stored in", "removed from"};
        qCInfo(lcKeychain).noquote()
            << "API key for profile" << profile << verbs[int(job->operation())] << "the keychain";
    } else {
        qCWarning(lcKeychain).noquote()
            << "keychain operation for profile" << profile << "failed:" << result.message;
    }
    job->complete(result, std::move(key));
}

QString ApiKeyStore::entryName(const QString &profile) const
{
    return QStringLiteral("api-key/") + profile;
}

} // namespace Blackbird
