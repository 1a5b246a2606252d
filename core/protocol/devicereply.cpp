// DeviceReply: result bookkeeping; the work happens in DeviceSession.
#include "devicereply.h"

#include "devicesession.h"

namespace Blackbird {

DeviceReply::DeviceReply(Operation operation, DeviceSession *session)
    : QObject(session)
    , m_session(session)
    , m_operation(operation)
{}

void DeviceReply::cancel()
{
    if (m_finished)
        return;
    m_session->cancel(this);
}

QString DeviceReply::operationName(Operation operation)
{
    switch (operation) {
    case Operation::Identify:
        return QStringLiteral("identify");
    case Operation::ReadPublicKey:
        return QStringLiteral("read public key");
    case Operation::TransferBundle:
        return QStringLiteral("transfer claim credentials");
    case Operation::AbortTransfer:
        return QStringLiteral("abort transfer");
    case Operation::StartProvisioning:
        return QStringLiteral("start fleet provisioning");
    case Operation::Status:
        return QStringLiteral("read status");
    case Operation::EraseClaim:
        return QStringLiteral("erase claim credentials");
    case Operation::Reboot:
        return QStringLiteral("reboot");
    case Operation::Command:
        return QStringLiteral("command");
    }
    return QString();
}

void DeviceReply::finishOk(const QJsonObject &payload)
{
    if (m_finished)
        return;
    m_finished = true;
    m_payload = payload;
    emit finished();
}

void DeviceReply::finishError(Error error, const QString &reason, const QString &deviceCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_deviceErrorCode = deviceCode;
    m_errorString = QStringLiteral("%1 failed: %2").arg(operationName(m_operation), reason);
    emit finished();
}

} // namespace Blackbird
