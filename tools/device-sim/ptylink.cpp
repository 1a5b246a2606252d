// The pseudo-terminal side of a simulated device. A real UART moves one byte per ten bit times
// (start, eight data bits, stop), so the link releases bytes on a clock in both directions; the
// station cannot measure a faster line than the one it will meet on the factory floor.
#include "ptylink.h"

#include "simlog.h"

#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

namespace Blackbird::Sim {

namespace {

constexpr int kBitsPerByte = 10;
constexpr int kPacerIntervalMs = 1;
constexpr int kAttachPollMs = 20;

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

PtyLink::PtyLink(QString linkPath, int baud, QObject *parent)
    : QObject(parent)
    , m_linkPath(std::move(linkPath))
    , m_baud(baud)
    , m_byteNs(baud > 0 ? qint64(kBitsPerByte) * 1000000000LL / baud : 0)
{
    m_clock.start();

    m_pacer.setTimerType(Qt::PreciseTimer);
    m_pacer.setInterval(kPacerIntervalMs);
    connect(&m_pacer, &QTimer::timeout, this, &PtyLink::onPacerTick);

    m_attachPoll.setInterval(kAttachPollMs);
    connect(&m_attachPoll, &QTimer::timeout, this, &PtyLink::onAttachPoll);
}

PtyLink::~PtyLink()
{
    close();
}

bool PtyLink::open(QString *error)
{
    if (!createPty(error))
        return false;

    if (!pointLinkAtSlave(error)) {
        closeMaster();
        return false;
    }
    return true;
}

void PtyLink::close()
{
    removeLinkIfOurs();
    closeMaster();
    m_txQueue.clear();
    m_rxQueue.clear();
}

bool PtyLink::reconnect(const QString &newLinkPath, QString *error)
{
    // Unplugging loses whatever was on the wire.
    close();

    m_linkPath = newLinkPath;
    return open(error);
}

bool PtyLink::createPty(QString *error)
{
    int master = -1;
    int slave = -1;
    if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) {
        if (error)
            *error = QStringLiteral("cannot create a pseudo-terminal: %1").arg(errnoText());
        return false;
    }

    // Raw on both ends of the pair (they share one termios): no echo, no newline translation,
    // no signals from control characters; the station's QSerialPort sets raw mode as well.
    termios tio{};
    ::tcgetattr(master, &tio);
    ::cfmakeraw(&tio);
    ::cfsetspeed(&tio, B115200);
    ::tcsetattr(master, TCSANOW, &tio);

    ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
    ::fcntl(master, F_SETFD, FD_CLOEXEC);

    char name[128] = {};
    ::ttyname_r(slave, name, sizeof name);
    m_slavePath = QString::fromLocal8Bit(name);

    // The slave stays closed while the station does not hold it: then the master reports a
    // hang-up and we know that nobody listens, as a UART whose cable nobody reads.
    ::close(slave);
    m_master = master;
    m_attached = false;
    ++m_generation;

    m_readNotifier = new QSocketNotifier(m_master, QSocketNotifier::Read, this);
    m_readNotifier->setEnabled(false);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &PtyLink::onMasterReadable);
    m_attachPoll.start();
    return true;
}

bool PtyLink::pointLinkAtSlave(QString *error)
{
    // A hidden temporary name, so that a station's glob such as dev-* never sees a half-made
    // link, then rename() to replace any old link in one step.
    const QFileInfo link(m_linkPath);
    const QString temporary =
        link.absolutePath() + QStringLiteral("/.") + link.fileName() + QStringLiteral(".tmp");
    const QByteArray temporaryName = QFile::encodeName(temporary);
    ::unlink(temporaryName.constData());

    if (::symlink(QFile::encodeName(m_slavePath).constData(), temporaryName.constData()) != 0 ||
        ::rename(temporaryName.constData(), QFile::encodeName(m_linkPath).constData()) != 0) {
        if (error)
            *error = QStringLiteral("cannot create the link %1: %2").arg(m_linkPath, errnoText());
        ::unlink(temporaryName.constData());
        return false;
    }
    return true;
}

void PtyLink::closeMaster()
{
    // The notifier may be the one whose activation brought us here (a drop fault fired while
    // handling received bytes), so it is released later, not deleted under its own feet.
    if (m_readNotifier) {
        m_readNotifier->setEnabled(false);
        m_readNotifier->deleteLater();
        m_readNotifier = nullptr;
    }
    m_attachPoll.stop();
    m_pacer.stop();

    if (m_master >= 0) {
        ::close(m_master);
        m_master = -1;
    }
    if (m_attached) {
        m_attached = false;
        emit stationDetached();
    }
}

void PtyLink::removeLinkIfOurs()
{
    if (m_slavePath.isEmpty())
        return;

    const QFileInfo link(m_linkPath);
    if (link.isSymLink() && link.symLinkTarget() == m_slavePath)
        QFile::remove(m_linkPath);
}

void PtyLink::onMasterReadable()
{
    // Delivering bytes can make the device pull the cable (a drop fault): then this pseudo-
    // terminal is gone and the loop must not read the new one in its place.
    const quint64 generation = m_generation;
    char buffer[4096];
    while (generation == m_generation) {
        const ssize_t n = ::read(m_master, buffer, sizeof buffer);
        if (n > 0) {
            deliver(QByteArray(buffer, n));
            continue;
        }

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;

        // EIO (or end of file): the last process holding the slave closed it.
        markDetached();
        return;
    }
}

void PtyLink::markDetached()
{
    // Bytes the departed station never read would otherwise greet the next one who opens the
    // port; a real adapter discards them when its port is closed.
    ::tcflush(m_master, TCIOFLUSH);
    m_readNotifier->setEnabled(false);
    m_attached = false;
    m_attachPoll.start();
    qCDebug(lcSim) << "station closed" << m_linkPath;
    emit stationDetached();
}

void PtyLink::onAttachPoll()
{
    pollfd pfd{m_master, POLLIN, 0};
    if (::poll(&pfd, 1, 0) < 0 || (pfd.revents & POLLHUP))
        return;

    m_attachPoll.stop();
    m_attached = true;
    m_readNotifier->setEnabled(true);
    qCDebug(lcSim) << "station opened" << m_linkPath;
    emit stationAttached();

    if (pfd.revents & POLLIN)
        onMasterReadable();
}

void PtyLink::send(QByteArrayView bytes)
{
    if (m_master < 0 || bytes.isEmpty())
        return;

    if (m_byteNs == 0) {
        QByteArray chunk = bytes.toByteArray();
        corrupt(chunk, true);
        writeToMaster(chunk);
        return;
    }

    if (m_txQueue.isEmpty())
        m_txFreeAtNs = std::max(m_txFreeAtNs, m_clock.nsecsElapsed());
    m_txQueue.append(bytes.data(), bytes.size());
    startPacer();
}

void PtyLink::deliver(QByteArray bytes)
{
    if (m_byteNs == 0) {
        corrupt(bytes, false);
        emit received(bytes);
        return;
    }

    if (m_rxQueue.isEmpty())
        m_rxFreeAtNs = std::max(m_rxFreeAtNs, m_clock.nsecsElapsed());
    m_rxQueue.append(bytes);
    startPacer();
}

void PtyLink::discardPending()
{
    m_txQueue.clear();
    m_rxQueue.clear();
}

void PtyLink::setCorruption(double rate, bool toStation, bool toDevice)
{
    m_corruptRate = rate;
    m_corruptToStation = toStation;
    m_corruptToDevice = toDevice;
}

void PtyLink::startPacer()
{
    if (!m_pacer.isActive())
        m_pacer.start();
}

qsizetype PtyLink::dueBytes(qint64 &freeAtNs, qsizetype queued, qint64 nowNs) const
{
    // Each byte occupies the line for m_byteNs; release every byte whose last bit has arrived.
    if (queued == 0 || nowNs < freeAtNs + m_byteNs)
        return 0;

    const qsizetype due = std::min<qsizetype>(queued, (nowNs - freeAtNs) / m_byteNs);
    freeAtNs += due * m_byteNs;
    return due;
}

void PtyLink::onPacerTick()
{
    const qint64 now = m_clock.nsecsElapsed();

    if (const qsizetype n = dueBytes(m_txFreeAtNs, m_txQueue.size(), now)) {
        QByteArray chunk = m_txQueue.first(n);
        m_txQueue.remove(0, n);
        corrupt(chunk, true);
        writeToMaster(chunk);
    }

    if (const qsizetype n = dueBytes(m_rxFreeAtNs, m_rxQueue.size(), now)) {
        QByteArray chunk = m_rxQueue.first(n);
        m_rxQueue.remove(0, n);
        corrupt(chunk, false);
        emit received(chunk);
    }

    if (m_txQueue.isEmpty() && m_rxQueue.isEmpty())
        m_pacer.stop();
}

void PtyLink::corrupt(QByteArray &bytes, bool toStation)
{
    const bool enabled = toStation ? m_corruptToStation : m_corruptToDevice;
    if (!enabled || m_corruptRate <= 0.0)
        return;

    quint64 &counter = toStation ? m_corruptedToStation : m_corruptedToDevice;

    for (char &byte : bytes) {
        if (m_rng.generateDouble() < m_corruptRate) {
            byte = char(byte ^ (1 << m_rng.bounded(8)));
            ++counter;
        }
    }
}

void PtyLink::writeToMaster(const QByteArray &bytes)
{
    if (m_master < 0 || !m_attached) {
        m_droppedToStation += quint64(bytes.size());
        return;
    }

    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t n =
            ::write(m_master, bytes.constData() + written, size_t(bytes.size() - written));
        if (n > 0) {
            written += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;

        // The station stopped reading and the kernel's buffer is full: a UART receiver would
        // overrun and lose these bytes too.
        m_droppedToStation += quint64(bytes.size() - written);
        qCDebug(lcSim) << "station not reading" << m_linkPath << "lost" << (bytes.size() - written)
                       << "bytes";
        return;
    }
}

} // namespace Blackbird::Sim
