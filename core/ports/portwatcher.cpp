#include "portwatcher.h"

#include "logging/logcategories.h"
#include "portscanner.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace std::chrono_literals;

namespace Blackbird {

PortWatcher::PortWatcher(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Blackbird::PortInfo>();
    m_timer.setInterval(250ms);
    connect(&m_timer, &QTimer::timeout, this, &PortWatcher::rescan);
    connect(&m_scan, &QFutureWatcher<QList<PortInfo>>::finished, this, [this] {
        if (m_discardRunningScan) {
            m_discardRunningScan = false;
            rescan();
            return;
        }
        applyScan(m_scan.result());
    });
}

PortWatcher::~PortWatcher()
{
    // The scan only reads the file system; waiting for it keeps its result from arriving late.
    m_scan.waitForFinished();
}

void PortWatcher::setFilter(const PortFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    m_scanned = false;
    QStringList places = filter.patterns;
    if (filter.includeSystemPorts) {
        QStringList ids;
        for (const UsbId &id : filter.usbIds)
            ids << id.toString();
        places << (ids.isEmpty() ? QStringLiteral("every serial port of this computer")
                                 : QStringLiteral("USB serial adapters ") + ids.join(u' '));
    }
    qCInfo(lcPorts).noquote() << "Watching for device ports in:"
                              << (places.isEmpty() ? QStringLiteral("nowhere (nothing is set)")
                                                   : places.join(QStringLiteral(", ")));
    if (m_scan.isRunning())
        m_discardRunningScan = true;
    else if (isRunning())
        rescan();
}

void PortWatcher::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void PortWatcher::start()
{
    m_timer.start();
    rescan();
}

void PortWatcher::stop()
{
    m_timer.stop();
}

void PortWatcher::rescan()
{
    if (m_scan.isRunning())
        return;
    const PortFilter filter = m_filter;
    m_scan.setFuture(QtConcurrent::run([filter] { return PortScanner::scan(filter); }));
}

void PortWatcher::applyScan(const QList<PortInfo> &found)
{
    const QList<PortInfo> previous = m_ports;
    m_ports = found;
    m_scanned = true;

    const auto findPath = [](const QList<PortInfo> &list, const QString &path) {
        return std::find_if(list.cbegin(), list.cend(),
                            [&](const PortInfo &p) { return p.path == path; });
    };

    for (const PortInfo &old : previous) {
        if (findPath(found, old.path) == found.cend()) {
            qCInfo(lcPorts) << "Port gone:" << old.path;
            Q_EMIT portRemoved(old);
        }
    }
    for (const PortInfo &port : found) {
        const auto old = findPath(previous, port.path);
        if (old == previous.cend()) {
            qCInfo(lcPorts).noquote()
                << "Port found:" << port.path << (port.hasUsbIds ? port.usbIdText() : QString())
                << port.serialNumber;
            Q_EMIT portAdded(port);
        } else if (!(*old == port)) {
            qCInfo(lcPorts) << "Port changed:" << port.path;
            Q_EMIT portChanged(port);
        }
    }
    Q_EMIT scanned();
}

} // namespace Blackbird
