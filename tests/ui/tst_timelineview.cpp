// The timeline view offscreen: it follows new lines until the user scrolls up and resumes at the
// end, its level, source and search controls filter the lines, it shows one port on request,
// copies the selected lines with both timestamps and exports what it shows. With
// BLACKBIRD_SCREENSHOT_DIR set it also saves a picture of itself there.
#include "timeline/timelinestore.h"
#include "timelineview.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>

using namespace Blackbird;
using Level = TimelineEntry::Level;
using Source = TimelineEntry::Source;

namespace {

const QDateTime t0 = QDateTime(QDate(2026, 12, 3), QTime(9, 30, 0), Qt::UTC);

void fill(TimelineStore &store, int from, int count)
{
    for (int i = from; i < from + count; ++i) {
        TimelineEntry e;
        e.stationTime = t0.addMSecs(i * 10);
        e.port = i % 2 ? QStringLiteral("/dev/ttyUSB1") : QStringLiteral("/dev/ttyUSB0");
        switch (i % 10) {
        case 0:
            e.source = Source::Station;
            e.text = QStringLiteral("Step transfer passed (line %1)").arg(i);
            break;
        case 3:
            e.source = Source::Broker;
            e.level = Level::Error;
            e.text = QStringLiteral("RegisterThing rejected: errorCode InvalidParameters "
                                    "(line %1)")
                         .arg(i);
            break;
        case 6:
            e.source = Source::Device;
            e.level = Level::Warning;
            e.deviceTime = e.stationTime.addMSecs(-40);
            e.text = QStringLiteral("event mqtt_retry attempt=2 (line %1)").arg(i);
            break;
        default:
            e.source = Source::Console;
            e.level = i % 10 == 9 ? Level::Debug : Level::Info;
            e.deviceTime = e.stationTime.addMSecs(-40);
            e.text = QStringLiteral("I (%1) wifi: rssi -52 dBm (line %1)").arg(i);
        }
        store.append(e);
    }
    store.flush();
}

} // namespace

class TestTimelineView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsUntilScrolledUp();
    void filtersFromItsControls();
    void showsOnePort();
    void copiesSelectedLines();
    void exportsWhatItShows();
    void screenshot();
};

void TestTimelineView::followsUntilScrolledUp()
{
    TimelineStore store;
    TimelineView view(&store);
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QScrollBar *bar = view.table()->verticalScrollBar();
    QSignalSpy following(&view, &TimelineView::followingChanged);

    fill(store, 0, 2000);
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(view.isFollowing());

    // Lines dropped at the top move the scroll bar; that is not the user scrolling.
    store.setCapacity(1500);
    QVERIFY(view.isFollowing());
    fill(store, 2000, 100);
    QVERIFY(view.isFollowing());
    QTRY_COMPARE(bar->value(), bar->maximum());

    // The user scrolls up with the wheel.
    QWheelEvent wheel(QPointF(50, 50), view.table()->viewport()->mapToGlobal(QPointF(50, 50)),
                      QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                      false);
    QApplication::sendEvent(view.table()->viewport(), &wheel);
    QVERIFY(!view.isFollowing());
    QVERIFY(bar->value() < bar->maximum());
    QCOMPARE(following.size(), 1);
    auto *status = view.findChild<QLabel *>(QStringLiteral("timelineStatus"));
    QVERIFY(status->text().contains(QStringLiteral("paused")));
    auto *follow = view.findChild<QToolButton *>(QStringLiteral("timelineFollow"));
    QVERIFY(!follow->isChecked());

    bar->triggerAction(QAbstractSlider::SliderPageStepSub); // and pages up on the bar
    QTRY_VERIFY(!view.isFollowing());
    const int kept = bar->value();
    store.setCapacity(100000);
    fill(store, 2100, 400);
    QCOMPARE(view.model()->rowCount(), 1900);
    QCoreApplication::processEvents();
    QCOMPARE(bar->value(), kept); // new lines do not pull the user away

    bar->setValue(bar->maximum()); // back at the end: following again
    QVERIFY(view.isFollowing());
    fill(store, 2500, 500);
    QTRY_COMPARE(bar->value(), bar->maximum());

    view.table()->setFocus();
    QTest::keyClick(view.table(), Qt::Key_PageUp); // the keyboard pauses too
    QVERIFY(!view.isFollowing());
    follow->click(); // and the button resumes
    QVERIFY(view.isFollowing());
    QTest::keyClick(view.table(), Qt::Key_PageUp);
    QVERIFY(!view.isFollowing());
    QTest::keySequence(view.table(), QKeySequence(Qt::CTRL | Qt::Key_End)); // as does Ctrl+End
    QVERIFY(view.isFollowing());
    QTest::keySequence(view.table(), QKeySequence(Qt::CTRL | Qt::Key_End)); // and keeps it on
    QVERIFY(view.isFollowing());
    QTRY_COMPARE(bar->value(), bar->maximum());
}

void TestTimelineView::filtersFromItsControls()
{
    TimelineStore store;
    fill(store, 0, 100);
    TimelineView view(&store);
    QCOMPARE(view.model()->rowCount(), 100);

    auto *level = view.findChild<QComboBox *>(QStringLiteral("timelineLevel"));
    level->setCurrentIndex(level->findText(QStringLiteral("Errors only")));
    QCOMPARE(view.model()->rowCount(), 10);
    level->setCurrentIndex(level->findText(QStringLiteral("Warnings and errors")));
    QCOMPARE(view.model()->rowCount(), 20);

    auto *broker = view.findChild<QToolButton *>(QStringLiteral("timelineSource_broker"));
    QVERIFY(broker);
    broker->click(); // hide broker lines: only the device's warnings stay
    QCOMPARE(view.model()->rowCount(), 10);
    QCOMPARE(view.model()->index(0, TimelineModel::SourceColumn).data().toString(),
             QStringLiteral("Device"));
    broker->click();
    level->setCurrentIndex(0);

    auto *search = view.findChild<QLineEdit *>(QStringLiteral("timelineSearch"));
    QTest::keyClicks(search, QStringLiteral("LINE 42)"));
    QTRY_COMPARE(view.model()->rowCount(), 1); // after the typing pause
    QVERIFY(view.model()
                ->index(0, TimelineModel::TextColumn)
                .data()
                .toString()
                .contains(QStringLiteral("line 42)")));
    auto *status = view.findChild<QLabel *>(QStringLiteral("timelineStatus"));
    QCOMPARE(status->text(), QStringLiteral("1 of 100 lines match"));
    search->clear();
    QTRY_COMPARE(view.model()->rowCount(), 100);
}

void TestTimelineView::showsOnePort()
{
    TimelineStore store;
    fill(store, 0, 100);
    TimelineView view(&store);
    QVERIFY(!view.table()->isColumnHidden(TimelineModel::PortColumn));
    view.setPort(QStringLiteral("/dev/ttyUSB1"));
    QCOMPARE(view.model()->rowCount(), 50);
    QVERIFY(view.table()->isColumnHidden(TimelineModel::PortColumn));
    fill(store, 100, 10);
    QCOMPARE(view.model()->rowCount(), 55);
    view.setPort({});
    QCOMPARE(view.model()->rowCount(), 110);
}

void TestTimelineView::copiesSelectedLines()
{
    TimelineStore store;
    fill(store, 0, 10);
    TimelineView view(&store);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.table()->selectRow(6);
    view.table()->selectionModel()->select(view.model()->index(3, 0),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QString expected = store.formatLine(store.firstSequence() + 3) + u'\n' +
                             store.formatLine(store.firstSequence() + 6);
    QCOMPARE(view.selectedText(), expected);
    QVERIFY(
        expected.contains(QStringLiteral("2026-12-03T09:30:00.060Z\t2026-12-03T09:30:00.020Z")));

    QApplication::clipboard()->clear();
    view.table()->setFocus();
    QTest::keySequence(view.table(), QKeySequence::Copy);
    QCOMPARE(QApplication::clipboard()->text(), expected);
}

void TestTimelineView::exportsWhatItShows()
{
    QTemporaryDir dir;
    TimelineStore store;
    fill(store, 0, 100);
    TimelineView view(&store);
    auto *level = view.findChild<QComboBox *>(QStringLiteral("timelineLevel"));
    level->setCurrentIndex(level->findText(QStringLiteral("Errors only")));
    QSignalSpy exported(&view, &TimelineView::exported);

    const QString path = dir.filePath(QStringLiteral("errors.txt"));
    view.exportTo(path);
    QTRY_COMPARE(exported.size(), 1);
    QVERIFY(exported.first().at(0).value<TimelineExportResult>().ok);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2 + 10);
    QVERIFY(lines.last().contains(QStringLiteral("\terror\tbroker\t")));
    auto *status = view.findChild<QLabel *>(QStringLiteral("timelineStatus"));
    QCOMPARE(status->text(), QStringLiteral("Saved 10 lines to %1").arg(path));

    view.exportTo(dir.filePath(QStringLiteral("missing/dir/x.txt")));
    QTRY_COMPARE(exported.size(), 2);
    QVERIFY(!exported.last().at(0).value<TimelineExportResult>().ok);
    QVERIFY(status->text().startsWith(QStringLiteral("Could not write the timeline")));
}

void TestTimelineView::screenshot()
{
    const QString dir = qEnvironmentVariable("BLACKBIRD_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("Set BLACKBIRD_SCREENSHOT_DIR to save a picture of the timeline view");
    TimelineStore store;
    fill(store, 0, 300000);
    TimelineView view(&store);
    view.resize(1100, 480);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(view.table()->verticalScrollBar()->value(),
                 view.table()->verticalScrollBar()->maximum());
    QVERIFY(view.grab().save(QDir(dir).filePath(QStringLiteral("timeline-view.png"))));
}

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
