// The timeline store and its filtered model: batched commits (one view update per batch, not
// per line), every field kept, filters by level, source, port, device and text (ASCII and not),
// live lines passing through a filter, the capacity bound with its evictions seen by the views,
// memory given back as lines go, and the export with both timestamps.
#include "timeline/timelinestore.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Blackbird;
using Level = TimelineEntry::Level;
using Source = TimelineEntry::Source;

namespace {

const QDateTime t0 = QDateTime(QDate(2026, 12, 3), QTime(8, 0, 0, 125), QTimeZone::utc());

TimelineEntry makeEntry(int n, Source source = Source::Console, Level level = Level::Info,
                        const QString &port = QStringLiteral("/dev/ttyUSB0"))
{
    TimelineEntry e;
    e.stationTime = t0.addMSecs(n);
    e.source = source;
    e.level = level;
    e.port = port;
    e.text = QStringLiteral("line %1").arg(n);
    return e;
}

QStringList rowTexts(const TimelineModel &model)
{
    QStringList texts;
    for (int row = 0; row < model.rowCount(); ++row)
        texts.append(model.index(row, TimelineModel::TextColumn).data().toString());
    return texts;
}

} // namespace

class TestTimelineStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsEveryField();
    void commitsInBatches();
    void filters_data();
    void filters();
    void liveLinesPassTheFilter();
    void evictsOldestBeyondCapacity();
    void batchLargerThanCapacity();
    void givesMemoryBack();
    void cutsOverlongLines();
    void clearKeepsSequenceGoing();
    void exportsBothTimestamps();
    void exportReportsAnUnwritablePath();
    void exportOutlivesTheLinesItWrites();
};

void TestTimelineStore::keepsEveryField()
{
    TimelineStore store;
    TimelineEntry e;
    e.stationTime = t0;
    e.deviceTime = t0.addMSecs(-250);
    e.source = Source::Broker;
    e.level = Level::Error;
    e.port = QStringLiteral("/dev/serial/by-id/usb-FTDI_FT232R_A10K3Z-if00");
    e.deviceUuid = QStringLiteral("6f1c2a9e-0b5d-4c7e-9a31-2b8e6d0f4c11");
    e.text = QStringLiteral("RegisterThing rejected: errorCode InvalidParameters, Grüße 你好");
    store.append(e);
    TimelineEntry plain = makeEntry(1);
    store.append(plain);
    store.flush();

    QCOMPARE(store.size(), 2);
    const TimelineEntry back = store.entry(store.firstSequence());
    QCOMPARE(back.stationTime, e.stationTime);
    QCOMPARE(back.deviceTime, e.deviceTime);
    QCOMPARE(back.source, e.source);
    QCOMPARE(back.level, e.level);
    QCOMPARE(back.port, e.port);
    QCOMPARE(back.deviceUuid, e.deviceUuid);
    QCOMPARE(back.text, e.text);
    QVERIFY(!store.deviceTime(store.firstSequence() + 1).isValid());
    QCOMPARE(store.deviceUuid(store.firstSequence() + 1), QString());

    TimelineModel model(&store);
    QAbstractItemModelTester tester(&model);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, TimelineModel::SourceColumn).data().toString(),
             QStringLiteral("Broker"));
    QCOMPARE(model.index(0, TimelineModel::LevelColumn).data().toString(), QStringLiteral("Error"));
    QCOMPARE(model.index(0, TimelineModel::DeviceTimeColumn).data().toString(),
             e.deviceTime.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")));
    QCOMPARE(model.index(1, TimelineModel::DeviceTimeColumn).data().toString(), QString());
    QCOMPARE(model.index(0, 0).data(TimelineModel::LevelRole).toInt(), int(Level::Error));
    QVERIFY(!store.contains(store.endSequence()));
    QCOMPARE(store.text(store.endSequence()), QString());
}

void TestTimelineStore::commitsInBatches()
{
    TimelineStore store;
    TimelineModel model(&store);
    QSignalSpy appended(&store, &TimelineStore::linesAppended);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    for (int i = 0; i < 5000; ++i)
        store.append(makeEntry(i));
    QCOMPARE(store.size(), 0); // queued, not yet committed
    QCOMPARE(store.pendingCount(), 5000);
    QCOMPARE(model.rowCount(), 0);

    QTRY_COMPARE(store.size(), 5000); // the batch timer commits them
    QCOMPARE(appended.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 4999);
    QCOMPARE(model.rowCount(), 5000);
    QCOMPARE(model.index(4999, TimelineModel::TextColumn).data().toString(),
             QStringLiteral("line 4999"));
}

void TestTimelineStore::filters_data()
{
    QTest::addColumn<TimelineFilter>("filter");
    QTest::addColumn<QStringList>("texts");

    QTest::newRow("everything") << TimelineFilter{}
                                << QStringList{"boot ok",
                                               "Connected to broker",
                                               "RSSI low",
                                               "Certificate REJECTED by broker",
                                               "Über-Temperatur erkannt",
                                               "设备已注册",
                                               "claim sent"};
    TimelineFilter f;
    f.levels = TimelineFilter::levelsFrom(Level::Warning);
    QTest::newRow("warnings and errors")
        << f << QStringList{"RSSI low", "Certificate REJECTED by broker"};
    f = {};
    f.levels = TimelineFilter::bit(Level::Debug);
    QTest::newRow("debug only") << f << QStringList{"boot ok"};
    f = {};
    f.sources = TimelineFilter::bit(Source::Broker) | TimelineFilter::bit(Source::Station);
    QTest::newRow("broker and station")
        << f << QStringList{"Connected to broker", "Certificate REJECTED by broker", "claim sent"};
    f = {};
    f.port = QStringLiteral("/dev/ttyUSB1");
    QTest::newRow("one port") << f << QStringList{"RSSI low", "设备已注册"};
    f = {};
    f.port = QStringLiteral("/dev/ttyUSB9");
    QTest::newRow("a port never seen") << f << QStringList{};
    f = {};
    f.deviceUuid = QStringLiteral("uuid-b");
    QTest::newRow("one device") << f << QStringList{"Certificate REJECTED by broker"};
    f = {};
    f.text = QStringLiteral("broker");
    QTest::newRow("text") << f
                          << QStringList{"Connected to broker", "Certificate REJECTED by broker"};
    f.text = QStringLiteral("rejected BY");
    QTest::newRow("text in another case") << f << QStringList{"Certificate REJECTED by broker"};
    f.text = QStringLiteral("über-TEMP");
    QTest::newRow("non-ASCII text, other case") << f << QStringList{"Über-Temperatur erkannt"};
    f.text = QStringLiteral("已注册");
    QTest::newRow("CJK text") << f << QStringList{"设备已注册"};
    f.text = QStringLiteral("nothing like this");
    QTest::newRow("text that is nowhere") << f << QStringList{};
    f = {};
    f.text = QStringLiteral("o");
    f.sources = TimelineFilter::bit(Source::Console);
    f.port = QStringLiteral("/dev/ttyUSB0");
    QTest::newRow("combined") << f << QStringList{"boot ok"};
    f = {};
    f.levels = 0;
    QTest::newRow("no level at all") << f << QStringList{};
}

void TestTimelineStore::filters()
{
    QFETCH(TimelineFilter, filter);
    QFETCH(QStringList, texts);

    TimelineStore store;
    const auto add = [&store](Source source, Level level, const QString &port, const QString &uuid,
                              const QString &text) {
        TimelineEntry e = makeEntry(0, source, level, port);
        e.deviceUuid = uuid;
        e.text = text;
        store.append(e);
    };
    const QString usb0 = QStringLiteral("/dev/ttyUSB0");
    const QString usb1 = QStringLiteral("/dev/ttyUSB1");
    add(Source::Console, Level::Debug, usb0, {}, QStringLiteral("boot ok"));
    add(Source::Broker, Level::Info, usb0, QStringLiteral("uuid-a"),
        QStringLiteral("Connected to broker"));
    add(Source::Device, Level::Warning, usb1, QStringLiteral("uuid-c"), QStringLiteral("RSSI low"));
    add(Source::Broker, Level::Error, QStringLiteral("/dev/ttyUSB2"), QStringLiteral("uuid-b"),
        QStringLiteral("Certificate REJECTED by broker"));
    add(Source::Console, Level::Info, usb0, {}, QStringLiteral("Über-Temperatur erkannt"));
    add(Source::Console, Level::Info, usb1, QStringLiteral("uuid-c"), QStringLiteral("设备已注册"));
    add(Source::Station, Level::Info, usb0, QStringLiteral("uuid-a"), QStringLiteral("claim sent"));
    store.flush();

    TimelineModel model(&store);
    QAbstractItemModelTester tester(&model);
    model.setFilter(filter);
    QCOMPARE(rowTexts(model), texts);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.rowOf(model.sequenceAt(row)), row);
}

void TestTimelineStore::liveLinesPassTheFilter()
{
    TimelineStore store;
    TimelineModel errors(&store);
    TimelineModel usb1(&store);
    QAbstractItemModelTester tester(&errors);
    QAbstractItemModelTester tester1(&usb1);
    TimelineFilter f;
    f.levels = TimelineFilter::bit(Level::Error);
    errors.setFilter(f);
    f = {};
    f.port = QStringLiteral("/dev/ttyUSB1"); // not seen yet when the filter is set
    usb1.setFilter(f);
    QSignalSpy inserted(&errors, &QAbstractItemModel::rowsInserted);

    for (int i = 0; i < 100; ++i) {
        store.append(makeEntry(i, Source::Console, i % 10 == 0 ? Level::Error : Level::Info,
                               i % 4 == 0 ? QStringLiteral("/dev/ttyUSB1")
                                          : QStringLiteral("/dev/ttyUSB0")));
    }
    store.flush();

    QCOMPARE(errors.rowCount(), 10);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(errors.index(9, TimelineModel::TextColumn).data().toString(),
             QStringLiteral("line 90"));
    QCOMPARE(usb1.rowCount(), 25);
    QCOMPARE(usb1.index(1, TimelineModel::TextColumn).data().toString(), QStringLiteral("line 4"));
}

void TestTimelineStore::evictsOldestBeyondCapacity()
{
    TimelineStore store;
    store.setCapacity(100);
    TimelineModel all(&store);
    TimelineModel errors(&store);
    QAbstractItemModelTester tester(&all);
    QAbstractItemModelTester testerErrors(&errors);
    TimelineFilter f;
    f.levels = TimelineFilter::bit(Level::Error);
    errors.setFilter(f);
    QSignalSpy removed(&all, &QAbstractItemModel::rowsRemoved);

    for (int batch = 0; batch < 5; ++batch) {
        for (int i = batch * 50; i < batch * 50 + 50; ++i)
            store.append(makeEntry(i, Source::Console, i % 3 == 0 ? Level::Error : Level::Info));
        store.flush();
    }

    QCOMPARE(store.size(), 100);
    QCOMPARE(store.firstSequence(), quint64(150));
    QCOMPARE(store.evictedCount(), quint64(150));
    QCOMPARE(store.text(store.firstSequence()), QStringLiteral("line 150"));
    QVERIFY(!store.contains(149));
    QCOMPARE(all.rowCount(), 100);
    QCOMPARE(all.index(0, TimelineModel::TextColumn).data().toString(), QStringLiteral("line 150"));
    QCOMPARE(all.index(99, TimelineModel::TextColumn).data().toString(),
             QStringLiteral("line 249"));
    QCOMPARE(removed.size(), 3);     // one removal per batch that overflowed, not one per line
    QCOMPARE(errors.rowCount(), 34); // 150..249 divisible by three: 150, 153, ..., 249
    QCOMPARE(errors.index(0, TimelineModel::TextColumn).data().toString(),
             QStringLiteral("line 150"));

    store.setCapacity(10); // lowering drops at once
    QCOMPARE(store.size(), 10);
    QCOMPARE(all.rowCount(), 10);
    QCOMPARE(errors.rowCount(), 4); // 240, 243, 246, 249
    QCOMPARE(all.index(0, TimelineModel::TextColumn).data().toString(), QStringLiteral("line 240"));
}

void TestTimelineStore::batchLargerThanCapacity()
{
    TimelineStore store;
    store.setCapacity(10);
    TimelineModel model(&store);
    QAbstractItemModelTester tester(&model);
    for (int i = 0; i < 5; ++i)
        store.append(makeEntry(i));
    store.flush();
    for (int i = 5; i < 40; ++i)
        store.append(makeEntry(i));
    store.flush();
    QCOMPARE(store.size(), 10);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(rowTexts(model).first(), QStringLiteral("line 30"));
    QCOMPARE(rowTexts(model).last(), QStringLiteral("line 39"));
    QCOMPARE(store.evictedCount(), quint64(30));
}

void TestTimelineStore::givesMemoryBack()
{
    TimelineStore store;
    store.setCapacity(1000);
    const QString kilobyte(1000, u'x');
    for (int i = 0; i < 20000; ++i) {
        TimelineEntry e = makeEntry(i);
        e.text = kilobyte;
        store.append(e);
        if (i % 500 == 499)
            store.flush();
    }
    store.flush();
    QCOMPARE(store.size(), 1000);
    // 1000 lines of 1 kB: about a megabyte of text plus the chunk being filled, not 20 MB.
    QVERIFY2(store.memoryUsage() < 4 * 1024 * 1024, QByteArray::number(store.memoryUsage()));
    QVERIFY(store.memoryUsage() > 1000 * 1000);
}

void TestTimelineStore::cutsOverlongLines()
{
    TimelineStore store;
    TimelineEntry e = makeEntry(0);
    e.text = QString(TimelineStore::MaxLineBytes, u'ä'); // two bytes each in UTF-8
    store.append(e);
    store.flush();
    const QString back = store.text(store.firstSequence());
    QVERIFY(back.endsWith(u'…'));
    QVERIFY(back.toUtf8().size() <= TimelineStore::MaxLineBytes);
    QVERIFY(back.size() > TimelineStore::MaxLineBytes / 2 - 4);
    QVERIFY(!back.contains(QChar::ReplacementCharacter));
}

void TestTimelineStore::clearKeepsSequenceGoing()
{
    TimelineStore store;
    TimelineModel model(&store);
    QAbstractItemModelTester tester(&model);
    for (int i = 0; i < 10; ++i)
        store.append(makeEntry(i));
    store.flush();
    store.append(makeEntry(10)); // still queued: clear drops it too
    store.clear();
    QCOMPARE(store.size(), 0);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(store.firstSequence(), quint64(10));
    store.append(makeEntry(11));
    store.flush();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(store.firstSequence(), quint64(10));
    QCOMPARE(rowTexts(model), QStringList{QStringLiteral("line 11")});
}

void TestTimelineStore::exportsBothTimestamps()
{
    QTemporaryDir dir;
    TimelineStore store;
    TimelineEntry withDevice = makeEntry(0, Source::Device, Level::Warning);
    withDevice.deviceTime = QDateTime(QDate(2026, 12, 3), QTime(7, 59, 58, 4), QTimeZone::utc());
    withDevice.deviceUuid = QStringLiteral("6f1c2a9e-0b5d-4c7e-9a31-2b8e6d0f4c11");
    withDevice.text = QStringLiteral("claim\tcommitted\nnow");
    store.append(withDevice);
    store.append(makeEntry(1, Source::Station, Level::Info, QString()));
    store.append(makeEntry(2, Source::Console, Level::Debug));

    const QString path = dir.filePath(QStringLiteral("timeline.txt"));
    TimelineFilter f;
    f.levels = TimelineFilter::levelsFrom(Level::Info);
    auto future = store.exportTo(path, f); // commits the queued lines first
    future.waitForFinished();
    QVERIFY2(future.result().ok, qPrintable(future.result().error));
    QCOMPARE(future.result().lines, 2);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.at(0).startsWith(u'#'));
    QCOMPARE(lines.at(2),
             QStringLiteral("2026-12-03T08:00:00.125Z\t2026-12-03T07:59:58.004Z\twarning\tdevice\t"
                            "/dev/ttyUSB0\t6f1c2a9e-0b5d-4c7e-9a31-2b8e6d0f4c11\t"
                            "claim committed now"));
    QCOMPARE(lines.at(3),
             QStringLiteral("2026-12-03T08:00:00.126Z\t-\tinfo\tstation\t-\t-\tline 1"));
}

void TestTimelineStore::exportReportsAnUnwritablePath()
{
    TimelineStore store;
    store.append(makeEntry(0));
    auto future = store.exportTo(QStringLiteral("/nonexistent-dir/timeline.txt"));
    future.waitForFinished();
    QVERIFY(!future.result().ok);
    QVERIFY2(future.result().error.contains(QStringLiteral("/nonexistent-dir/timeline.txt")),
             qPrintable(future.result().error));
}

void TestTimelineStore::exportOutlivesTheLinesItWrites()
{
    // The export formats on a worker; the store dropping and reusing its memory meanwhile must
    // not change what is written.
    QTemporaryDir dir;
    TimelineStore store;
    for (int i = 0; i < 20000; ++i) {
        TimelineEntry e = makeEntry(i);
        e.text = QStringLiteral("line %1 ").arg(i) + QString(100, u'x');
        store.append(e);
    }
    const QString path = dir.filePath(QStringLiteral("timeline.txt"));
    auto future = store.exportTo(path);
    store.setCapacity(1);
    store.clear();
    for (int i = 0; i < 20000; ++i)
        store.append(makeEntry(100000 + i));
    store.flush();
    future.waitForFinished();
    QVERIFY2(future.result().ok, qPrintable(future.result().error));
    QCOMPARE(future.result().lines, 20000);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 2 + 20000 + 1); // header, lines, and the empty piece after the last
    for (int i = 0; i < 20000; i += 997)
        QVERIFY(lines.at(2 + i).endsWith(
            QByteArray(QStringLiteral("line %1 ").arg(i).toUtf8() + QByteArray(100, 'x'))));
}

QTEST_GUILESS_MAIN(TestTimelineStore)
#include "tst_timelinestore.moc"
