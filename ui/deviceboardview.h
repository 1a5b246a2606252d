// The device board: the station's ports as large rows a technician reads from a metre away
// (gloves on, so every action is a big button, a menu entry and a shortcut): the outcome with
// icon, colour and words, the current step with a progress bar, the elapsed time and the claim
// and token countdowns. Start, retry and cancel the selected device or all of them.
#pragma once

#include <QStyledItemDelegate>
#include <QWidget>

class QAction;
class QLabel;
class QStackedLayout;
class QTableView;
class QToolBar;

namespace Blackbird {

class DeviceBoardModel;
class ProvisioningStation;

// Draws the step column as a progress bar with the step's words on it.
class StepProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

class DeviceBoardView : public QWidget
{
    Q_OBJECT

public:
    explicit DeviceBoardView(DeviceBoardModel *model, QWidget *parent = nullptr);

    DeviceBoardModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

    // The selected row's port, or empty.
    QString currentPort() const;
    void selectPort(const QString &port);

    QAction *startAction() const { return m_start; }
    QAction *retryAction() const { return m_retry; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *startAllAction() const { return m_startAll; }
    QAction *cancelAllAction() const { return m_cancelAll; }

    // What the actions do, also for the batch bar and tests.
    void startSelected();
    void retrySelected();
    void cancelSelected();
    void startAll();
    void cancelAll();

Q_SIGNALS:
    void currentPortChanged(const QString &port);

private:
    ProvisioningStation *station() const;
    void updateActions();
    void updateEmptyState();
    void updateColumns();
    void showContextMenu(const QPoint &position);

    DeviceBoardModel *m_model;
    QTableView *m_table;
    QLabel *m_empty;
    QStackedLayout *m_stack;
    QToolBar *m_toolBar;
    QAction *m_start;
    QAction *m_retry;
    QAction *m_cancel;
    QAction *m_startAll;
    QAction *m_cancelAll;
};

} // namespace Blackbird
