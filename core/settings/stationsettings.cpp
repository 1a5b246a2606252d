#include "stationsettings.h"

#include "logging/logcategories.h"

#include <array>

namespace Blackbird {

namespace {

struct Entry
{
    StationSettings::Key key;
    const char *name;
    QVariant (*defaultValue)();
};

// Every setting and its default, in one place.
const std::array<Entry, 4> s_entries{{
    {StationSettings::Key::PortPatterns, "ports/patterns",
     [] { return QVariant(QStringList{QStringLiteral("/dev/serial/by-id/*")}); }},
    {StationSettings::Key::PortUsbIds, "ports/usbIds", [] { return QVariant(QStringList()); }},
    {StationSettings::Key::PortIncludeSystem, "ports/includeSystemPorts",
     [] { return QVariant(false); }},
    {StationSettings::Key::PortScanIntervalMs, "ports/scanIntervalMs",
     [] { return QVariant(250); }},
}};

const Entry &entry(StationSettings::Key key)
{
    for (const Entry &e : s_entries) {
        if (e.key == key)
            return e;
    }
    Q_UNREACHABLE();
}

} // namespace

StationSettings::StationSettings()
    : m_settings(std::make_unique<QSettings>())
{}

StationSettings::StationSettings(const QString &iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{}

QString StationSettings::name(Key key)
{
    return QString::fromLatin1(entry(key).name);
}

QVariant StationSettings::defaultValue(Key key)
{
    return entry(key).defaultValue();
}

QVariant StationSettings::value(Key key) const
{
    return m_settings->value(name(key), defaultValue(key));
}

void StationSettings::setValue(Key key, const QVariant &value)
{
    m_settings->setValue(name(key), value);
}

PortFilter StationSettings::portFilter() const
{
    PortFilter filter;
    filter.patterns = value(Key::PortPatterns).toStringList();
    filter.includeSystemPorts = value(Key::PortIncludeSystem).toBool();
    const QStringList ids = value(Key::PortUsbIds).toStringList();
    for (const QString &text : ids) {
        UsbId id;
        if (UsbId::parse(text, &id))
            filter.usbIds << id;
        else
            qCWarning(lcApp) << "Ignoring the USB id" << text
                             << "in the settings: expected hex vendor[:product], like 0403:6001";
    }
    return filter;
}

void StationSettings::setPortFilter(const PortFilter &filter)
{
    QStringList ids;
    for (const UsbId &id : filter.usbIds)
        ids << id.toString();
    setValue(Key::PortPatterns, filter.patterns);
    setValue(Key::PortUsbIds, ids);
    setValue(Key::PortIncludeSystem, filter.includeSystemPorts);
}

int StationSettings::portScanIntervalMs() const
{
    return qBound(50, value(Key::PortScanIntervalMs).toInt(), 5000);
}

} // namespace Blackbird
