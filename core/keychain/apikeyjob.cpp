#include "apikeyjob.h"

namespace Blackbird {

ApiKeyJob::ApiKeyJob(Operation operation, const QString &profile, QObject *parent)
    : QObject(parent)
    , m_operation(operation)
    , m_profile(profile)
{}

void ApiKeyJob::complete(KeychainResult result, SecretBytes key)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = std::move(result);
    m_key = std::move(key);
    emit finished();
}

} // namespace Blackbird
