// blackbird-timeline-view-bench: the timeline view on screen (offscreen platform unless one is
// given) over a store that already holds a million lines, while lines stream in at the rate
// of issue 8 (2,000 lines per second in total). Prints the event loop's longest stall and its
// 99th percentile while streaming, the time of a repaint at a random scroll position, and the
// time a search takes from typing to painted rows.
//
//   blackbird-timeline-view-bench [prefilled lines] [seconds of streaming]
#include "timeline/timelinestore.h"
#include "timelineview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Blackbird;

namespace {

TimelineEntry makeLine(qint64 i)
{
    TimelineEntry e;
    e.stationTime = QDateTime::currentDateTimeUtc();
    e.port = QStringLiteral("/dev/serial/by-id/usb-Blackbird_Sensor_%1-if00").arg(i % 32);
    e.source = i % 10 == 0 ? TimelineEntry::Source::Broker : TimelineEntry::Source::Console;
    e.level = i % 50 == 0 ? TimelineEntry::Level::Warning : TimelineEntry::Level::Info;
    e.deviceTime = e.stationTime.addMSecs(-2);
    e.text = QStringLiteral("I (%1) sensor: temperature 23.%2 C, humidity 41 %, heap 182344")
                 .arg(i)
                 .arg(i % 10);
    return e;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[size_t(p * double(values.size() - 1))];
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const qint64 prefill = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1'000'000;
    const int seconds = argc > 2 ? QByteArray(argv[2]).toInt() : 5;

    TimelineStore store;
    QElapsedTimer fill;
    fill.start();
    for (qint64 i = 0; i < prefill; ++i)
        store.append(makeLine(i));
    store.flush();
    std::printf("Blackbird timeline view benchmark (platform %s)\n",
                qPrintable(QApplication::platformName()));
    std::printf("prefilled lines            %lld in %lld ms\n", static_cast<long long>(prefill),
                static_cast<long long>(fill.elapsed()));

    TimelineView view(&store);
    view.resize(1280, 800);
    QElapsedTimer shown;
    shown.start();
    view.show();
    QApplication::processEvents();
    view.repaint();
    std::printf("view shown and painted     %lld ms\n", static_cast<long long>(shown.elapsed()));

    // Streaming: 20 lines every 10 ms, and a 5 ms probe timer whose lateness is the stall.
    qint64 next = prefill;
    QTimer producer;
    producer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&producer, &QTimer::timeout, &store, [&] {
        for (int i = 0; i < 20; ++i)
            store.append(makeLine(next++));
    });
    std::vector<double> gaps;
    QElapsedTimer clock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    qint64 last = 0;
    QObject::connect(&probe, &QTimer::timeout, &store, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (last > 0)
            gaps.push_back(double(now - last) / 1e6 - 5.0);
        last = now;
    });
    clock.start();
    producer.start(10);
    probe.start(5);
    QTimer::singleShot(seconds * 1000, &app, &QApplication::quit);
    QApplication::exec();
    producer.stop();
    probe.stop();
    std::printf("streamed                   %lld lines in %d s, view following: %s\n",
                static_cast<long long>(next - prefill), seconds, view.isFollowing() ? "yes" : "no");
    std::printf("event loop stall           max %.1f ms, p99 %.1f ms (targets < 50 ms, < 16 ms)\n",
                gaps.empty() ? 0.0 : *std::max_element(gaps.begin(), gaps.end()),
                percentile(gaps, 0.99));

    // Jumping around a million lines: each repaint measures only what is visible.
    QScrollBar *bar = view.table()->verticalScrollBar();
    std::vector<double> paints;
    for (int i = 0; i < 50; ++i) {
        bar->setValue(int(QRandomGenerator::global()->bounded(bar->maximum() + 1)));
        QElapsedTimer paint;
        paint.start();
        (void)view.table()->viewport()->grab(); // renders now, whatever the platform
        paints.push_back(double(paint.nsecsElapsed()) / 1e6);
    }
    std::printf("repaint at a random place  median %.1f ms, max %.1f ms (50 jumps)\n",
                percentile(paints, 0.5), *std::max_element(paints.begin(), paints.end()));

    auto *search = view.findChild<QLineEdit *>(QStringLiteral("timelineSearch"));
    QElapsedTimer searching;
    searching.start();
    search->setText(QStringLiteral("i (777777) SENSOR"));
    Q_EMIT search->returnPressed();
    (void)view.table()->viewport()->grab();
    std::printf("search to painted rows     %lld ms (%d rows of %lld)\n",
                static_cast<long long>(searching.elapsed()), view.model()->rowCount(),
                static_cast<long long>(store.size()));
    return 0;
}
