// The log model: messages of the logging categories reach it through the sink, in batches, and
// it keeps only its capacity of the newest.
#include "logging/logcategories.h"
#include "logging/logmodel.h"
#include "logging/logsink.h"

#include <QSignalSpy>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace Blackbird;

class TestLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void categoriesReachTheModel();
    void messagesFromOtherThreads();
    void keepsOnlyCapacity();
    void burstCostsOneInsert();
};

void TestLogModel::cleanup()
{
    LogSink::uninstall();
}

void TestLogModel::categoriesReachTheModel()
{
    LogModel model;
    connect(LogSink::instance(), &LogSink::recorded, &model, &LogModel::append,
            Qt::QueuedConnection);

    qCWarning(lcPorts) << "Port gone:"
                       << "/dev/ttyUSB0";
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, LogModel::CategoryColumn)).toString(),
             QStringLiteral("blackbird.ports"));
    QCOMPARE(model.data(model.index(0, LogModel::LevelColumn)).toString(),
             QStringLiteral("Warning"));
    QVERIFY(model.data(model.index(0, LogModel::MessageColumn)).toString().contains("ttyUSB0"));
    QCOMPARE(model.data(model.index(0, 0), LogModel::TypeRole).toInt(), int(QtWarningMsg));
}

void TestLogModel::messagesFromOtherThreads()
{
    LogModel model;
    connect(LogSink::instance(), &LogSink::recorded, &model, &LogModel::append,
            Qt::QueuedConnection);
    QFuture<void> done = QtConcurrent::run([] {
        for (int i = 0; i < 100; ++i)
            qCInfo(lcSerial) << "line" << i;
    });
    done.waitForFinished();
    QTRY_COMPARE(model.rowCount(), 100);
    QVERIFY(model.record(99).message.endsWith(QStringLiteral("99")));
}

void TestLogModel::keepsOnlyCapacity()
{
    LogModel model;
    model.setCapacity(10);
    for (int i = 0; i < 25; ++i)
        model.append(
            {QDateTime::currentDateTimeUtc(), QtInfoMsg, QStringLiteral("t"), QString::number(i)});
    model.flush();
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.record(0).message, QStringLiteral("15"));
    QCOMPARE(model.record(9).message, QStringLiteral("24"));

    model.append(
        {QDateTime::currentDateTimeUtc(), QtInfoMsg, QStringLiteral("t"), QStringLiteral("25")});
    model.flush();
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.record(0).message, QStringLiteral("16"));

    model.setCapacity(3);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.record(0).message, QStringLiteral("23"));
}

void TestLogModel::burstCostsOneInsert()
{
    LogModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 500; ++i)
        model.append(
            {QDateTime::currentDateTimeUtc(), QtDebugMsg, QStringLiteral("t"), QString::number(i)});
    QCOMPARE(model.rowCount(), 0);
    QTRY_COMPARE(model.rowCount(), 500);
    QCOMPARE(inserted.count(), 1);
}

QTEST_GUILESS_MAIN(TestLogModel)
#include "tst_logmodel.moc"
