// A helper the keychain test runs as a child process with a deliberately broken environment
// (no reachable D-Bus session): it reads or writes one API key through ApiKeyStore and prints
// how that ended, so the test can see the station fail closed with a real QtKeychain.
#include "keychain/apikeystore.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

namespace {

const char *errorName(Blackbird::KeychainError error)
{
    switch (error) {
    case Blackbird::KeychainError::None:
        return "none";
    case Blackbird::KeychainError::NotFound:
        return "not_found";
    case Blackbird::KeychainError::Unavailable:
        return "unavailable";
    case Blackbird::KeychainError::AccessDenied:
        return "access_denied";
    case Blackbird::KeychainError::InvalidInput:
        return "invalid_input";
    case Blackbird::KeychainError::Failed:
        return "failed";
    }
    return "unknown";
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString operation = app.arguments().value(1);
    Blackbird::ApiKeyStore store(QStringLiteral("Blackbird Keychain Probe"));

    Blackbird::ApiKeyJob *job =
        operation == QLatin1String("write")
            ? store.write(QStringLiteral("probe"), Blackbird::SecretBytes("probe-key-123"))
            : store.read(QStringLiteral("probe"));
    QObject::connect(job, &Blackbird::ApiKeyJob::finished, &app, [job] {
        std::printf("error=%s\nmessage=%s\n", errorName(job->result().error),
                    qPrintable(job->result().message));
        std::fflush(stdout);
        QCoreApplication::exit(0);
    });
    QTimer::singleShot(20000, &app, [] { QCoreApplication::exit(3); });
    return app.exec();
}
