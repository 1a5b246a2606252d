// The real station window, offscreen: its port list follows real pseudo-terminals, its empty
// state says where it looks, and the log dock shows the station's messages.
#include "logging/logmodel.h"
#include "logging/logsink.h"
#include "mainwindow.h"
#include "ports/portwatcher.h"
#include "pseudoterminal.h"

#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Blackbird;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsPortsLive();
    void remembersLayout();
    void choosesLanguage();
};

void TestMainWindow::showsPortsLive()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings settings(dir.filePath(QStringLiteral("station.ini")), QSettings::IniFormat);
    LogModel log;
    connect(LogSink::instance(), &LogSink::recorded, &log, &LogModel::append, Qt::QueuedConnection);

    PortWatcher watcher;
    watcher.setFilter({{dir.filePath(QStringLiteral("dev-*"))}, {}, false});
    MainWindow window(&watcher, &log, &settings);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("Blackbird Provisioning Station"));
    watcher.start();

    auto *table = window.findChild<QTableView *>(QStringLiteral("portTable"));
    auto *empty = window.findChild<QLabel *>(QStringLiteral("portsEmptyLabel"));
    auto *count = window.findChild<QLabel *>(QStringLiteral("portCountLabel"));
    QVERIFY(table && empty && count);
    QTRY_VERIFY(empty->isVisible() && empty->text().contains(dir.filePath("dev-*")));
    QCOMPARE(table->model()->rowCount(), 0);

    Test::PseudoTerminal pty;
    QVERIFY(pty.isOpen());
    const QString link = dir.filePath(QStringLiteral("dev-000"));
    QVERIFY(QFile::link(pty.slavePath(), link));
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 1000);
    QVERIFY(table->isVisible());
    QVERIFY(!empty->isVisible());
    QCOMPARE(table->model()->index(0, 0).data().toString(), link);
    QCOMPARE(count->text(), QStringLiteral("Device ports: 1"));

    // The watcher's own message about the new port reaches the log dock.
    auto *logTable = window.findChild<QDockWidget *>(QStringLiteral("logDock"))
                         ->findChild<QTableView *>(QStringLiteral("logTable"));
    QVERIFY(logTable);
    const auto logMentions = [&log](const QString &text) {
        for (int row = 0; row < log.rowCount(); ++row) {
            if (log.record(row).message.contains(text))
                return true;
        }
        return false;
    };
    QTRY_VERIFY(logMentions(link));
    QVERIFY(logTable->model()->rowCount() > 0);

    QVERIFY(QFile::remove(link));
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 0, 1000);
    QTRY_VERIFY(empty->isVisible());
    QCOMPARE(count->text(), QStringLiteral("Device ports: 0"));
    LogSink::uninstall();
}

void TestMainWindow::remembersLayout()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("station.ini")), QSettings::IniFormat);
    LogModel log;
    PortWatcher watcher;
    {
        MainWindow window(&watcher, &log, &settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findChild<QDockWidget *>(QStringLiteral("logDock"))->hide();
        window.close();
    }
    QVERIFY(settings.contains(QStringLiteral("window/state")));
    MainWindow again(&watcher, &log, &settings);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QVERIFY(!again.findChild<QDockWidget *>(QStringLiteral("logDock"))->isVisible());
}

void TestMainWindow::choosesLanguage()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings settings(dir.filePath(QStringLiteral("station.ini")), QSettings::IniFormat);
    LogModel log;
    PortWatcher watcher;
    QVERIFY(MainWindow::chosenLanguage(settings).isEmpty()); // follows the system at first
    {
        MainWindow window(&watcher, &log, &settings);
        auto *menu = window.findChild<QMenu *>(QStringLiteral("languageMenu"));
        QVERIFY(menu);
        QStringList offered;
        QAction *german = nullptr;
        for (QAction *action : menu->actions()) {
            if (action->isSeparator())
                continue;
            offered << action->data().toString();
            if (action->data().toString() == QLatin1String("de"))
                german = action;
            QCOMPARE(action->isChecked(), action->data().toString().isEmpty());
        }
        offered.sort();
        QCOMPARE(offered, (QStringList{QString(), "de", "en", "es", "zh_CN"}));
        QVERIFY(german);
        QCOMPARE(german->text(), QStringLiteral("Deutsch"));
        german->trigger();
        QCOMPARE(MainWindow::chosenLanguage(settings), QStringLiteral("de"));
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("Deutsch")));
    }
    // The next window shows the choice.
    MainWindow again(&watcher, &log, &settings);
    auto *menu = again.findChild<QMenu *>(QStringLiteral("languageMenu"));
    QVERIFY(menu);
    for (QAction *action : menu->actions()) {
        if (!action->isSeparator())
            QCOMPARE(action->isChecked(), action->data().toString() == QLatin1String("de"));
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
