#include "devsimprocess.h"

#include <QDeadlineTimer>
#include <QDir>

#include <csignal>

#include <sys/prctl.h>

namespace {

QString deviceName(int index)
{
    return QStringLiteral("dev-%1").arg(index, 3, 10, QLatin1Char('0'));
}

} // namespace

DevsimProcess::DevsimProcess(const QString &dir)
    : m_dir(dir)
{}

DevsimProcess::~DevsimProcess()
{
    stop();
}

QString DevsimProcess::program()
{
    return QStringLiteral(BLACKBIRD_DEVSIM_BIN);
}

QString DevsimProcess::linksDir() const
{
    return QDir(m_dir).filePath(QStringLiteral("links"));
}

QString DevsimProcess::link(int index) const
{
    return QDir(linksDir()).filePath(deviceName(index));
}

QString DevsimProcess::storage(int index) const
{
    return QDir(m_dir).filePath(QStringLiteral("devices/") + deviceName(index));
}

bool DevsimProcess::start(int count, const QStringList &extraArguments, QString *error,
                          int timeoutMs)
{
    m_process.setProgram(program());
    m_process.setArguments(QStringList{QStringLiteral("--count"), QString::number(count),
                                       QStringLiteral("--links"), linksDir(),
                                       QStringLiteral("--state"),
                                       QDir(m_dir).filePath(QStringLiteral("devices")),
                                       QStringLiteral("--stdin-control")} +
                           extraArguments);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // When the test dies (a CTest timeout kills it) its servers must not live on as orphans.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        *error = m_process.errorString();
        return false;
    }
    QByteArray output;
    QDeadlineTimer deadline(timeoutMs);
    while (!output.contains("ready:") && m_process.state() != QProcess::NotRunning &&
           !deadline.hasExpired()) {
        m_process.waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 1000)));
        output += m_process.readAllStandardOutput();
    }
    if (output.contains("ready:"))
        return true;
    *error =
        QStringLiteral("blackbird-devsim did not get ready: %1").arg(QString::fromUtf8(output));
    return false;
}

bool DevsimProcess::control(const QString &command, QString *answer, int timeoutMs)
{
    // Some commands print lines of their own before the answer ("link: ..." for drop, a
    // "device: ..." per device for show): read whole lines until the answer, "ok ..." or
    // "error: ...".
    m_process.write(command.toUtf8() + '\n');
    QByteArray text;
    QByteArray answerLine;
    QDeadlineTimer deadline(timeoutMs);
    qsizetype scanned = 0;
    while (answerLine.isEmpty() && !deadline.hasExpired() &&
           m_process.state() != QProcess::NotRunning) {
        m_process.waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 1000)));
        text += m_process.readAllStandardOutput();
        for (qsizetype end = text.indexOf('\n', scanned); end >= 0;
             end = text.indexOf('\n', scanned)) {
            const QByteArray line = text.mid(scanned, end - scanned);
            scanned = end + 1;
            if (line.startsWith("ok") || line.startsWith("error:")) {
                answerLine = line;
                break;
            }
        }
    }
    *answer = QString::fromUtf8(text).trimmed();
    return answerLine.startsWith("ok");
}

void DevsimProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.write("quit\n");
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}
