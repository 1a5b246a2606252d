// One line of a device's timeline: what the device said over serial (a console line or a
// protocol event), what the broker reported about it, or what the station itself did. The
// pipeline produces these; the timeline store keeps them and the GUI shows them.
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace Blackbird {

struct TimelineEntry
{
    enum class Source : quint8 {
        Console, // a free-form line the firmware printed
        Device,  // a protocol event or reply from the device
        Broker,  // what the MQTT broker reported (presence, accepted, rejected)
        Station, // the station's own steps and decisions
    };
    enum class Level : quint8 { Debug, Info, Warning, Error };

    QDateTime stationTime; // when the station received or produced it (UTC)
    QDateTime deviceTime;  // the device's or broker's own timestamp, when it gave one
    Source source = Source::Station;
    Level level = Level::Info;
    QString port;       // the serial port the device is on
    QString deviceUuid; // empty until the device has identified itself
    QString text;       // readable, one line, ANSI escapes already removed
};

QString timelineSourceName(TimelineEntry::Source source);
QString timelineLevelName(TimelineEntry::Level level);

} // namespace Blackbird

Q_DECLARE_METATYPE(Blackbird::TimelineEntry)
