// The live timeline: what the devices printed and reported, what the broker saw and what the
// station did, one line each, with the station's time and the device's own where it gave one.
// A table over a TimelineModel (uniform rows, nothing per line but the model's data), filtered
// by level, source and a search; it follows new lines until the user scrolls up, copies the
// selected lines and exports what it shows to a text file.
#pragma once

#include "timeline/timelinestore.h"

#include <QFuture>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
class QToolButton;

namespace Blackbird {

class TimelineView : public QWidget
{
    Q_OBJECT

public:
    // The store must outlive the view. The view makes its own filtered model of it.
    explicit TimelineView(TimelineStore *store, QWidget *parent = nullptr);

    TimelineModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

    // Shows one port only (and hides the port column), or every port when empty.
    void setPort(const QString &port);
    QString port() const { return m_port; }

    bool isFollowing() const { return m_following; }
    void setFollowing(bool follow);

    // The selected lines as the export writes them, one per line.
    QString selectedText() const;
    void copySelection();
    // Writes the lines the view shows now; the result arrives on the returned future.
    QFuture<TimelineExportResult> exportTo(const QString &path);

Q_SIGNALS:
    void followingChanged(bool following);
    void exported(const Blackbird::TimelineExportResult &result, const QString &path);

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildToolBar();
    void applyFilter();
    void chooseExportFile();
    void onRowsInserted();
    void onScrolled(int value);
    void onUserScrolled();
    void updateStatus();

    TimelineStore *m_store;
    TimelineModel *m_model;
    QTableView *m_table;
    QComboBox *m_level;
    QList<QToolButton *> m_sourceButtons;
    QLineEdit *m_search;
    QToolButton *m_follow;
    QToolButton *m_copy;
    QToolButton *m_export;
    QLabel *m_status;
    QTimer *m_searchDelay;
    QString m_port;
    bool m_following = true;
    bool m_scrolling = false; // the view itself is scrolling to the end
};

} // namespace Blackbird
