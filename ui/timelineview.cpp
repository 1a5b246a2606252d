#include "timelineview.h"
#include "viewshortcut.h"

#include "logging/logcategories.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>

namespace Blackbird {

namespace {

using Level = TimelineEntry::Level;
using Source = TimelineEntry::Source;

constexpr Source AllSources[] = {Source::Console, Source::Device, Source::Broker, Source::Station};

QIcon sourceIcon(Source source)
{
    switch (source) {
    case Source::Console:
        return QIcon(QStringLiteral(":/icons/timeline/console.svg"));
    case Source::Device:
        return QIcon(QStringLiteral(":/icons/timeline/device.svg"));
    case Source::Broker:
        return QIcon(QStringLiteral(":/icons/timeline/broker.svg"));
    case Source::Station:
        return QIcon(QStringLiteral(":/icons/timeline/station.svg"));
    }
    return {};
}

// Icons and colours for the model's lines: the level and the source each have an icon beside
// their word, so a line reads the same without colour; errors and warnings are also tinted.
class TimelineDecoration : public QIdentityProxyModel
{
public:
    explicit TimelineDecoration(QObject *parent)
        : QIdentityProxyModel(parent)
    {
        const QStyle *style = QApplication::style();
        // Info lines carry no icon, so the warnings and errors stand out among them.
        m_levelIcons[int(Level::Warning)] = style->standardIcon(QStyle::SP_MessageBoxWarning);
        m_levelIcons[int(Level::Error)] = style->standardIcon(QStyle::SP_MessageBoxCritical);
        for (Source s : AllSources)
            m_sourceIcons[int(s)] = sourceIcon(s);
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DecorationRole) {
            if (index.column() == TimelineModel::LevelColumn)
                return m_levelIcons[levelOf(index)];
            if (index.column() == TimelineModel::SourceColumn) {
                const int source = index.data(TimelineModel::SourceRole).toInt();
                return source >= 0 && source < 4 ? m_sourceIcons[source] : QIcon();
            }
            return {};
        }
        if (role == Qt::ForegroundRole) {
            const int level = levelOf(index);
            const bool dark = QApplication::palette().color(QPalette::Base).lightness() < 128;
            if (level == int(Level::Error))
                return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
            if (level == int(Level::Warning))
                return dark ? QColor(0xff, 0xd5, 0x4f) : QColor(0x8a, 0x5a, 0x00);
            if (level == int(Level::Debug))
                return QApplication::palette().color(QPalette::PlaceholderText);
            return {};
        }
        return QIdentityProxyModel::data(index, role);
    }

private:
    int levelOf(const QModelIndex &index) const
    {
        return std::clamp(index.data(TimelineModel::LevelRole).toInt(), 0, 3);
    }

    QIcon m_levelIcons[4];
    QIcon m_sourceIcons[4];
};

// Ports elided in the middle: the end of a path (dev-003, ttyUSB2) is what tells them apart.
class MiddleElideDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideMiddle;
    }
};

} // namespace

TimelineView::TimelineView(TimelineStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_model(new TimelineModel(store, this))
    , m_table(new QTableView(this))
    , m_level(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_follow(new QToolButton(this))
    , m_copy(new QToolButton(this))
    , m_export(new QToolButton(this))
    , m_status(new QLabel(this))
    , m_searchDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("timelineView"));
    auto *decoration = new TimelineDecoration(this);
    decoration->setSourceModel(m_model);

    m_table->setObjectName(QStringLiteral("timelineTable"));
    m_table->setAccessibleName(tr("Timeline"));
    m_table->setModel(decoration);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Rows of one fixed height and fixed column widths: the view never measures a line, which
    // keeps it smooth with hundreds of thousands of them.
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    const QFontMetrics fm = m_table->fontMetrics();
    const int timeWidth = fm.horizontalAdvance(QStringLiteral("88:88:88.888")) + 16;
    m_table->setColumnWidth(TimelineModel::StationTimeColumn, timeWidth);
    m_table->setColumnWidth(TimelineModel::DeviceTimeColumn, timeWidth);
    m_table->setColumnWidth(TimelineModel::LevelColumn,
                            fm.horizontalAdvance(TimelineModel::levelLabel(Level::Warning)) + 40);
    m_table->setColumnWidth(TimelineModel::SourceColumn,
                            fm.horizontalAdvance(TimelineModel::sourceLabel(Source::Console)) + 40);
    m_table->setColumnWidth(TimelineModel::PortColumn, fm.horizontalAdvance(u'x') * 18);
    m_table->setItemDelegateForColumn(TimelineModel::PortColumn, new MiddleElideDelegate(m_table));

    auto *copyAction = new QAction(tr("Copy lines"), m_table);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyAction, &QAction::triggered, this, &TimelineView::copySelection);
    m_table->addAction(copyAction);

    buildToolBar();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_level);
    for (QToolButton *button : std::as_const(m_sourceButtons))
        bar->addWidget(button);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_follow);
    bar->addWidget(m_copy);
    bar->addWidget(m_export);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);

    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TimelineView::onRowsInserted);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TimelineView::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateStatus();
        if (m_following)
            m_table->scrollToBottom();
    });
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &TimelineView::onScrolled);
    // The scroll bar reports its value after an action only when the action is done.
    connect(m_table->verticalScrollBar(), &QScrollBar::actionTriggered, this, [this] {
        QMetaObject::invokeMethod(this, &TimelineView::onUserScrolled, Qt::QueuedConnection);
    });
    connect(m_table->verticalScrollBar(), &QScrollBar::sliderReleased, this,
            &TimelineView::onUserScrolled);
    m_table->viewport()->installEventFilter(this);
    m_table->installEventFilter(this);
    updateStatus();
}

void TimelineView::buildToolBar()
{
    m_level->setObjectName(QStringLiteral("timelineLevel"));
    m_level->setAccessibleName(tr("Lowest level shown"));
    m_level->addItem(tr("All levels"), TimelineFilter::AllLevels);
    m_level->addItem(tr("Info and above"), TimelineFilter::levelsFrom(Level::Info));
    m_level->addItem(tr("Warnings and errors"), TimelineFilter::levelsFrom(Level::Warning));
    m_level->addItem(tr("Errors only"), TimelineFilter::levelsFrom(Level::Error));
    connect(m_level, &QComboBox::currentIndexChanged, this, &TimelineView::applyFilter);

    for (Source source : AllSources) {
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("timelineSource_") + timelineSourceName(source));
        button->setText(TimelineModel::sourceLabel(source));
        button->setIcon(sourceIcon(source));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setCheckable(true);
        button->setChecked(true);
        button->setToolTip(tr("Lines from the source %1: click to show or hide them")
                               .arg(TimelineModel::sourceLabel(source)));
        button->setAccessibleName(
            tr("Show lines from the source %1").arg(TimelineModel::sourceLabel(source)));
        button->setProperty("timelineSource", int(source));
        connect(button, &QToolButton::toggled, this, &TimelineView::applyFilter);
        m_sourceButtons.append(button);
    }

    m_search->setObjectName(QStringLiteral("timelineSearch"));
    m_search->setPlaceholderText(tr("Search the timeline"));
    m_search->setAccessibleName(tr("Search the timeline"));
    m_search->setClearButtonEnabled(true);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250); // wait for a pause in typing before filtering a million lines
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &TimelineView::applyFilter);
    connect(m_searchDelay, &QTimer::timeout, this, &TimelineView::applyFilter);

    m_follow->setObjectName(QStringLiteral("timelineFollow"));
    m_follow->setText(tr("Follow"));
    m_follow->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    m_follow->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    addViewShortcut(this, QKeySequence(Qt::CTRL | Qt::Key_End), [this] { setFollowing(true); });
    m_follow->setToolTip(tr("Keep the newest line in view (Ctrl+End)"));
    connect(m_follow, &QToolButton::toggled, this, &TimelineView::setFollowing);

    m_copy->setObjectName(QStringLiteral("timelineCopy"));
    m_copy->setText(tr("Copy"));
    m_copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copy->setToolTip(tr("Copy the selected lines with both timestamps (Ctrl+C)"));
    connect(m_copy, &QToolButton::clicked, this, &TimelineView::copySelection);

    m_export->setObjectName(QStringLiteral("timelineExport"));
    m_export->setText(tr("Export…"));
    m_export->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_export->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_export->setToolTip(tr("Save the lines shown to a text file with both timestamps"));
    connect(m_export, &QToolButton::clicked, this, &TimelineView::chooseExportFile);

    m_status->setObjectName(QStringLiteral("timelineStatus"));
}

void TimelineView::setPort(const QString &port)
{
    m_port = port;
    m_table->setColumnHidden(TimelineModel::PortColumn, !port.isEmpty());
    applyFilter();
}

void TimelineView::applyFilter()
{
    m_searchDelay->stop();
    TimelineFilter filter;
    filter.levels = quint8(m_level->currentData().toUInt());
    filter.sources = 0;
    for (QToolButton *button : std::as_const(m_sourceButtons)) {
        if (button->isChecked())
            filter.sources |= quint8(1u << button->property("timelineSource").toInt());
    }
    filter.port = m_port;
    filter.text = m_search->text();
    if (filter == m_model->filter())
        return;
    m_model->setFilter(filter);
}

void TimelineView::setFollowing(bool follow)
{
    if (m_following != follow) {
        m_following = follow;
        m_follow->setChecked(follow);
        Q_EMIT followingChanged(follow);
        updateStatus();
    }
    if (follow) {
        m_scrolling = true;
        m_table->scrollToBottom();
        m_scrolling = false;
    }
}

void TimelineView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_following)
        QMetaObject::invokeMethod(
            this, [this] { setFollowing(m_following); }, Qt::QueuedConnection);
}

void TimelineView::onRowsInserted()
{
    updateStatus();
    if (m_following) {
        m_scrolling = true;
        m_table->scrollToBottom();
        m_scrolling = false;
    }
}

void TimelineView::onScrolled(int value)
{
    // Reaching the end again resumes following. Only the user's own scrolling pauses it (see
    // eventFilter and the scroll bar's actions): rows dropped at the top also move the value,
    // and that must not stop the view from following.
    if (!m_scrolling && !m_following && value >= m_table->verticalScrollBar()->maximum())
        setFollowing(true);
}

void TimelineView::onUserScrolled()
{
    const QScrollBar *bar = m_table->verticalScrollBar();
    setFollowing(bar->value() >= bar->maximum());
}

bool TimelineView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Wheel) {
        auto *wheel = static_cast<QWheelEvent *>(event);
        if (wheel->angleDelta().y() > 0 || wheel->pixelDelta().y() > 0)
            setFollowing(false); // scrolling up: after the wheel has moved the view
    } else if (event->type() == QEvent::KeyPress && watched == m_table) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_PageUp || key == Qt::Key_Home)
            setFollowing(false);
    }
    return QWidget::eventFilter(watched, event);
}

void TimelineView::updateStatus()
{
    const int shown = m_model->rowCount();
    const auto total = qsizetype(m_store->size());
    QString text;
    if (m_model->filter().acceptsEverything())
        text = shown == 1 ? tr("1 line") : tr("%1 lines").arg(locale().toString(shown));
    else
        text = total == 1 ? tr("%1 of 1 line matches").arg(shown)
                          : tr("%1 of %2 lines match")
                                .arg(locale().toString(shown), locale().toString(total));
    if (!m_following)
        text += u' ' + tr("(following paused: scroll to the end or press Follow)");
    m_status->setText(text);
}

QString TimelineView::selectedText() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList lines;
    lines.reserve(rows.size());
    for (const QModelIndex &index : std::as_const(rows))
        lines.append(m_store->formatLine(m_model->sequenceAt(index.row())));
    return lines.join(u'\n');
}

void TimelineView::copySelection()
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

QFuture<TimelineExportResult> TimelineView::exportTo(const QString &path)
{
    QFuture<TimelineExportResult> future = m_store->exportTo(path, m_model->filter());
    auto *watcher = new QFutureWatcher<TimelineExportResult>(this);
    connect(watcher, &QFutureWatcher<TimelineExportResult>::finished, this, [this, watcher, path] {
        const TimelineExportResult result = watcher->result();
        watcher->deleteLater();
        if (!result.ok)
            m_status->setText(result.error);
        else if (result.lines == 1)
            m_status->setText(tr("Saved 1 line to %1").arg(path));
        else
            m_status->setText(tr("Saved %1 lines to %2").arg(result.lines).arg(path));
        Q_EMIT exported(result, path);
    });
    watcher->setFuture(future);
    return future;
}

void TimelineView::chooseExportFile()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export timeline"), QStringLiteral("timeline.txt"),
                                     tr("Text files (*.txt);;All files (*)"));
    if (!path.isEmpty())
        exportTo(path);
}

} // namespace Blackbird
