// The station's history: the audit store's attempts in a sortable, searchable table, the steps
// of the selected attempt with their times and outcomes, a CSV export, and a printable batch
// report (PDF) listing every device of a batch with its outcome. Every database call runs on the
// audit store's own thread; the view only reacts to the futures it gets back.
#pragma once

#include "audit/auditstore.h"

#include <QAbstractTableModel>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;
class QTextBrowser;
class QTimer;
class QToolButton;

namespace Blackbird {

class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        StartedColumn,
        OutcomeColumn,
        PortColumn,
        DeviceColumn,
        TypeColumn,
        FirmwareColumn,
        BatchColumn,
        ModeColumn,
        DurationColumn,
        ErrorColumn,
        OperatorColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit HistoryModel(QObject *parent = nullptr);

    void setAttempts(const QList<AuditAttempt> &attempts);
    const QList<AuditAttempt> &attempts() const { return m_attempts; }
    const AuditAttempt &attempt(int row) const { return m_attempts.at(row); }

    static QString outcomeLabel(AuditOutcome outcome);
    static QString stepLabel(const QString &step);
    static QString stepOutcomeLabel(const QString &outcome);
    static QString modeLabel(const QString &mode);
    static QString durationText(const QDateTime &from, const QDateTime &to);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<AuditAttempt> m_attempts;
};

class HistoryView : public QWidget
{
    Q_OBJECT

public:
    // The store must outlive the view and be open (or opening: the first load waits for it in
    // the store's queue, not here).
    explicit HistoryView(AuditStore *store, QWidget *parent = nullptr);

    HistoryModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    AuditQuery currentQuery() const;

    // Reads the attempts the search and filters ask for; loaded() follows.
    void reload();
    // Writes the attempts the search and filters select as CSV; csvExported() follows.
    void exportCsv(const QString &path);
    // Writes a PDF report of every attempt of the batch; reportWritten() follows.
    void writeBatchReport(const QString &path, const QString &batchId);

    // The report as HTML and as a PDF file; both run on any thread.
    static QString batchReportHtml(const QString &batchId, const QList<AuditAttempt> &attempts);
    static AuditResult writeBatchReportPdf(const QString &path, const QString &batchId,
                                           const QList<AuditAttempt> &attempts);

Q_SIGNALS:
    void loaded(int attempts);
    void csvExported(const Blackbird::AuditResult &result, const QString &path);
    void reportWritten(const Blackbird::AuditResult &result, const QString &path);

private:
    void buildControls();
    void showDetails();
    void chooseCsvFile();
    void chooseReportFile();
    QString selectedBatch() const;

    AuditStore *m_store;
    HistoryModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_table;
    QLineEdit *m_search;
    QComboBox *m_outcome;
    QLineEdit *m_batch;
    QToolButton *m_refresh;
    QToolButton *m_exportCsv;
    QToolButton *m_report;
    QTextBrowser *m_summary;
    QTableWidget *m_steps;
    QLabel *m_status;
    QTimer *m_searchDelay;
    quint64 m_generation = 0; // a newer load makes the results of older ones stale
};

} // namespace Blackbird
