// One read, write or delete of a profile's API key, finished asynchronously. After finished(),
// result() says how it went and, for a read, takeKey() hands out the key (once). Jobs belong to
// the ApiKeyStore that made them; delete them with deleteLater() when done.
#pragma once

#include "keychainresult.h"

#include "crypto/secretbytes.h"

#include <QObject>
#include <QString>

namespace Blackbird {

class ApiKeyJob : public QObject
{
    Q_OBJECT

public:
    enum class Operation { Read, Write, Delete };

    Operation operation() const { return m_operation; }
    const QString &profile() const { return m_profile; }
    bool isFinished() const { return m_finished; }
    const KeychainResult &result() const { return m_result; }
    // The key a successful read found; empty afterwards.
    SecretBytes takeKey() { return std::move(m_key); }

Q_SIGNALS:
    void finished();

private:
    friend class ApiKeyStore;

    ApiKeyJob(Operation operation, const QString &profile, QObject *parent);
    void complete(KeychainResult result, SecretBytes key = SecretBytes());

    Operation m_operation;
    QString m_profile;
    SecretBytes m_key; // the key to write, or the key read
    KeychainResult m_result;
    bool m_finished = false;
};

} // namespace Blackbird
