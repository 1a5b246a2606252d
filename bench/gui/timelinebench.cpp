// blackbird-timeline-bench: how much memory the station's timeline store needs for a million
// lines, how long appending them takes, and how long a filtered view of them takes to build.
// The figures to reach: at most 200 MB for 1,000,000 lines, at most 250 ms per filter.
//
//   blackbird-timeline-bench [lines]
#include "timeline/timelinestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

using namespace Blackbird;

namespace {

// Resident memory of this process in kB, from /proc/self/status.
qint64 residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// A shift's worth of plausible lines: console output of sixteen devices with the station's and
// the broker's lines among them, 40 to 110 characters each.
TimelineEntry makeLine(qint64 i, const QDateTime &start)
{
    static const char *const console[] = {
        "[%1.%2] wifi: connected to factory-line-3, rssi -47 dBm, channel 6",
        "[%1.%2] mqtt: connecting to broker port 8883 (TLS 1.3)",
        "[%1.%2] sensor: temperature 23.%2 C, humidity 41 %, pressure 1013 hPa",
        "[%1.%2] heap: free 182344 bytes, largest block 110592, min ever 171020",
        "[%1.%2] ota: image slot B verified, sha256 ok, keeping slot A active",
        "[%1.%2] provisioning: claim certificate loaded, template BlackbirdFleet",
    };
    static const char *const broker[] = {
        "presence: client connected from 127.0.0.1:%1 as client %2",
        "CreateKeysAndCertificate accepted, certificate id %1%2ab",
        "RegisterThing rejected: errorCode InvalidParameters, message missing serial (%1), attempt "
        "%2",
    };
    TimelineEntry e;
    e.stationTime = start.addMSecs(i);
    e.port = QStringLiteral("/dev/serial/by-id/usb-Blackbird_Sensor_%1-if00").arg(i % 16);
    e.deviceUuid = QStringLiteral("6f1c2a9e-0b5d-4c7e-9a31-%1").arg(i % 16, 12, 10, QChar(u'0'));
    const int kind = int(i % 20);
    if (kind < 16) {
        e.source = TimelineEntry::Source::Console;
        e.level = kind == 3 ? TimelineEntry::Level::Debug : TimelineEntry::Level::Info;
        e.text = QString::fromLatin1(console[i % 6]).arg(i / 1000).arg(i % 1000);
        e.deviceTime = e.stationTime.addMSecs(-3);
    } else if (kind < 18) {
        e.source = TimelineEntry::Source::Broker;
        e.level =
            kind == 17 && i % 7 == 0 ? TimelineEntry::Level::Error : TimelineEntry::Level::Info;
        e.text = QString::fromLatin1(broker[kind == 17 && i % 7 == 0 ? 2 : i % 2])
                     .arg(40000 + i % 20000)
                     .arg(i);
    } else if (kind == 18) {
        e.source = TimelineEntry::Source::Device;
        e.level = i % 50 == 18 ? TimelineEntry::Level::Warning : TimelineEntry::Level::Info;
        e.text = QStringLiteral("event transfer_progress offset=%1 of 2311 bytes").arg(i % 2311);
    } else {
        e.source = TimelineEntry::Source::Station;
        e.level = TimelineEntry::Level::Info;
        e.text =
            QStringLiteral("Step register passed in %1 ms for Sensor_%2").arg(i % 900).arg(i % 16);
    }
    return e;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 lines = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1'000'000;
    if (lines <= 0) {
        std::fprintf(stderr, "usage: blackbird-timeline-bench [lines > 0]\n");
        return 2;
    }

    const QDateTime start = QDateTime::currentDateTimeUtc();
    qint64 textBytes = 0;
    for (qint64 i = 0; i < 1000; ++i)
        textBytes += makeLine(i, start).text.toUtf8().size();

    TimelineStore store;
    store.setCapacity(lines);
    TimelineModel model(&store);
    const qint64 rssBefore = residentKb();

    // Generating the lines is timed apart, so the append figure is the store's own cost.
    QElapsedTimer generate;
    generate.start();
    for (qint64 i = 0; i < lines; ++i)
        (void)makeLine(i, start);
    const qint64 generateMs = generate.elapsed();

    QElapsedTimer append;
    append.start();
    for (qint64 i = 0; i < lines; ++i) {
        store.append(makeLine(i, start));
        if (i % 2000 == 1999)
            store.flush(); // a batch, as the 50 ms timer would commit at 40,000 lines/s
    }
    store.flush();
    const qint64 appendMs = append.elapsed() - generateMs;
    const qint64 rssAfter = residentKb();

    std::printf("Blackbird timeline store benchmark\n");
    std::printf("lines                      %lld (average text %lld bytes)\n",
                static_cast<long long>(store.size()), static_cast<long long>(textBytes / 1000));
    std::printf(
        "resident memory growth     %.1f MB (target <= 200 MB; store's own count %.1f MB)\n",
        double(rssAfter - rssBefore) / 1024.0, double(store.memoryUsage()) / 1048576.0);
    std::printf("append time                %lld ms (%.2f us per line, batches of 2000, "
                "line generation excluded)\n",
                static_cast<long long>(appendMs), double(appendMs) * 1000.0 / double(lines));
    std::printf("model rows                 %d\n", model.rowCount());

    struct Case
    {
        const char *name;
        TimelineFilter filter;
    };
    TimelineFilter warnings;
    warnings.levels = TimelineFilter::levelsFrom(TimelineEntry::Level::Warning);
    TimelineFilter broker;
    broker.sources = TimelineFilter::bit(TimelineEntry::Source::Broker);
    TimelineFilter onePort;
    onePort.port = QStringLiteral("/dev/serial/by-id/usb-Blackbird_Sensor_7-if00");
    TimelineFilter text;
    text.text = QStringLiteral("rejected");
    TimelineFilter textCase;
    textCase.text = QStringLiteral("CERTIFICATE ID 12345");
    TimelineFilter textMiss;
    textMiss.text = QStringLiteral("no such words anywhere");
    TimelineFilter umlaut;
    umlaut.text = QStringLiteral("Zertifikat für");
    TimelineFilter umlautOnly;
    umlautOnly.text = QStringLiteral("für");
    TimelineFilter combined = onePort;
    combined.sources = TimelineFilter::bit(TimelineEntry::Source::Console);
    combined.text = QStringLiteral("heap");
    const Case cases[] = {
        {"level >= warning", warnings},  {"source = broker", broker},
        {"one port of 16", onePort},     {"text \"rejected\"", text},
        {"text, other case", textCase},  {"text, no match", textMiss},
        {"text, non-ASCII", umlaut},     {"text, mostly non-ASCII", umlautOnly},
        {"port+console+text", combined}, {"everything (reset)", TimelineFilter{}},
    };
    std::printf("filter (model rebuilt)     rows        time (target <= 250 ms)\n");
    for (const Case &c : cases) {
        QElapsedTimer timer;
        timer.start();
        model.setFilter(c.filter);
        const qint64 ms = timer.elapsed();
        std::printf("  %-24s %-11d %lld ms\n", c.name, model.rowCount(),
                    static_cast<long long>(ms));
    }

    QTemporaryDir dir;
    QElapsedTimer exporting;
    exporting.start();
    auto future = store.exportTo(dir.filePath(QStringLiteral("timeline.txt")), warnings);
    const qint64 formatMs = exporting.elapsed();
    future.waitForFinished();
    std::printf("export of level >= warning %lld lines, %lld ms on the caller, "
                "%lld ms in all\n",
                static_cast<long long>(future.result().lines), static_cast<long long>(formatMs),
                static_cast<long long>(exporting.elapsed()));

    QElapsedTimer exportingAll;
    exportingAll.start();
    auto all = store.exportTo(dir.filePath(QStringLiteral("timeline-all.txt")));
    const qint64 allCallerMs = exportingAll.elapsed();
    all.waitForFinished();
    std::printf("export of every line       %lld lines, %lld ms on the caller, %lld ms in all\n",
                static_cast<long long>(all.result().lines), static_cast<long long>(allCallerMs),
                static_cast<long long>(exportingAll.elapsed()));
    return 0;
}
