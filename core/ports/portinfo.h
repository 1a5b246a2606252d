// What the station knows about one candidate device port, and the filter that decides which
// ports are candidates: USB vendor/product ids for real adapters, path glob patterns for stable
// links such as /dev/serial/by-id/*Blackbird* or the device simulator's folder of links.
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Blackbird {

struct UsbId
{
    quint16 vendorId = 0;
    // 0 matches every product of the vendor.
    quint16 productId = 0;

    // Parses "0403:6001" or "0403" (hex, as lsusb prints them).
    static bool parse(const QString &text, UsbId *id);
    QString toString() const;
    friend bool operator==(const UsbId &, const UsbId &) = default;
};

struct PortInfo
{
    enum class Source { System, Pattern };

    // The path the station opens: a pattern's match (kept as the link, which stays stable)
    // or the system's device node.
    QString path;
    // The device node behind the path, after resolving links.
    QString devicePath;
    QString description;
    QString manufacturer;
    QString serialNumber;
    quint16 vendorId = 0;
    quint16 productId = 0;
    bool hasUsbIds = false;
    Source source = Source::System;

    QString usbIdText() const;
    friend bool operator==(const PortInfo &, const PortInfo &) = default;
};

struct PortFilter
{
    // Glob patterns of paths; '*', '?' and '[...]' may appear in any component.
    QStringList patterns;
    // When not empty, system ports must match one of these to be candidates.
    QList<UsbId> usbIds;
    // Whether ports the system enumerates (QSerialPortInfo) are candidates at all.
    bool includeSystemPorts = true;

    bool acceptsUsb(const PortInfo &port) const;
    friend bool operator==(const PortFilter &, const PortFilter &) = default;
};

} // namespace Blackbird

Q_DECLARE_METATYPE(Blackbird::PortInfo)
