#include "deviceboardview.h"

#include "deviceboardmodel.h"
#include "pipeline/provisioningstation.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QStackedLayout>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace Blackbird {

void StepProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    const auto state = DeviceState(index.data(DeviceBoardModel::StateRole).toInt());
    if (state == DeviceState::Idle) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(3, 4, -3, -4);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.direction = option.direction;
    bar.fontMetrics = option.fontMetrics;
    bar.palette = option.palette;
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = qRound(index.data(DeviceBoardModel::ProgressRole).toDouble() * 1000);
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    if (option.state & QStyle::State_Selected)
        painter->fillRect(option.rect, option.palette.highlight());
    QWidget *widget = option.widget ? const_cast<QWidget *>(option.widget) : nullptr;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

DeviceBoardView::DeviceBoardView(DeviceBoardModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_table(new QTableView(this))
    , m_empty(new QLabel(this))
    , m_toolBar(new QToolBar(this))
{
    m_table->setObjectName(QStringLiteral("deviceBoard"));
    m_table->setAccessibleName(tr("Device board"));
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    // A long failure reason keeps its start and its error code at the end; a uuid its two ends.
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setItemDelegateForColumn(DeviceBoardModel::StepColumn,
                                      new StepProgressDelegate(m_table));
    m_table->verticalHeader()->hide();

    // Readable from a metre away: half again the system font, rows tall enough for a glove.
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    m_table->setFont(big);
    m_table->verticalHeader()->setDefaultSectionSize(QFontMetrics(big).height() * 2);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(DeviceBoardModel::PortColumn,
                          QFontMetrics(big).horizontalAdvance(QStringLiteral("dev-0000  ")));
    header->resizeSection(DeviceBoardModel::OutcomeColumn,
                          QFontMetrics(big).horizontalAdvance(QLatin1Char('x')) * 34);
    header->resizeSection(DeviceBoardModel::StepColumn,
                          QFontMetrics(big).horizontalAdvance(QLatin1Char('x')) * 30);
    header->resizeSection(DeviceBoardModel::ElapsedColumn,
                          QFontMetrics(big).horizontalAdvance(QStringLiteral("00:00:00  ")));
    header->resizeSection(DeviceBoardModel::DeviceColumn,
                          QFontMetrics(big).horizontalAdvance(QLatin1Char('0')) * 26);
    header->resizeSection(DeviceBoardModel::TypeColumn,
                          QFontMetrics(big).horizontalAdvance(QLatin1Char('x')) * 18);

    m_empty->setObjectName(QStringLiteral("boardEmptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setFont(big);
    m_empty->setText(tr("No device connected yet.\nPlug a device into a USB port of this station; "
                        "it appears here within a second."));

    QStyle *s = style();
    m_start = new QAction(s->standardIcon(QStyle::SP_MediaPlay), tr("&Start"), this);
    m_start->setObjectName(QStringLiteral("startDeviceAction"));
    m_start->setShortcut(QKeySequence(tr("Ctrl+Return")));
    m_start->setToolTip(tr("Provision the selected device (Ctrl+Enter)"));
    m_retry = new QAction(s->standardIcon(QStyle::SP_BrowserReload), tr("&Retry"), this);
    m_retry->setObjectName(QStringLiteral("retryDeviceAction"));
    m_retry->setShortcut(QKeySequence(tr("Ctrl+R")));
    m_retry->setToolTip(tr("Retry the selected device from the step that failed (Ctrl+R)"));
    m_cancel = new QAction(s->standardIcon(QStyle::SP_MediaStop), tr("&Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelDeviceAction"));
    m_cancel->setShortcut(QKeySequence(tr("Ctrl+.")));
    m_cancel->setToolTip(tr("Stop the selected device (Ctrl+.)"));
    m_startAll = new QAction(s->standardIcon(QStyle::SP_MediaSeekForward), tr("Start &all"), this);
    m_startAll->setObjectName(QStringLiteral("startAllAction"));
    m_startAll->setShortcut(QKeySequence(tr("Ctrl+Shift+Return")));
    m_startAll->setToolTip(tr("Provision every device that is not running (Ctrl+Shift+Enter)"));
    m_cancelAll = new QAction(s->standardIcon(QStyle::SP_BrowserStop), tr("Stop a&ll"), this);
    m_cancelAll->setObjectName(QStringLiteral("cancelAllAction"));
    m_cancelAll->setShortcut(QKeySequence(tr("Ctrl+Shift+.")));
    m_cancelAll->setToolTip(tr("Stop every running and queued device (Ctrl+Shift+.)"));
    for (QAction *action : {m_start, m_retry, m_cancel, m_startAll, m_cancelAll}) {
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
    }
    connect(m_start, &QAction::triggered, this, &DeviceBoardView::startSelected);
    connect(m_retry, &QAction::triggered, this, &DeviceBoardView::retrySelected);
    connect(m_cancel, &QAction::triggered, this, &DeviceBoardView::cancelSelected);
    connect(m_startAll, &QAction::triggered, this, &DeviceBoardView::startAll);
    connect(m_cancelAll, &QAction::triggered, this, &DeviceBoardView::cancelAll);

    m_toolBar->setObjectName(QStringLiteral("boardToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(32, 32));
    QFont toolFont = font();
    toolFont.setPointSizeF(toolFont.pointSizeF() * 1.3);
    m_toolBar->setFont(toolFont);
    m_toolBar->addAction(m_start);
    m_toolBar->addAction(m_retry);
    m_toolBar->addAction(m_cancel);

    auto *stackHost = new QWidget(this);
    m_stack = new QStackedLayout(stackHost);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_toolBar);
    layout->addWidget(stackHost, 1);

    connect(m_table, &QWidget::customContextMenuRequested, this, &DeviceBoardView::showContextMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateActions();
        Q_EMIT currentPortChanged(currentPort());
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(model, signal, this, [this] {
            updateEmptyState();
            updateActions();
        });
    }
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        updateEmptyState();
        updateActions();
    });
    connect(model, &QAbstractItemModel::dataChanged, this, &DeviceBoardView::updateActions);
    connect(model, &QAbstractItemModel::dataChanged, this, &DeviceBoardView::updateColumns);
    connect(model, &QAbstractItemModel::rowsInserted, this, &DeviceBoardView::updateColumns);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &DeviceBoardView::updateColumns);
    connect(model, &QAbstractItemModel::modelReset, this, &DeviceBoardView::updateColumns);
    updateEmptyState();
    updateActions();
    updateColumns();
}

ProvisioningStation *DeviceBoardView::station() const
{
    return m_model->station();
}

QString DeviceBoardView::currentPort() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(DeviceBoardModel::PortRole).toString() : QString();
}

void DeviceBoardView::selectPort(const QString &port)
{
    const int row = m_model->rowOf(port);
    if (row >= 0)
        m_table->selectRow(row);
}

void DeviceBoardView::startSelected()
{
    const QString port = currentPort();
    if (station() && !port.isEmpty())
        station()->provision({port});
}

void DeviceBoardView::retrySelected()
{
    const QString port = currentPort();
    if (station() && !port.isEmpty())
        station()->retry(port);
}

void DeviceBoardView::cancelSelected()
{
    const QString port = currentPort();
    if (station() && !port.isEmpty())
        station()->cancel(port, tr("cancelled by the operator"));
}

void DeviceBoardView::startAll()
{
    if (!station())
        return;
    QStringList ports;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const DeviceSnapshot snapshot = m_model->snapshot(row);
        // Devices that passed or were skipped are done; starting them again would only skip.
        if (snapshot.state == DeviceState::Idle || snapshot.state == DeviceState::Cancelled)
            ports << snapshot.port;
        else if (snapshot.state == DeviceState::Failed)
            station()->retry(snapshot.port);
    }
    if (!ports.isEmpty())
        station()->provision(ports);
}

void DeviceBoardView::cancelAll()
{
    if (station())
        station()->cancelAll(tr("stopped by the operator"));
}

void DeviceBoardView::updateActions()
{
    const int row = m_model->rowOf(currentPort());
    const bool attached = station() != nullptr;
    DeviceState state = DeviceState::Idle;
    if (row >= 0)
        state = m_model->snapshot(row).state;
    m_start->setEnabled(attached && row >= 0 && state != DeviceState::Running);
    m_retry->setEnabled(attached && row >= 0 && state == DeviceState::Failed);
    m_cancel->setEnabled(attached && row >= 0 && state == DeviceState::Running);
    m_startAll->setEnabled(attached && m_model->rowCount() > 0);
    m_cancelAll->setEnabled(attached && m_model->rowCount() > 0);
}

void DeviceBoardView::updateColumns()
{
    // Details no device on the board has (simulated devices have no USB serial; the countdowns
    // only matter while a device runs or failed) take no room from the outcome.
    for (const int column :
         {int(DeviceBoardModel::TypeColumn), int(DeviceBoardModel::FirmwareColumn),
          int(DeviceBoardModel::UsbSerialColumn), int(DeviceBoardModel::ClaimExpiryColumn),
          int(DeviceBoardModel::TokenExpiryColumn)}) {
        bool empty = true;
        for (int row = 0; row < m_model->rowCount() && empty; ++row)
            empty = m_model->index(row, column).data().toString().isEmpty();
        if (m_table->isColumnHidden(column) != empty)
            m_table->setColumnHidden(column, empty);
    }
}

void DeviceBoardView::updateEmptyState()
{
    m_stack->setCurrentWidget(m_model->rowCount() > 0 ? static_cast<QWidget *>(m_table)
                                                      : static_cast<QWidget *>(m_empty));
}

void DeviceBoardView::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_table->indexAt(position);
    if (index.isValid())
        m_table->selectRow(index.row());
    QMenu menu(this);
    menu.addAction(m_start);
    menu.addAction(m_retry);
    menu.addAction(m_cancel);
    menu.addSeparator();
    menu.addAction(m_startAll);
    menu.addAction(m_cancelAll);
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

} // namespace Blackbird
