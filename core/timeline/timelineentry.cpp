#include "timelineentry.h"

namespace Blackbird {

QString timelineSourceName(TimelineEntry::Source source)
{
    switch (source) {
    case TimelineEntry::Source::Console:
        return QStringLiteral("console");
    case TimelineEntry::Source::Device:
        return QStringLiteral("device");
    case TimelineEntry::Source::Broker:
        return QStringLiteral("broker");
    case TimelineEntry::Source::Station:
        return QStringLiteral("station");
    }
    return {};
}

QString timelineLevelName(TimelineEntry::Level level)
{
    switch (level) {
    case TimelineEntry::Level::Debug:
        return QStringLiteral("debug");
    case TimelineEntry::Level::Info:
        return QStringLiteral("info");
    case TimelineEntry::Level::Warning:
        return QStringLiteral("warning");
    case TimelineEntry::Level::Error:
        return QStringLiteral("error");
    }
    return {};
}

} // namespace Blackbird
