// The history view against a real audit store (SQLite in a temporary folder): it loads without
// waiting on the GUI thread, sorts, searches and filters through the store, shows the steps of
// the selected attempt, exports CSV, and writes a batch report PDF naming every device of the
// batch (read back by inflating the PDF's streams and mapping its glyphs to text).
#include "audit/auditstore.h"
#include "database/databaseconfig.h"
#include "historyview.h"
#include "pdftext.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>
#include <QUuid>

using namespace Blackbird;

namespace {

template<typename T> T await(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}

} // namespace

class TestHistoryView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsSortsAndFilters();
    void showsTheSteps();
    void exportsCsv();
    void writesBatchReport();
    void reportErrors();

private:
    AuditAttempt add(const QString &batch, int n, AuditOutcome outcome, const QString &error = {});

    QTemporaryDir m_dir;
    AuditStore m_store;
    QList<AuditAttempt> m_batch7;
    QList<AuditAttempt> m_batch8;
};

AuditAttempt TestHistoryView::add(const QString &batch, int n, AuditOutcome outcome,
                                  const QString &error)
{
    AuditAttempt a;
    a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.stationId = QStringLiteral("station-line3");
    a.operatorName = QStringLiteral("Dana Operator");
    a.batchId = batch;
    a.mode = QStringLiteral("production");
    a.port = QStringLiteral("/dev/ttyUSB%1").arg(n);
    a.usbSerial = QStringLiteral("FT%1").arg(1000 + n);
    a.deviceUuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.deviceType = QStringLiteral("blackbird-sensor-v1");
    a.firmware = QStringLiteral("1.4.%1").arg(n);
    a.startedAt = QDateTime(QDate(2026, 12, 3), QTime(8, 0), Qt::UTC).addSecs(60 * n);
    if (!await(m_store.startAttempt(a)).ok)
        qFatal("could not start an attempt");
    const QStringList steps{QStringLiteral("identify"), QStringLiteral("register"),
                            QStringLiteral("transfer")};
    for (int i = 0; i < steps.size(); ++i) {
        const bool last = i == steps.size() - 1;
        const QString stepOutcome = last && outcome == AuditOutcome::Failed
                                        ? QStringLiteral("failed")
                                        : QStringLiteral("passed");
        AuditStep step{steps.at(i), stepOutcome, last ? error : QString(),
                       a.startedAt.addMSecs(i * 1500), a.startedAt.addMSecs(i * 1500 + 1200)};
        if (!await(m_store.recordStep(a.id, step)).ok)
            qFatal("could not record a step");
        a.steps.append(step);
    }
    if (!await(m_store.finishAttempt(a.id, outcome, error)).ok)
        qFatal("could not finish an attempt");
    a.outcome = outcome;
    a.error = error;
    return a;
}

void TestHistoryView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const AuditResult opened =
        await(m_store.open(DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("audit.sqlite")))));
    QVERIFY2(opened.ok, qPrintable(opened.error));
    m_batch7 << add(QStringLiteral("B-7"), 1, AuditOutcome::Passed)
             << add(QStringLiteral("B-7"), 2, AuditOutcome::Passed)
             << add(QStringLiteral("B-7"), 3, AuditOutcome::Failed,
                    QStringLiteral("the device stopped answering during the transfer"))
             << add(QStringLiteral("B-7"), 4, AuditOutcome::Skipped)
             << add(QStringLiteral("B-7"), 5, AuditOutcome::Passed);
    m_batch8 << add(QStringLiteral("B-8"), 6, AuditOutcome::Passed)
             << add(QStringLiteral("B-8"), 7, AuditOutcome::Interrupted);
}

void TestHistoryView::loadsSortsAndFilters()
{
    HistoryView view(&m_store);
    QSignalSpy loaded(&view, &HistoryView::loaded);
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(view.model()->rowCount(), 7);
    QTableView *table = view.table();
    // Newest first.
    QCOMPARE(table->model()->index(0, HistoryModel::PortColumn).data().toString(),
             QStringLiteral("/dev/ttyUSB7"));
    table->sortByColumn(HistoryModel::PortColumn, Qt::AscendingOrder);
    QCOMPARE(table->model()->index(0, HistoryModel::PortColumn).data().toString(),
             QStringLiteral("/dev/ttyUSB1"));
    table->sortByColumn(HistoryModel::OutcomeColumn, Qt::AscendingOrder);
    QCOMPARE(table->model()->index(0, HistoryModel::OutcomeColumn).data().toString(),
             QStringLiteral("Failed"));
    auto *status = view.findChild<QLabel *>(QStringLiteral("historyStatus"));
    QCOMPARE(status->text(), QStringLiteral("7 attempts"));

    auto *search = view.findChild<QLineEdit *>(QStringLiteral("historySearch"));
    search->setText(m_batch7.at(1).deviceUuid.left(13).toUpper());
    QTRY_COMPARE(loaded.size(), 2);
    QCOMPARE(view.model()->rowCount(), 1);
    QCOMPARE(view.model()->attempt(0).id, m_batch7.at(1).id);
    search->clear();
    QTRY_COMPARE(loaded.size(), 3);

    auto *outcome = view.findChild<QComboBox *>(QStringLiteral("historyOutcome"));
    outcome->setCurrentIndex(outcome->findText(QStringLiteral("Failed")));
    QTRY_COMPARE(loaded.size(), 4);
    QCOMPARE(view.model()->rowCount(), 1);
    QCOMPARE(view.model()->attempt(0).error, m_batch7.at(2).error);
    outcome->setCurrentIndex(0);
    QTRY_COMPARE(loaded.size(), 5);

    auto *batch = view.findChild<QLineEdit *>(QStringLiteral("historyBatch"));
    batch->setText(QStringLiteral("B-8"));
    QTest::keyClick(batch, Qt::Key_Return);
    QTRY_COMPARE(view.model()->rowCount(), 2);
}

void TestHistoryView::showsTheSteps()
{
    HistoryView view(&m_store);
    QSignalSpy loaded(&view, &HistoryView::loaded);
    QTRY_COMPARE(loaded.size(), 1);
    auto *steps = view.findChild<QTableWidget *>(QStringLiteral("historySteps"));
    auto *summary = view.findChild<QTextBrowser *>(QStringLiteral("historySummary"));
    QCOMPARE(steps->rowCount(), 0);
    QVERIFY(summary->toPlainText().contains(QStringLiteral("Select an attempt")));

    int failedRow = -1;
    for (int row = 0; row < view.table()->model()->rowCount(); ++row) {
        if (view.table()->model()->index(row, HistoryModel::OutcomeColumn).data() == "Failed")
            failedRow = row;
    }
    QVERIFY(failedRow >= 0);
    view.table()->selectRow(failedRow);
    QCOMPARE(steps->rowCount(), 3);
    QCOMPARE(steps->item(0, 0)->text(), QStringLiteral("Identify"));
    QCOMPARE(steps->item(2, 1)->text(), QStringLiteral("failed"));
    QCOMPARE(steps->item(2, 3)->text(), QStringLiteral("1.20 s"));
    QCOMPARE(steps->item(2, 4)->text(), m_batch7.at(2).error);
    QVERIFY(summary->toPlainText().contains(m_batch7.at(2).deviceUuid));
    QVERIFY(summary->toPlainText().contains(QStringLiteral("FT1003")));

    const QString dir = qEnvironmentVariable("BLACKBIRD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        view.resize(1200, 640);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.grab().save(QDir(dir).filePath(QStringLiteral("history-view.png"))));
    }
}

void TestHistoryView::exportsCsv()
{
    HistoryView view(&m_store);
    QSignalSpy loaded(&view, &HistoryView::loaded);
    QTRY_COMPARE(loaded.size(), 1);
    view.findChild<QLineEdit *>(QStringLiteral("historyBatch"))->setText(QStringLiteral("B-8"));
    QTRY_COMPARE(loaded.size(), 2);

    QSignalSpy exported(&view, &HistoryView::csvExported);
    const QString path = m_dir.filePath(QStringLiteral("history.csv"));
    view.exportCsv(path);
    QTRY_COMPARE(exported.size(), 1);
    const auto result = exported.first().at(0).value<AuditResult>();
    QVERIFY2(result.ok, qPrintable(result.error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString csv = QString::fromUtf8(file.readAll());
    QVERIFY(csv.contains(m_batch8.at(0).deviceUuid));
    QVERIFY(csv.contains(m_batch8.at(1).deviceUuid));
    QVERIFY(!csv.contains(m_batch7.at(0).deviceUuid)); // only what the view shows

    view.exportCsv(m_dir.filePath(QStringLiteral("no/such/folder/history.csv")));
    QTRY_COMPARE(exported.size(), 2);
    QVERIFY(!exported.last().at(0).value<AuditResult>().ok);
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("historyStatus"))
                ->text()
                .startsWith(QStringLiteral("Could not save the history")));
}

void TestHistoryView::writesBatchReport()
{
    HistoryView view(&m_store);
    QSignalSpy written(&view, &HistoryView::reportWritten);
    const QString path = m_dir.filePath(QStringLiteral("batch-B-7.pdf"));
    view.writeBatchReport(path, QStringLiteral("B-7"));
    QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 20000);
    const auto result = written.first().at(0).value<AuditResult>();
    QVERIFY2(result.ok, qPrintable(result.error));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.size() > 4000);
    const QString text = Test::pdfText(pdf).remove(QRegularExpression(QStringLiteral("\\s")));
    QVERIFY2(text.contains(QStringLiteral("Batchreport:B-7")), qPrintable(text.left(400)));
    for (const AuditAttempt &a : std::as_const(m_batch7)) {
        // Long cells may wrap inside the table: compare without white space.
        QVERIFY2(text.contains(a.deviceUuid), qPrintable(a.deviceUuid));
        QVERIFY(text.contains(a.usbSerial));
    }
    QVERIFY(text.contains(QStringLiteral("5devices:3passed,1failed,1skipped,0other.")));
    QVERIFY(text.contains(QStringLiteral("thedevicestoppedansweringduringthetransfer")));
    for (const AuditAttempt &a : std::as_const(m_batch8))
        QVERIFY(!text.contains(a.deviceUuid));

    const QString dir = qEnvironmentVariable("BLACKBIRD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        // The report's first page as a picture, to look at without a PDF viewer.
        QTextDocument document;
        document.setHtml(HistoryView::batchReportHtml(QStringLiteral("B-7"), m_batch7));
        document.setTextWidth(1100);
        QImage page(1100, int(document.size().height()) + 20, QImage::Format_RGB32);
        page.fill(Qt::white);
        QPainter painter(&page);
        document.drawContents(&painter);
        painter.end();
        QVERIFY(page.save(QDir(dir).filePath(QStringLiteral("batch-report.png"))));
    }
}

void TestHistoryView::reportErrors()
{
    HistoryView view(&m_store);
    QSignalSpy written(&view, &HistoryView::reportWritten);
    view.writeBatchReport(m_dir.filePath(QStringLiteral("none.pdf")), QStringLiteral("B-404"));
    QTRY_COMPARE(written.size(), 1);
    auto result = written.last().at(0).value<AuditResult>();
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QStringLiteral("B-404 has no attempts")),
             qPrintable(result.error));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.pdf"))));

    view.writeBatchReport(m_dir.filePath(QStringLiteral("missing/report.pdf")),
                          QStringLiteral("B-7"));
    QTRY_COMPARE(written.size(), 2);
    result = written.last().at(0).value<AuditResult>();
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QStringLiteral("does not exist")), qPrintable(result.error));
}

QTEST_MAIN(TestHistoryView)
#include "tst_historyview.moc"
