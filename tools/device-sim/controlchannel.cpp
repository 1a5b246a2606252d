#include "controlchannel.h"

#include <QSocketNotifier>
#include <QString>

#include <cerrno>
#include <unistd.h>

namespace Blackbird::Sim {

namespace {

// A control line is a few words; anything longer is not a command and is dropped.
constexpr qsizetype kMaxLine = 4096;

} // namespace

ControlChannel::ControlChannel(int fd, QObject *parent)
    : QObject(parent)
    , m_fd(fd)
    , m_notifier(new QSocketNotifier(fd, QSocketNotifier::Read, this))
{
    connect(m_notifier, &QSocketNotifier::activated, this, &ControlChannel::onReadable);
}

void ControlChannel::onReadable()
{
    char buffer[1024];
    const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        m_notifier->setEnabled(false);
        emit closed();
        return;
    }

    m_buffer.append(buffer, n);
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_buffer.left(newline)).trimmed();
        m_buffer.remove(0, newline + 1);
        if (!line.isEmpty())
            emit lineReceived(line);
    }
    if (m_buffer.size() > kMaxLine)
        m_buffer.clear();
}

} // namespace Blackbird::Sim
