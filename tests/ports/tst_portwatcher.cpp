// Port discovery on real pseudo-terminals: links that appear and go, dangling links, patterns
// with wildcards in folders, filter changes, and the model that follows the watcher.
#include "ports/portlistmodel.h"
#include "ports/portscanner.h"
#include "ports/portwatcher.h"
#include "pseudoterminal.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Blackbird;
using namespace std::chrono_literals;

class TestPortWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void linkAppearsAndGoesWithinOneSecond();
    void closedTerminalLeavesNoPort();
    void ignoresWhatIsNotADevice();
    void expandsWildcardFolders();
    void filterChangeRescans();
    void modelFollowsWatcher();
    void manyPortsAtOnce();

private:
    QString link(const QString &name, const QString &target);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestPortWatcher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestPortWatcher::link(const QString &name, const QString &target)
{
    const QString path = m_dir->filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!QFile::link(target, path))
        qWarning("cannot create the link %s", qPrintable(path));
    return path;
}

void TestPortWatcher::linkAppearsAndGoesWithinOneSecond()
{
    Test::PseudoTerminal pty;
    QVERIFY2(pty.isOpen(), qPrintable(pty.errorString()));

    PortWatcher watcher;
    watcher.setFilter({{m_dir->filePath(QStringLiteral("dev-*"))}, {}, false});
    QSignalSpy added(&watcher, &PortWatcher::portAdded);
    QSignalSpy removed(&watcher, &PortWatcher::portRemoved);
    watcher.start();
    QTRY_VERIFY(watcher.hasScanned());
    QCOMPARE(watcher.ports().size(), 0);

    const QString path = link(QStringLiteral("dev-000"), pty.slavePath());
    QTRY_COMPARE_WITH_TIMEOUT(added.count(), 1, 1000);
    const auto port = added.at(0).at(0).value<PortInfo>();
    QCOMPARE(port.path, path);
    QCOMPARE(port.devicePath, pty.slavePath());
    QCOMPARE(port.source, PortInfo::Source::Pattern);
    QCOMPARE(watcher.ports().size(), 1);

    QVERIFY(QFile::remove(path));
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 1000);
    QCOMPARE(removed.at(0).at(0).value<PortInfo>().path, path);
    QCOMPARE(watcher.ports().size(), 0);
    QCOMPARE(added.count(), 1);
}

void TestPortWatcher::closedTerminalLeavesNoPort()
{
    auto pty = std::make_unique<Test::PseudoTerminal>();
    QVERIFY(pty->isOpen());
    const QString path = link(QStringLiteral("dev-001"), pty->slavePath());

    PortWatcher watcher;
    watcher.setFilter({{m_dir->filePath(QStringLiteral("dev-*"))}, {}, false});
    QSignalSpy removed(&watcher, &PortWatcher::portRemoved);
    watcher.start();
    QTRY_COMPARE(watcher.ports().size(), 1);

    // The device goes away but its link stays behind, dangling: that is no port.
    pty.reset();
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 1000);
    QVERIFY(QFileInfo(path).isSymLink());
    QCOMPARE(watcher.ports().size(), 0);
}

void TestPortWatcher::ignoresWhatIsNotADevice()
{
    Test::PseudoTerminal pty;
    QVERIFY(pty.isOpen());
    link(QStringLiteral("dev-real"), pty.slavePath());
    link(QStringLiteral("dev-dangling"), m_dir->filePath(QStringLiteral("nothing-here")));
    QFile plain(m_dir->filePath(QStringLiteral("dev-file")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("dev-folder")));

    const QStringList found = PortScanner::expandPattern(m_dir->filePath(QStringLiteral("dev-*")));
    QCOMPARE(found, QStringList{m_dir->filePath(QStringLiteral("dev-real"))});
}

void TestPortWatcher::expandsWildcardFolders()
{
    Test::PseudoTerminal a;
    Test::PseudoTerminal b;
    QVERIFY(a.isOpen() && b.isOpen());
    const QString first = link(QStringLiteral("line-1/dev-000"), a.slavePath());
    const QString second = link(QStringLiteral("line-2/dev-000"), b.slavePath());
    link(QStringLiteral("other/dev-000"), a.slavePath());

    const QStringList found =
        PortScanner::expandPattern(m_dir->filePath(QStringLiteral("line-?/dev-*")));
    QCOMPARE(found, (QStringList{first, second}));
    QCOMPARE(PortScanner::expandPattern(m_dir->filePath(QStringLiteral("missing/*"))),
             QStringList());
    QCOMPARE(PortScanner::expandPattern(QString()), QStringList());
}

void TestPortWatcher::filterChangeRescans()
{
    Test::PseudoTerminal a;
    Test::PseudoTerminal b;
    QVERIFY(a.isOpen() && b.isOpen());
    const QString first = link(QStringLiteral("a-000"), a.slavePath());
    const QString second = link(QStringLiteral("b-000"), b.slavePath());

    PortWatcher watcher;
    watcher.setFilter({{m_dir->filePath(QStringLiteral("a-*"))}, {}, false});
    watcher.start();
    QTRY_COMPARE(watcher.ports().size(), 1);
    QCOMPARE(watcher.ports().at(0).path, first);

    QSignalSpy added(&watcher, &PortWatcher::portAdded);
    QSignalSpy removed(&watcher, &PortWatcher::portRemoved);
    watcher.setFilter({{m_dir->filePath(QStringLiteral("b-*"))}, {}, false});
    QTRY_COMPARE(added.count(), 1);
    QTRY_COMPARE(removed.count(), 1);
    QCOMPARE(added.at(0).at(0).value<PortInfo>().path, second);
    QCOMPARE(removed.at(0).at(0).value<PortInfo>().path, first);
}

void TestPortWatcher::modelFollowsWatcher()
{
    Test::PseudoTerminal a;
    Test::PseudoTerminal b;
    QVERIFY(a.isOpen() && b.isOpen());

    PortWatcher watcher;
    watcher.setFilter({{m_dir->filePath(QStringLiteral("dev-*"))}, {}, false});
    PortListModel model;
    model.setWatcher(&watcher);
    watcher.start();

    const QString second = link(QStringLiteral("dev-002"), b.slavePath());
    QTRY_COMPARE(model.rowCount(), 1);
    const QString first = link(QStringLiteral("dev-001"), a.slavePath());
    QTRY_COMPARE(model.rowCount(), 2);

    // Rows stay sorted by path however the ports arrive.
    QCOMPARE(model.data(model.index(0, PortListModel::PathColumn)).toString(), first);
    QCOMPARE(model.data(model.index(1, PortListModel::PathColumn)).toString(), second);
    QCOMPARE(model.data(model.index(1, PortListModel::DeviceColumn)).toString(), b.slavePath());
    QCOMPARE(model.rowOf(second), 1);

    QVERIFY(QFile::remove(first));
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(model.port(0).path, second);
    QCOMPARE(model.rowOf(first), -1);
}

void TestPortWatcher::manyPortsAtOnce()
{
    std::vector<std::unique_ptr<Test::PseudoTerminal>> terminals;
    for (int i = 0; i < 32; ++i) {
        terminals.push_back(std::make_unique<Test::PseudoTerminal>());
        QVERIFY(terminals.back()->isOpen());
    }

    PortWatcher watcher;
    watcher.setFilter({{m_dir->filePath(QStringLiteral("dev-*"))}, {}, false});
    QSignalSpy added(&watcher, &PortWatcher::portAdded);
    watcher.start();
    QTRY_VERIFY(watcher.hasScanned());
    for (int i = 0; i < 32; ++i)
        link(QStringLiteral("dev-%1").arg(i, 3, 10, QLatin1Char('0')), terminals[i]->slavePath());
    // This case is about every port arriving and going exactly once; the one-second bound is
    // proven by linkAppearsAndGoesWithinOneSecond, not here under 32 times the load.
    QTRY_COMPARE_WITH_TIMEOUT(added.count(), 32, 5000);

    QSignalSpy removed(&watcher, &PortWatcher::portRemoved);
    terminals.clear();
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 32, 5000);
    QCOMPARE(added.count(), 32);
    QCOMPARE(watcher.ports().size(), 0);
}

QTEST_GUILESS_MAIN(TestPortWatcher)
#include "tst_portwatcher.moc"
