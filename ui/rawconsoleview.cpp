#include "rawconsoleview.h"
#include "viewshortcut.h"

#include <QAction>
#include <QApplication>
#include <QButtonGroup>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Blackbird {

namespace {

constexpr qint64 MergeWindowMs = 1000; // bytes this close together continue the same chunk
constexpr qsizetype MaxChunkBytes = 4096;

int utf8SequenceLength(uchar lead)
{
    if (lead >= 0xc2 && lead <= 0xdf)
        return 2;
    if (lead >= 0xe0 && lead <= 0xef)
        return 3;
    if (lead >= 0xf0 && lead <= 0xf4)
        return 4;
    return 0;
}

} // namespace

RawConsoleModel::RawConsoleModel(const QString &port, QObject *parent)
    : QAbstractTableModel(parent)
    , m_port(port)
{}

void RawConsoleModel::setCapacity(qsizetype bytes)
{
    m_capacity = std::max<qsizetype>(HexRowBytes, bytes);
    evict();
}

void RawConsoleModel::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    beginResetModel();
    m_mode = mode;
    rebuildRows();
    endResetModel();
}

const RawConsoleModel::Chunk &RawConsoleModel::chunkOf(const Row &r) const
{
    return m_chunks[size_t(r.chunk - m_firstChunk)];
}

bool RawConsoleModel::isOpen(const Row &r) const
{
    if (m_mode == Mode::Hex)
        return r.length < quint32(HexRowBytes);
    const QByteArray &bytes = chunkOf(r).bytes;
    return r.length < quint32(MaxTextRowBytes) && bytes.at(r.begin + r.length - 1) != '\n';
}

void RawConsoleModel::splitRows(quint64 chunk, quint32 from, std::vector<Row> &out) const
{
    const QByteArray &bytes = m_chunks[size_t(chunk - m_firstChunk)].bytes;
    const auto size = quint32(bytes.size());
    quint32 start = from;
    while (start < size) {
        quint32 end;
        if (m_mode == Mode::Hex) {
            end = std::min(size, start + quint32(HexRowBytes));
        } else {
            end = start;
            const quint32 limit = std::min(size, start + quint32(MaxTextRowBytes));
            while (end < limit && bytes.at(end) != '\n')
                ++end;
            if (end < size && end < limit)
                ++end; // the newline belongs to its line
        }
        out.push_back({chunk, start, end - start});
        start = end;
    }
}

void RawConsoleModel::rebuildRows()
{
    std::vector<Row>().swap(m_rows);
    m_rowsHead = 0;
    for (size_t i = 0; i < m_chunks.size(); ++i)
        splitRows(m_firstChunk + i, 0, m_rows);
}

void RawConsoleModel::append(Direction direction, const QByteArray &data, const QDateTime &when)
{
    if (data.isEmpty())
        return;
    QByteArray bytes = data;
    if (bytes.size() > m_capacity) {
        m_dropped += quint64(bytes.size() - m_capacity);
        bytes = bytes.right(m_capacity);
    }
    const qint64 ms =
        when.isValid() ? when.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    const auto d = size_t(direction);

    std::vector<Row> added;
    bool merged = false;
    if (!m_chunks.empty()) {
        Chunk &last = m_chunks.back();
        if (last.direction == direction && last.bytes.size() + bytes.size() <= MaxChunkBytes &&
            ms - last.ms < MergeWindowMs) {
            const quint64 chunkNumber = m_firstChunk + m_chunks.size() - 1;
            auto from = quint32(last.bytes.size());
            const bool extendLast =
                rowCount() > 0 && m_rows.back().chunk == chunkNumber && isOpen(m_rows.back());
            if (extendLast)
                from = m_rows.back().begin;
            last.bytes.append(bytes);
            splitRows(chunkNumber, from, added);
            if (extendLast) {
                m_rows.back() = added.front();
                added.erase(added.begin());
                const QModelIndex changed = index(rowCount() - 1, 0);
                Q_EMIT dataChanged(changed, changed.siblingAtColumn(columnCount() - 1));
            }
            merged = true;
        }
    }
    if (!merged) {
        m_chunks.push_back({ms, direction, m_streamBytes[d], bytes});
        splitRows(m_firstChunk + m_chunks.size() - 1, 0, added);
    }
    m_streamBytes[d] += quint64(bytes.size());
    m_bytes += bytes.size();

    if (!added.empty()) {
        const int count = rowCount();
        beginInsertRows({}, count, count + int(added.size()) - 1);
        m_rows.insert(m_rows.end(), added.cbegin(), added.cend());
        endInsertRows();
    }
    evict();
}

void RawConsoleModel::evict()
{
    while (m_bytes > m_capacity && !m_chunks.empty()) {
        int gone = 0;
        while (size_t(gone) + m_rowsHead < m_rows.size() && row(gone).chunk == m_firstChunk)
            ++gone;
        if (gone > 0)
            beginRemoveRows({}, 0, gone - 1);
        m_rowsHead += size_t(gone);
        m_bytes -= m_chunks.front().bytes.size();
        m_dropped += quint64(m_chunks.front().bytes.size());
        m_chunks.pop_front();
        ++m_firstChunk;
        if (m_rowsHead > 1024 && m_rowsHead > m_rows.size() / 2) {
            m_rows.erase(m_rows.begin(), m_rows.begin() + qsizetype(m_rowsHead));
            m_rowsHead = 0;
        }
        if (gone > 0)
            endRemoveRows();
    }
}

void RawConsoleModel::clear()
{
    beginResetModel();
    m_firstChunk += m_chunks.size();
    m_chunks.clear();
    std::vector<Row>().swap(m_rows);
    m_rowsHead = 0;
    m_bytes = 0;
    endResetModel();
}

QByteArray RawConsoleModel::rowBytes(int index) const
{
    if (index < 0 || index >= rowCount())
        return {};
    const Row &r = row(index);
    return chunkOf(r).bytes.mid(r.begin, r.length);
}

RawConsoleModel::Direction RawConsoleModel::rowDirection(int index) const
{
    return chunkOf(row(index)).direction;
}

QString RawConsoleModel::rowText(int r) const
{
    QStringList columns;
    for (int c = 0; c < columnCount(); ++c)
        columns.append(index(r, c).data().toString());
    return columns.join(u'\t');
}

QString RawConsoleModel::escapeBytes(QByteArrayView bytes)
{
    QString out;
    out.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto b = uchar(bytes.at(i));
        switch (b) {
        case '\n':
            out += QLatin1String("\\n");
            continue;
        case '\r':
            out += QLatin1String("\\r");
            continue;
        case '\t':
            out += QLatin1String("\\t");
            continue;
        case 0x1b:
            out += QLatin1String("\\e");
            continue;
        case '\\':
            out += QLatin1String("\\\\");
            continue;
        default:
            break;
        }
        if (b >= 0x20 && b < 0x7f) {
            out += QLatin1Char(char(b));
            continue;
        }
        const int length = utf8SequenceLength(b);
        if (length > 0 && i + length <= bytes.size()) {
            const QString decoded = QString::fromUtf8(bytes.sliced(i, length));
            const bool valid = !decoded.contains(QChar::ReplacementCharacter) &&
                               decoded.size() <= 2 &&
                               !(decoded.size() == 1 && decoded.at(0).unicode() < 0xa0);
            if (valid) {
                out += decoded;
                i += length - 1;
                continue;
            }
        }
        out += QLatin1String("\\x") + QString::number(b, 16).rightJustified(2, u'0').toUpper();
    }
    return out;
}

QString RawConsoleModel::hexBytes(QByteArrayView bytes)
{
    QString out;
    out.reserve(bytes.size() * 3 + 1);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (i > 0)
            out += i == 8 ? QLatin1String("  ") : QLatin1String(" ");
        out += QStringLiteral("%1").arg(uchar(bytes.at(i)), 2, 16, QLatin1Char('0'));
    }
    return out;
}

QString RawConsoleModel::asciiBytes(QByteArrayView bytes)
{
    QString out;
    out.reserve(bytes.size());
    for (char c : bytes)
        out += uchar(c) >= 0x20 && uchar(c) < 0x7f ? QLatin1Char(c) : QLatin1Char('.');
    return out;
}

int RawConsoleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size() - m_rowsHead);
}

int RawConsoleModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_mode == Mode::Text ? 3 : 5;
}

QVariant RawConsoleModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &r = row(index.row());
    const Chunk &chunk = chunkOf(r);
    const QByteArrayView bytes = QByteArrayView(chunk.bytes).sliced(r.begin, r.length);
    const bool received = chunk.direction == Direction::Received;

    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(chunk.ms).toString(
                QStringLiteral("HH:mm:ss.zzz"));
        case DirectionColumn:
            return received ? tr("RX ←") : tr("TX →");
        case 2:
            if (m_mode == Mode::Text)
                return escapeBytes(bytes);
            return QStringLiteral("%1").arg(chunk.streamOffset + r.begin, 8, 16, QLatin1Char('0'));
        case HexColumn:
            return hexBytes(bytes);
        case AsciiColumn:
            return asciiBytes(bytes);
        }
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == DirectionColumn)
        return received ? tr("Received from the device") : tr("Sent to the device");
    if (role == Qt::FontRole && index.column() >= 2)
        return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (role == Qt::ForegroundRole && !received)
        return QApplication::palette().color(QPalette::Link);
    return {};
}

QVariant RawConsoleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DirectionColumn:
        return tr("Direction");
    case 2:
        return m_mode == Mode::Text ? tr("Bytes as text") : tr("Offset");
    case HexColumn:
        return tr("Hex");
    case AsciiColumn:
        return tr("ASCII");
    }
    return {};
}

// The view

RawConsoleView::RawConsoleView(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableView(this))
    , m_title(new QLabel(this))
    , m_text(new QToolButton(this))
    , m_hex(new QToolButton(this))
    , m_clear(new QToolButton(this))
    , m_copy(new QToolButton(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("rawConsoleView"));
    m_table->setObjectName(QStringLiteral("rawConsoleTable"));
    m_table->setAccessibleName(tr("Raw serial traffic"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_table->verticalHeader()->setDefaultSectionSize(QFontMetrics(fixed).height() + 4);
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_title->setObjectName(QStringLiteral("rawConsoleTitle"));
    auto *group = new QButtonGroup(this);
    for (QToolButton *b : {m_text, m_hex}) {
        b->setCheckable(true);
        group->addButton(b);
    }
    m_text->setObjectName(QStringLiteral("rawConsoleText"));
    m_text->setText(tr("Text"));
    m_text->setToolTip(tr("Show the bytes as text, with control bytes escaped (Alt+T)"));
    addViewShortcut(this, QKeySequence(Qt::ALT | Qt::Key_T),
                    [this] { setMode(RawConsoleModel::Mode::Text); });
    m_text->setChecked(true);
    m_hex->setObjectName(QStringLiteral("rawConsoleHex"));
    m_hex->setText(tr("Hex"));
    m_hex->setToolTip(tr("Show a hex dump with offsets (Alt+H)"));
    addViewShortcut(this, QKeySequence(Qt::ALT | Qt::Key_H),
                    [this] { setMode(RawConsoleModel::Mode::Hex); });
    connect(m_text, &QToolButton::clicked, this, [this] { setMode(RawConsoleModel::Mode::Text); });
    connect(m_hex, &QToolButton::clicked, this, [this] { setMode(RawConsoleModel::Mode::Hex); });
    m_copy->setObjectName(QStringLiteral("rawConsoleCopy"));
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Copy the selected rows (Ctrl+C)"));
    addViewShortcut(this, QKeySequence::Copy, [this] { copySelection(); });
    connect(m_copy, &QToolButton::clicked, this, &RawConsoleView::copySelection);
    m_clear->setObjectName(QStringLiteral("rawConsoleClear"));
    m_clear->setText(tr("Clear"));
    connect(m_clear, &QToolButton::clicked, this, [this] {
        if (m_model)
            m_model->clear();
    });
    m_status->setObjectName(QStringLiteral("rawConsoleStatus"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_title, 1);
    bar->addWidget(m_text);
    bar->addWidget(m_hex);
    bar->addWidget(m_copy);
    bar->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);

    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this](int value) { m_following = value >= m_table->verticalScrollBar()->maximum(); });
    setModel(nullptr);
}

void RawConsoleView::setModel(RawConsoleModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_table->setModel(model);
    setEnabled(model != nullptr);
    m_title->setText(model ? tr("Raw traffic on %1").arg(model->port())
                           : tr("No port chosen: pick a device to see its raw traffic"));
    if (model) {
        m_text->setChecked(model->mode() == RawConsoleModel::Mode::Text);
        m_hex->setChecked(model->mode() == RawConsoleModel::Mode::Hex);
        connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
            updateStatus();
            if (m_following)
                m_table->scrollToBottom();
        });
        connect(model, &QAbstractItemModel::rowsRemoved, this, &RawConsoleView::updateStatus);
        connect(model, &QAbstractItemModel::modelReset, this, [this] {
            updateColumns();
            updateStatus();
        });
        connect(model, &QObject::destroyed, this, [this] { setModel(nullptr); });
    }
    updateColumns();
    updateStatus();
}

void RawConsoleView::setMode(RawConsoleModel::Mode mode)
{
    m_text->setChecked(mode == RawConsoleModel::Mode::Text);
    m_hex->setChecked(mode == RawConsoleModel::Mode::Hex);
    if (m_model)
        m_model->setMode(mode);
    if (m_following)
        m_table->scrollToBottom();
}

void RawConsoleView::updateColumns()
{
    if (!m_model)
        return;
    const QFontMetrics fixed(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const QFontMetrics normal = m_table->fontMetrics();
    m_table->setColumnWidth(RawConsoleModel::TimeColumn,
                            normal.horizontalAdvance(QStringLiteral("88:88:88.888")) + 16);
    m_table->setColumnWidth(
        RawConsoleModel::DirectionColumn,
        std::max(
            normal.horizontalAdvance(tr("TX →")),
            normal.horizontalAdvance(
                m_model->headerData(RawConsoleModel::DirectionColumn, Qt::Horizontal).toString())) +
            24);
    if (m_model->mode() == RawConsoleModel::Mode::Hex) {
        m_table->setColumnWidth(RawConsoleModel::OffsetColumn,
                                fixed.horizontalAdvance(QStringLiteral("00000000")) + 16);
        m_table->setColumnWidth(RawConsoleModel::HexColumn,
                                fixed.horizontalAdvance(QString(49, u'0')) + 16);
    }
}

void RawConsoleView::updateStatus()
{
    if (!m_model) {
        m_status->clear();
        return;
    }
    QString text = tr("%1 bytes kept").arg(m_model->byteCount());
    if (m_model->droppedBytes() > 0)
        text += u' ' + tr("(%1 older bytes dropped)").arg(m_model->droppedBytes());
    m_status->setText(text);
}

QString RawConsoleView::selectedText() const
{
    if (!m_model)
        return {};
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList lines;
    for (const QModelIndex &index : std::as_const(rows))
        lines.append(m_model->rowText(index.row()));
    return lines.join(u'\n');
}

void RawConsoleView::copySelection()
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

} // namespace Blackbird
