#include "localstackprocess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

namespace Blackbird::Test {

LocalStackProcess::LocalStackProcess() = default;

LocalStackProcess::~LocalStackProcess()
{
    stop();
}

bool LocalStackProcess::start(const QStringList &extraArguments, int timeoutMs, QString *error)
{
    if (!QFile::exists(QStringLiteral(BLACKBIRD_LOCAL_BIN))) {
        *error = QStringLiteral("blackbird-local is not built at %1")
                     .arg(QStringLiteral(BLACKBIRD_LOCAL_BIN));
        return false;
    }
    m_process.setProgram(QStringLiteral(BLACKBIRD_LOCAL_BIN));
    m_process.setArguments(QStringList{QStringLiteral("--state"), m_state.path()} + extraArguments);
    m_process.start();

    // The ready line is the only thing the stack prints on standard output.
    QDeadlineTimer deadline(timeoutMs);
    QByteArray output;
    while (!output.contains('\n') && !deadline.hasExpired() &&
           m_process.state() != QProcess::NotRunning) {
        m_process.waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 200)));
        output += m_process.readAllStandardOutput();
    }
    if (!output.startsWith("blackbird-local ready")) {
        *error = QStringLiteral("blackbird-local did not get ready: %1 %2")
                     .arg(QString::fromUtf8(output),
                          QString::fromUtf8(m_process.readAllStandardError().right(2000)));
        stop();
        return false;
    }

    QFile file(m_state.filePath(QStringLiteral("endpoints.json")));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(file.fileName());
        return false;
    }
    m_endpoints = QJsonDocument::fromJson(file.readAll()).object();
    if (m_endpoints.value(QLatin1String("registration_url")).toString().isEmpty()) {
        *error = QStringLiteral("endpoints.json has no registration_url");
        return false;
    }
    return true;
}

void LocalStackProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString LocalStackProcess::pkiFile(const QString &name) const
{
    return m_state.filePath(QStringLiteral("pki/") + name);
}

} // namespace Blackbird::Test
