#include "portscanner.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSerialPortInfo>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace Blackbird {

namespace {

bool hasWildcard(const QString &component)
{
    return component.contains(QLatin1Char('*')) || component.contains(QLatin1Char('?')) ||
           component.contains(QLatin1Char('['));
}

// A serial port is a character device; a dangling link or a plain file is not a port.
bool isCharacterDevice(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 && S_ISCHR(info.st_mode);
#else
    return QFileInfo::exists(path);
#endif
}

PortInfo fromSerialPortInfo(const QSerialPortInfo &info)
{
    PortInfo port;
    port.path = info.systemLocation();
    port.devicePath = QFileInfo(port.path).canonicalFilePath();
    if (port.devicePath.isEmpty())
        port.devicePath = port.path;
    port.description = info.description();
    port.manufacturer = info.manufacturer();
    port.serialNumber = info.serialNumber();
    port.hasUsbIds = info.hasVendorIdentifier() && info.hasProductIdentifier();
    port.vendorId = info.vendorIdentifier();
    port.productId = info.productIdentifier();
    port.source = PortInfo::Source::System;
    return port;
}

} // namespace

QStringList PortScanner::expandPattern(const QString &pattern)
{
    const QString clean = QDir::cleanPath(QDir::fromNativeSeparators(pattern));
    if (clean.isEmpty())
        return {};

    // Walk the components, widening the set of candidate folders at each wildcard.
    const bool absolute = clean.startsWith(QLatin1Char('/'));
    const QStringList components = clean.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QStringList current{absolute ? QStringLiteral("/") : QStringLiteral(".")};
    for (qsizetype i = 0; i < components.size(); ++i) {
        const QString &component = components.at(i);
        const bool last = i == components.size() - 1;
        QStringList next;
        for (const QString &base : std::as_const(current)) {
            const QDir dir(base);
            if (!hasWildcard(component)) {
                const QString path = dir.filePath(component);
                if (last || QFileInfo(path).isDir())
                    next << path;
                continue;
            }
            const QDir::Filters filters =
                last ? QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot
                     : QDir::Dirs | QDir::NoDotAndDotDot;
            const QStringList names = dir.entryList({component}, filters, QDir::Name);
            for (const QString &name : names)
                next << dir.filePath(name);
        }
        current = next;
        if (current.isEmpty())
            break;
    }

    QStringList matches;
    for (const QString &path : std::as_const(current)) {
        if (isCharacterDevice(path))
            matches << QDir::cleanPath(path);
    }
    matches.sort();
    matches.removeDuplicates();
    return matches;
}

QList<PortInfo> PortScanner::scan(const PortFilter &filter)
{
    QHash<QString, PortInfo> systemByDevice;
    if (filter.includeSystemPorts) {
        const QList<QSerialPortInfo> available = QSerialPortInfo::availablePorts();
        for (const QSerialPortInfo &info : available) {
            const PortInfo port = fromSerialPortInfo(info);
            systemByDevice.insert(port.devicePath, port);
        }
    }

    QList<PortInfo> ports;
    for (const QString &pattern : filter.patterns) {
        const QStringList paths = expandPattern(pattern);
        for (const QString &path : paths) {
            PortInfo port;
            port.path = path;
            port.devicePath = QFileInfo(path).canonicalFilePath();
            port.source = PortInfo::Source::Pattern;

            // A link to a USB adapter the system also lists: keep the link, take the details.
            const auto system = systemByDevice.constFind(port.devicePath);
            if (system != systemByDevice.cend()) {
                const PortInfo &details = system.value();
                port.description = details.description;
                port.manufacturer = details.manufacturer;
                port.serialNumber = details.serialNumber;
                port.hasUsbIds = details.hasUsbIds;
                port.vendorId = details.vendorId;
                port.productId = details.productId;
                systemByDevice.erase(system);
            }
            if (std::none_of(ports.cbegin(), ports.cend(),
                             [&](const PortInfo &p) { return p.path == port.path; }))
                ports << port;
        }
    }

    for (const PortInfo &port : std::as_const(systemByDevice)) {
        if (filter.acceptsUsb(port))
            ports << port;
    }

    std::sort(ports.begin(), ports.end(),
              [](const PortInfo &a, const PortInfo &b) { return a.path < b.path; });
    return ports;
}

} // namespace Blackbird
