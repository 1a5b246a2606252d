#include "historyview.h"
#include "viewshortcut.h"

#include "logging/logcategories.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPageLayout>
#include <QPrinter>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace Blackbird {

namespace {

constexpr int ReportLimit = 100000; // a batch is a shift at most; far below this

QString localTime(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                          : QString();
}

QIcon outcomeIcon(AuditOutcome outcome)
{
    const QStyle *style = QApplication::style();
    switch (outcome) {
    case AuditOutcome::Passed:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case AuditOutcome::Failed:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case AuditOutcome::Skipped:
        return style->standardIcon(QStyle::SP_MediaSkipForward);
    case AuditOutcome::Cancelled:
        return style->standardIcon(QStyle::SP_DialogCancelButton);
    case AuditOutcome::Interrupted:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case AuditOutcome::Running:
        return style->standardIcon(QStyle::SP_BrowserReload);
    }
    return {};
}

} // namespace

// The model

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void HistoryModel::setAttempts(const QList<AuditAttempt> &attempts)
{
    beginResetModel();
    m_attempts = attempts;
    endResetModel();
}

QString HistoryModel::outcomeLabel(AuditOutcome outcome)
{
    switch (outcome) {
    case AuditOutcome::Running:
        return tr("Running");
    case AuditOutcome::Passed:
        return tr("Passed");
    case AuditOutcome::Failed:
        return tr("Failed");
    case AuditOutcome::Skipped:
        return tr("Skipped");
    case AuditOutcome::Cancelled:
        return tr("Cancelled");
    case AuditOutcome::Interrupted:
        return tr("Interrupted");
    }
    return {};
}

QString HistoryModel::stepLabel(const QString &step)
{
    static const QHash<QString, const char *> labels{
        {QStringLiteral("identify"), QT_TR_NOOP("Identify")},
        {QStringLiteral("register"), QT_TR_NOOP("Register")},
        {QStringLiteral("transfer"), QT_TR_NOOP("Transfer")},
        {QStringLiteral("commit"), QT_TR_NOOP("Commit")},
        {QStringLiteral("provision"), QT_TR_NOOP("Provision")},
        {QStringLiteral("watch"), QT_TR_NOOP("Watch")},
        {QStringLiteral("verify"), QT_TR_NOOP("Verify")},
        {QStringLiteral("record"), QT_TR_NOOP("Record")},
    };
    const char *label = labels.value(step);
    return label ? tr(label) : step;
}

QString HistoryModel::stepOutcomeLabel(const QString &outcome)
{
    static const QHash<QString, const char *> labels{
        {QStringLiteral("passed"), QT_TR_NOOP("passed")},
        {QStringLiteral("failed"), QT_TR_NOOP("failed")},
        {QStringLiteral("skipped"), QT_TR_NOOP("skipped")},
        {QStringLiteral("cancelled"), QT_TR_NOOP("cancelled")},
    };
    const char *label = labels.value(outcome);
    return label ? tr(label) : outcome;
}

QString HistoryModel::modeLabel(const QString &mode)
{
    static const QHash<QString, const char *> labels{
        {QStringLiteral("production"), QT_TR_NOOP("Production")},
        {QStringLiteral("rotate"), QT_TR_NOOP("Rotate")},
        {QStringLiteral("replace_claim"), QT_TR_NOOP("Replace claim")},
        {QStringLiteral("erase_claim"), QT_TR_NOOP("Erase claim")},
    };
    const char *label = labels.value(mode);
    return label ? tr(label) : mode;
}

QString HistoryModel::durationText(const QDateTime &from, const QDateTime &to)
{
    if (!from.isValid() || !to.isValid())
        return {};
    const qint64 ms = from.msecsTo(to);
    if (ms < 10000)
        return tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 2);
    if (ms < 600000)
        return tr("%1 s").arg(ms / 1000);
    if (ms < 3600000)
        return tr("%1 min %2 s").arg(ms / 60000).arg((ms / 1000) % 60);
    return tr("%1 h %2 min").arg(ms / 3600000).arg((ms / 60000) % 60);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_attempts.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_attempts.size())
        return {};
    const AuditAttempt &a = m_attempts.at(index.row());

    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case StartedColumn:
            return role == SortRole ? QVariant(a.startedAt) : QVariant(localTime(a.startedAt));
        case OutcomeColumn:
            return outcomeLabel(a.outcome);
        case PortColumn:
            return a.port;
        case DeviceColumn:
            return a.deviceUuid;
        case TypeColumn:
            return a.deviceType;
        case FirmwareColumn:
            return a.firmware;
        case BatchColumn:
            return a.batchId;
        case ModeColumn:
            return modeLabel(a.mode);
        case DurationColumn:
            if (role == SortRole)
                return a.finishedAt.isValid() ? a.startedAt.msecsTo(a.finishedAt) : -1;
            return durationText(a.startedAt, a.finishedAt);
        case ErrorColumn:
            return a.error;
        case OperatorColumn:
            return a.operatorName;
        }
        return {};
    }
    if (role == Qt::DecorationRole && index.column() == OutcomeColumn)
        return outcomeIcon(a.outcome);
    if (role == Qt::ToolTipRole) {
        if (index.column() == ErrorColumn && !a.error.isEmpty())
            return a.error;
        if (index.column() == DeviceColumn)
            return tr("USB serial %1").arg(a.usbSerial.isEmpty() ? tr("unknown") : a.usbSerial);
    }
    if (role == Qt::ForegroundRole && index.column() == OutcomeColumn &&
        a.outcome == AuditOutcome::Failed) {
        const bool dark = QApplication::palette().color(QPalette::Base).lightness() < 128;
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StartedColumn:
        return tr("Started");
    case OutcomeColumn:
        return tr("Outcome");
    case PortColumn:
        return tr("Port");
    case DeviceColumn:
        return tr("Device UUID");
    case TypeColumn:
        return tr("Device type");
    case FirmwareColumn:
        return tr("Firmware");
    case BatchColumn:
        return tr("Batch");
    case ModeColumn:
        return tr("Mode");
    case DurationColumn:
        return tr("Duration");
    case ErrorColumn:
        return tr("Reason");
    case OperatorColumn:
        return tr("Operator");
    }
    return {};
}

// The view

HistoryView::HistoryView(AuditStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_model(new HistoryModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_search(new QLineEdit(this))
    , m_outcome(new QComboBox(this))
    , m_batch(new QLineEdit(this))
    , m_refresh(new QToolButton(this))
    , m_exportCsv(new QToolButton(this))
    , m_report(new QToolButton(this))
    , m_summary(new QTextBrowser(this))
    , m_steps(new QTableWidget(this))
    , m_status(new QLabel(this))
    , m_searchDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("historyView"));
    qRegisterMetaType<AuditResult>();
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(HistoryModel::SortRole);

    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setAccessibleName(tr("Provisioning history"));
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(HistoryModel::StartedColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle); // ports and uuids differ at their ends
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int uuidWidth = m_table->fontMetrics().horizontalAdvance(QString(36, u'0')) + 16;
    m_table->setColumnWidth(HistoryModel::DeviceColumn, uuidWidth);
    m_table->setColumnWidth(
        HistoryModel::StartedColumn,
        m_table->fontMetrics().horizontalAdvance(QStringLiteral("8888-88-88 88:88:88")) + 16);
    m_table->setColumnWidth(HistoryModel::PortColumn, uuidWidth / 2);
    m_table->setColumnWidth(HistoryModel::ErrorColumn, uuidWidth);

    m_summary->setObjectName(QStringLiteral("historySummary"));
    m_summary->setAccessibleName(tr("Attempt details"));
    m_summary->setOpenLinks(false);
    m_steps->setObjectName(QStringLiteral("historySteps"));
    m_steps->setAccessibleName(tr("Steps of the attempt"));
    m_steps->setColumnCount(5);
    m_steps->setHorizontalHeaderLabels(
        {tr("Step"), tr("Outcome"), tr("Started"), tr("Duration"), tr("Detail")});
    m_steps->horizontalHeader()->setStretchLastSection(true);
    m_steps->verticalHeader()->hide();
    m_steps->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_steps->setSelectionBehavior(QAbstractItemView::SelectRows);

    buildControls();

    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_summary, 2);
    detailsLayout->addWidget(m_steps, 3);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("historySplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 2);
    bar->addWidget(m_outcome);
    bar->addWidget(m_batch, 1);
    bar->addWidget(m_refresh);
    bar->addWidget(m_exportCsv);
    bar->addWidget(m_report);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HistoryView::showDetails);
    connect(m_sorted, &QAbstractItemModel::modelReset, this, &HistoryView::showDetails);
    showDetails();
    reload();
}

void HistoryView::buildControls()
{
    m_search->setObjectName(QStringLiteral("historySearch"));
    m_search->setPlaceholderText(tr("Search uuid, type, port, certificate, operator, reason"));
    m_search->setAccessibleName(tr("Search the history"));
    m_search->setClearButtonEnabled(true);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(300);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &HistoryView::reload);
    connect(m_searchDelay, &QTimer::timeout, this, &HistoryView::reload);

    m_outcome->setObjectName(QStringLiteral("historyOutcome"));
    m_outcome->setAccessibleName(tr("Outcome shown"));
    m_outcome->addItem(tr("Any outcome"), QString());
    for (AuditOutcome o :
         {AuditOutcome::Passed, AuditOutcome::Failed, AuditOutcome::Skipped,
          AuditOutcome::Cancelled, AuditOutcome::Interrupted, AuditOutcome::Running})
        m_outcome->addItem(outcomeIcon(o), HistoryModel::outcomeLabel(o), auditOutcomeName(o));
    connect(m_outcome, &QComboBox::currentIndexChanged, this, &HistoryView::reload);

    m_batch->setObjectName(QStringLiteral("historyBatch"));
    m_batch->setPlaceholderText(tr("Batch id"));
    m_batch->setAccessibleName(tr("Batch shown"));
    m_batch->setClearButtonEnabled(true);
    connect(m_batch, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_batch, &QLineEdit::returnPressed, this, &HistoryView::reload);

    m_refresh->setObjectName(QStringLiteral("historyRefresh"));
    m_refresh->setText(tr("Refresh"));
    m_refresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_refresh->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    addViewShortcut(this, QKeySequence::Refresh, [this] { reload(); });
    m_refresh->setToolTip(tr("Read the history again (F5)"));
    connect(m_refresh, &QToolButton::clicked, this, &HistoryView::reload);

    m_exportCsv->setObjectName(QStringLiteral("historyExportCsv"));
    m_exportCsv->setText(tr("Export CSV…"));
    m_exportCsv->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_exportCsv->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_exportCsv->setToolTip(tr("Save the attempts shown, with their steps, as CSV"));
    connect(m_exportCsv, &QToolButton::clicked, this, &HistoryView::chooseCsvFile);

    m_report->setObjectName(QStringLiteral("historyBatchReport"));
    m_report->setText(tr("Batch report…"));
    m_report->setIcon(style()->standardIcon(QStyle::SP_FileDialogDetailedView));
    m_report->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    addViewShortcut(this, QKeySequence::Print, [this] { chooseReportFile(); });
    m_report->setToolTip(tr("Save a printable PDF listing every device of the batch (Ctrl+P)"));
    connect(m_report, &QToolButton::clicked, this, &HistoryView::chooseReportFile);

    m_status->setObjectName(QStringLiteral("historyStatus"));
}

AuditQuery HistoryView::currentQuery() const
{
    AuditQuery query;
    query.text = m_search->text().trimmed();
    query.batchId = m_batch->text().trimmed();
    const QString outcome = m_outcome->currentData().toString();
    if (!outcome.isEmpty())
        query.outcome = auditOutcomeFromName(outcome);
    return query;
}

void HistoryView::reload()
{
    m_searchDelay->stop();
    const quint64 generation = ++m_generation;
    m_status->setText(tr("Reading the history…"));
    auto *watcher = new QFutureWatcher<QList<AuditAttempt>>(this);
    connect(
        watcher, &QFutureWatcher<QList<AuditAttempt>>::finished, this, [this, watcher, generation] {
            watcher->deleteLater();
            if (generation != m_generation)
                return; // the user asked for something else meanwhile
            const QList<AuditAttempt> attempts = watcher->result();
            m_model->setAttempts(attempts);
            const AuditQuery query = currentQuery();
            QString text = attempts.size() == 1
                               ? tr("1 attempt")
                               : tr("%1 attempts").arg(locale().toString(attempts.size()));
            if (attempts.size() >= query.limit)
                text += u' ' +
                        tr("(the newest %1; narrow the search to see older ones)").arg(query.limit);
            m_status->setText(text);
            Q_EMIT loaded(int(attempts.size()));
        });
    watcher->setFuture(m_store->attempts(currentQuery()));
}

void HistoryView::showDetails()
{
    const QModelIndex current = m_table->currentIndex();
    m_steps->setRowCount(0);
    if (!current.isValid()) {
        m_summary->setHtml(tr("<p>Select an attempt to see its steps.</p>"));
        return;
    }
    const AuditAttempt &a = m_model->attempt(m_sorted->mapToSource(current).row());
    const auto row = [](const QString &label, const QString &value) {
        return value.isEmpty() ? QString()
                               : QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                                     .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html =
        QStringLiteral("<p><b>%1</b> %2</p><table cellspacing='0' cellpadding='2'>")
            .arg(HistoryModel::outcomeLabel(a.outcome).toHtmlEscaped(), a.error.toHtmlEscaped());
    html += row(tr("Device UUID"), a.deviceUuid) + row(tr("Device type"), a.deviceType) +
            row(tr("Firmware"), a.firmware) + row(tr("Port"), a.port) +
            row(tr("USB serial"), a.usbSerial) + row(tr("Claim certificate"), a.certificateId) +
            row(tr("Thing"), a.thingName) + row(tr("Mode"), HistoryModel::modeLabel(a.mode)) +
            row(tr("Reason"), a.reason) + row(tr("Batch"), a.batchId) +
            row(tr("Operator"), a.operatorName) + row(tr("Station"), a.stationId) +
            row(tr("Started"), localTime(a.startedAt)) +
            row(tr("Finished"), localTime(a.finishedAt)) + row(tr("Attempt"), a.id);
    html += QStringLiteral("</table>");
    m_summary->setHtml(html);

    m_steps->setRowCount(int(a.steps.size()));
    for (int i = 0; i < a.steps.size(); ++i) {
        const AuditStep &s = a.steps.at(i);
        auto *outcome = new QTableWidgetItem(HistoryModel::stepOutcomeLabel(s.outcome));
        if (s.outcome == QLatin1String("failed"))
            outcome->setIcon(outcomeIcon(AuditOutcome::Failed));
        else if (s.outcome == QLatin1String("passed"))
            outcome->setIcon(outcomeIcon(AuditOutcome::Passed));
        m_steps->setItem(i, 0, new QTableWidgetItem(HistoryModel::stepLabel(s.name)));
        m_steps->setItem(i, 1, outcome);
        m_steps->setItem(i, 2,
                         new QTableWidgetItem(
                             s.startedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"))));
        m_steps->setItem(
            i, 3, new QTableWidgetItem(HistoryModel::durationText(s.startedAt, s.finishedAt)));
        m_steps->setItem(i, 4, new QTableWidgetItem(s.detail));
    }
    m_steps->resizeColumnsToContents();
}

void HistoryView::exportCsv(const QString &path)
{
    m_status->setText(tr("Saving %1…").arg(path));
    auto *watcher = new QFutureWatcher<AuditResult>(this);
    connect(watcher, &QFutureWatcher<AuditResult>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const AuditResult result = watcher->result();
        m_status->setText(result.ok ? tr("Saved the history to %1").arg(path)
                                    : tr("Could not save the history: %1").arg(result.error));
        Q_EMIT csvExported(result, path);
    });
    watcher->setFuture(m_store->exportTo(path, AuditDatabase::ExportFormat::Csv, currentQuery()));
}

void HistoryView::writeBatchReport(const QString &path, const QString &batchId)
{
    m_status->setText(tr("Writing the report for batch %1…").arg(batchId));
    AuditQuery query;
    query.batchId = batchId;
    query.limit = ReportLimit;
    // Read on the store's thread, render on a pooled thread, report back here.
    QFuture<AuditResult> future = m_store->attempts(query).then(
        QtFuture::Launch::Async, [path, batchId](const QList<AuditAttempt> &attempts) {
            return writeBatchReportPdf(path, batchId, attempts);
        });
    auto *watcher = new QFutureWatcher<AuditResult>(this);
    connect(watcher, &QFutureWatcher<AuditResult>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const AuditResult result = watcher->result();
        m_status->setText(result.ok ? tr("Saved the batch report to %1").arg(path) : result.error);
        Q_EMIT reportWritten(result, path);
    });
    watcher->setFuture(future);
}

QString HistoryView::batchReportHtml(const QString &batchId, const QList<AuditAttempt> &attempts)
{
    QList<AuditAttempt> sorted = attempts;
    std::sort(sorted.begin(), sorted.end(), [](const AuditAttempt &a, const AuditAttempt &b) {
        return a.startedAt < b.startedAt;
    });
    int passed = 0, failed = 0, skipped = 0, other = 0;
    QStringList operators, stations;
    QDateTime first, last;
    for (const AuditAttempt &a : std::as_const(sorted)) {
        passed += a.outcome == AuditOutcome::Passed;
        failed += a.outcome == AuditOutcome::Failed;
        skipped += a.outcome == AuditOutcome::Skipped;
        other += a.outcome != AuditOutcome::Passed && a.outcome != AuditOutcome::Failed &&
                 a.outcome != AuditOutcome::Skipped;
        if (!a.operatorName.isEmpty() && !operators.contains(a.operatorName))
            operators.append(a.operatorName);
        if (!a.stationId.isEmpty() && !stations.contains(a.stationId))
            stations.append(a.stationId);
        if (!first.isValid() || a.startedAt < first)
            first = a.startedAt;
        const QDateTime end = a.finishedAt.isValid() ? a.finishedAt : a.startedAt;
        if (!last.isValid() || end > last)
            last = end;
    }

    // One font weight throughout: the report reads as well, and its PDF embeds one font.
    QString html =
        QStringLiteral("<html><head><style>"
                       "h1 { font-size: 16pt; font-weight: normal; } p { font-size: 9pt; }"
                       "td { font-size: 8pt; padding: 2px 4px; } .head td { background: #dde3ea; }"
                       ".failed { color: #b00020; }"
                       "</style></head><body>");
    html += QStringLiteral("<h1>%1</h1>").arg(tr("Batch report: %1").arg(batchId).toHtmlEscaped());
    html +=
        QStringLiteral("<p>%1<br/>%2<br/>%3<br/>%4</p>")
            .arg(tr("Station: %1. Operator: %2.")
                     .arg(stations.join(QStringLiteral(", ")), operators.join(QStringLiteral(", ")))
                     .toHtmlEscaped(),
                 tr("From %1 to %2.").arg(localTime(first), localTime(last)).toHtmlEscaped(),
                 tr("%1 devices: %2 passed, %3 failed, %4 skipped, %5 other.")
                     .arg(sorted.size())
                     .arg(passed)
                     .arg(failed)
                     .arg(skipped)
                     .arg(other)
                     .toHtmlEscaped(),
                 tr("Report written %1.")
                     .arg(localTime(QDateTime::currentDateTimeUtc()))
                     .toHtmlEscaped());
    html += QStringLiteral("<table width='100%' cellspacing='0' border='0.5'><tr class='head'>");
    for (const QString &h :
         {tr("#"), tr("Port"), tr("USB serial"), tr("Device UUID"), tr("Device type"),
          tr("Firmware"), tr("Outcome"), tr("Finished"), tr("Reason")})
        html += QStringLiteral("<td>%1</td>").arg(h.toHtmlEscaped());
    html += QStringLiteral("</tr>");
    int n = 0;
    for (const AuditAttempt &a : std::as_const(sorted)) {
        const bool bad = a.outcome == AuditOutcome::Failed;
        html += QStringLiteral("<tr%1>").arg(bad ? QStringLiteral(" class='failed'") : QString());
        for (const QString &cell :
             {QString::number(++n), a.port, a.usbSerial, a.deviceUuid, a.deviceType, a.firmware,
              HistoryModel::outcomeLabel(a.outcome), localTime(a.finishedAt), a.error})
            html += QStringLiteral("<td>%1</td>").arg(cell.toHtmlEscaped());
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table></body></html>");
    return html;
}

AuditResult HistoryView::writeBatchReportPdf(const QString &path, const QString &batchId,
                                             const QList<AuditAttempt> &attempts)
{
    if (attempts.isEmpty())
        return AuditResult::failure(
            tr("Batch %1 has no attempts in the history; no report was written.").arg(batchId));
    const QFileInfo info(path);
    if (!info.absoluteDir().exists())
        return AuditResult::failure(tr("Could not write the report: the folder %1 does not exist.")
                                        .arg(QDir::toNativeSeparators(info.absolutePath())));

    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageSize(QPageSize(QPageSize::A4));
    printer.setPageOrientation(QPageLayout::Landscape);
    printer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
    printer.setDocName(tr("Batch report %1").arg(batchId));
    printer.setCreator(QStringLiteral("Blackbird Provisioning Station"));

    QTextDocument document;
    document.setHtml(batchReportHtml(batchId, attempts));
    document.print(&printer);

    if (QFileInfo(path).size() <= 0)
        return AuditResult::failure(
            tr("Could not write the report to %1: check that the folder is writable.")
                .arg(QDir::toNativeSeparators(path)));
    qCInfo(lcUi) << "Wrote the batch report of" << batchId << "with" << attempts.size()
                 << "devices to" << path;
    return {};
}

QString HistoryView::selectedBatch() const
{
    if (!m_batch->text().trimmed().isEmpty())
        return m_batch->text().trimmed();
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid())
        return m_model->attempt(m_sorted->mapToSource(current).row()).batchId;
    return {};
}

void HistoryView::chooseCsvFile()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export history"), QStringLiteral("history.csv"),
                                     tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void HistoryView::chooseReportFile()
{
    const QString batch = selectedBatch();
    if (batch.isEmpty()) {
        m_status->setText(tr("Choose a batch first: type its id or select one of its attempts."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Save batch report"),
                                                      QStringLiteral("batch-%1.pdf").arg(batch),
                                                      tr("PDF files (*.pdf)"));
    if (!path.isEmpty())
        writeBatchReport(path, batch);
}

} // namespace Blackbird
