// Terminal escape sequences in device console output. Firmware consoles colour their lines with
// ANSI/VT100 sequences; the station never shows them raw. stripAnsi() removes every escape and
// control sequence (CSI, OSC, DCS and the other string sequences, two- and three-byte escapes,
// their 8-bit C1 forms, and broken or cut-off ones) and keeps the readable text. The foreground
// colour the firmware chose for the visible text is reported as a level hint, so a red line
// stays recognisable as an error after its colour is gone.
#pragma once

#include "timelineentry.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace Blackbird {

struct AnsiStripped
{
    QString text;
    // The most severe level suggested by the foreground colour of any visible character: red is
    // an error, yellow a warning. Empty when no visible text had one of those colours.
    std::optional<TimelineEntry::Level> colourLevel;
};

// Removes escape sequences and other control characters from one console line. A tab becomes a
// space; a carriage return inside the line keeps only what the terminal would show after it.
AnsiStripped stripAnsiWithLevel(QStringView line);
QString stripAnsi(QStringView line);

} // namespace Blackbird
