#include "timelinestore.h"

#include "logging/logcategories.h"

#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

namespace Blackbird {

namespace {

constexpr qint64 NoDeviceTime = std::numeric_limits<qint64>::min();
constexpr quint32 ChunkBytes = 1024 * 1024;
constexpr int AnyId = -1;
constexpr int UnknownId = -2; // the filter names a port or device the store has never seen

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QString oneLine(QString text)
{
    for (QChar &ch : text) {
        if (ch == u'\t' || ch == u'\n' || ch == u'\r')
            ch = u' ';
    }
    return text;
}

const std::array<uchar, 256> &asciiLowerTable()
{
    static const std::array<uchar, 256> table = [] {
        std::array<uchar, 256> t{};
        for (int i = 0; i < 256; ++i)
            t[size_t(i)] = uchar(i >= 'A' && i <= 'Z' ? i + ('a' - 'A') : i);
        return t;
    }();
    return table;
}

// memchr for the first byte, then a compare: faster than a general search for the few bytes of
// one character.
bool containsBytes(QByteArrayView hay, QByteArrayView needle)
{
    const char *p = hay.data();
    const char *const end = hay.data() + hay.size();
    while (end - p >= needle.size()) {
        p = static_cast<const char *>(std::memchr(p, needle.front(), size_t(end - p)));
        if (!p || end - p < needle.size())
            return false;
        if (std::memcmp(p, needle.data(), size_t(needle.size())) == 0)
            return true;
        ++p;
    }
    return false;
}

} // namespace

quint8 TimelineFilter::levelsFrom(TimelineEntry::Level minimum)
{
    quint8 bits = 0;
    for (int l = int(minimum); l <= int(TimelineEntry::Level::Error); ++l)
        bits |= quint8(1u << l);
    return bits;
}

bool TimelineFilter::acceptsEverything() const
{
    return (levels & AllLevels) == AllLevels && (sources & AllSources) == AllSources &&
           port.isEmpty() && deviceUuid.isEmpty() && text.isEmpty();
}

struct TimelineStore::Chunk
{
    std::unique_ptr<char[]> data{new char[ChunkBytes]};
    quint32 used = 0;
};

// A filter turned into ids and a search table once, before it is run over many lines.
struct TimelineStore::Prepared
{
    quint8 levels = 0;
    quint8 sources = 0;
    int port = AnyId;
    qint64 uuid = AnyId;
    QByteArray needle; // UTF-8
    QByteArray run;    // the needle's longest ASCII run, letters folded to lower case
    bool asciiNeedle = true;
    bool caseless = false; // a non-ASCII needle whose letters have no case: bytes compare
    QString needleText;
    QList<QByteArray> anchors;
    std::array<quint32, 256> shift{};
};

TimelineStore::TimelineStore(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<TimelineEntry>();
    qRegisterMetaType<TimelineExportResult>();
    m_portNames.append(QString());
    m_portIds.insert(QString(), 0);
    m_uuidNames.append(QString());
    m_uuidIds.insert(QString(), 0);
    m_batch.setSingleShot(true);
    m_batch.setInterval(DefaultBatchIntervalMs);
    connect(&m_batch, &QTimer::timeout, this, &TimelineStore::flush);
}

TimelineStore::~TimelineStore() = default;

void TimelineStore::setCapacity(qsizetype lines)
{
    m_capacity = std::max<qsizetype>(1, lines);
    evictTo(m_capacity);
}

void TimelineStore::setBatchInterval(int milliseconds)
{
    m_batch.setInterval(std::max(0, milliseconds));
}

const TimelineStore::Line &TimelineStore::line(quint64 seq) const
{
    const qsizetype index = (m_head + qsizetype(seq - m_firstSeq)) % qsizetype(m_ring.size());
    return m_ring[size_t(index)];
}

QByteArrayView TimelineStore::textBytes(const Line &l) const
{
    const Chunk &chunk = *m_chunks[size_t(l.chunk - m_firstChunk)];
    return QByteArrayView(chunk.data.get() + l.offset, l.length);
}

TimelineEntry TimelineStore::entry(quint64 seq) const
{
    if (!contains(seq))
        return {};
    const Line &l = line(seq);
    TimelineEntry e;
    e.stationTime = fromMs(l.stationMs);
    if (l.deviceMs != NoDeviceTime)
        e.deviceTime = fromMs(l.deviceMs);
    e.source = TimelineEntry::Source(l.source);
    e.level = TimelineEntry::Level(l.level);
    e.port = m_portNames.at(l.port);
    e.deviceUuid = m_uuidNames.at(qsizetype(l.uuid));
    e.text = QString::fromUtf8(textBytes(l));
    return e;
}

QString TimelineStore::text(quint64 seq) const
{
    return contains(seq) ? QString::fromUtf8(textBytes(line(seq))) : QString();
}

QString TimelineStore::port(quint64 seq) const
{
    return contains(seq) ? m_portNames.at(line(seq).port) : QString();
}

QString TimelineStore::deviceUuid(quint64 seq) const
{
    return contains(seq) ? m_uuidNames.at(qsizetype(line(seq).uuid)) : QString();
}

TimelineEntry::Level TimelineStore::level(quint64 seq) const
{
    return contains(seq) ? TimelineEntry::Level(line(seq).level) : TimelineEntry::Level::Info;
}

TimelineEntry::Source TimelineStore::source(quint64 seq) const
{
    return contains(seq) ? TimelineEntry::Source(line(seq).source) : TimelineEntry::Source::Station;
}

QDateTime TimelineStore::stationTime(quint64 seq) const
{
    return contains(seq) ? fromMs(line(seq).stationMs) : QDateTime();
}

QDateTime TimelineStore::deviceTime(quint64 seq) const
{
    if (!contains(seq) || line(seq).deviceMs == NoDeviceTime)
        return {};
    return fromMs(line(seq).deviceMs);
}

void TimelineStore::append(const TimelineEntry &entry)
{
    Line l{};
    l.stationMs = entry.stationTime.isValid() ? entry.stationTime.toMSecsSinceEpoch()
                                              : QDateTime::currentMSecsSinceEpoch();
    l.deviceMs = entry.deviceTime.isValid() ? entry.deviceTime.toMSecsSinceEpoch() : NoDeviceTime;
    l.source = quint8(entry.source);
    l.level = quint8(entry.level);
    l.port = internPort(entry.port);
    l.uuid = internUuid(entry.deviceUuid);
    l.chunk = storeText(entry.text, &l.offset, &l.length);
    m_pending.push_back(l);
    if (!m_batch.isActive())
        m_batch.start();
}

void TimelineStore::appendBatch(const QList<TimelineEntry> &entries)
{
    for (const TimelineEntry &e : entries)
        append(e);
}

quint32 TimelineStore::storeText(const QString &text, quint32 *offset, quint16 *length)
{
    QByteArray utf8 = text.toUtf8();
    if (utf8.size() > MaxLineBytes) {
        qsizetype cut = MaxLineBytes - 3;
        while (cut > 0 && (uchar(utf8.at(cut)) & 0xc0) == 0x80)
            --cut; // never split a character
        utf8.truncate(cut);
        utf8.append("\xe2\x80\xa6"); // …
    }
    if (m_chunks.empty() || m_chunks.back()->used + quint32(utf8.size()) > ChunkBytes)
        m_chunks.push_back(std::make_shared<Chunk>());
    Chunk &chunk = *m_chunks.back();
    std::memcpy(chunk.data.get() + chunk.used, utf8.constData(), size_t(utf8.size()));
    *offset = chunk.used;
    *length = quint16(utf8.size());
    chunk.used += quint32(utf8.size());
    return m_firstChunk + quint32(m_chunks.size() - 1);
}

quint16 TimelineStore::internPort(const QString &port)
{
    const auto it = m_portIds.constFind(port);
    if (it != m_portIds.cend())
        return *it;
    if (m_portNames.size() > std::numeric_limits<quint16>::max()) {
        // Sixty-five thousand distinct ports in one shift is not a real station; fold the rest.
        return 0;
    }
    const auto id = quint16(m_portNames.size());
    m_portNames.append(port);
    m_portIds.insert(port, id);
    return id;
}

quint32 TimelineStore::internUuid(const QString &uuid)
{
    const auto it = m_uuidIds.constFind(uuid);
    if (it != m_uuidIds.cend())
        return *it;
    const auto id = quint32(m_uuidNames.size());
    m_uuidNames.append(uuid);
    m_uuidIds.insert(uuid, id);
    return id;
}

void TimelineStore::flush()
{
    m_batch.stop();
    if (m_pending.empty())
        return;

    auto incoming = qsizetype(m_pending.size());
    qsizetype skip = 0;
    if (incoming > m_capacity) {
        // More queued than the store holds: the oldest queued lines are never shown.
        skip = incoming - m_capacity;
        m_evicted += quint64(skip);
        incoming = m_capacity;
    }
    evictTo(m_capacity - incoming);

    growRing(m_count + incoming);
    const quint64 first = endSequence();
    for (qsizetype i = 0; i < incoming; ++i) {
        const qsizetype index = (m_head + m_count + i) % qsizetype(m_ring.size());
        m_ring[size_t(index)] = m_pending[size_t(skip + i)];
    }
    m_count += incoming;
    if (m_pending.capacity() > 4096)
        std::vector<Line>().swap(m_pending);
    else
        m_pending.clear();
    releaseChunks();

    Q_EMIT linesAppended(first, endSequence());
}

void TimelineStore::growRing(qsizetype needed)
{
    if (needed <= qsizetype(m_ring.size()))
        return;
    qsizetype size = std::max<qsizetype>(4096, qsizetype(m_ring.size()) * 2);
    size = std::max(needed, std::min(size, m_capacity));
    std::vector<Line> ring(size_t(size), Line{});
    for (qsizetype i = 0; i < m_count; ++i)
        ring[size_t(i)] = m_ring[size_t((m_head + i) % qsizetype(m_ring.size()))];
    m_ring.swap(ring);
    m_head = 0;
}

void TimelineStore::evictTo(qsizetype keep)
{
    const qsizetype drop = m_count - std::max<qsizetype>(0, keep);
    if (drop <= 0)
        return;
    Q_EMIT linesEvicting(m_firstSeq + quint64(drop));
    m_head = (m_head + drop) % qsizetype(m_ring.size());
    m_count -= drop;
    m_firstSeq += quint64(drop);
    m_evicted += quint64(drop);
    releaseChunks();
}

void TimelineStore::releaseChunks()
{
    if (m_chunks.empty())
        return;
    quint32 oldestNeeded = m_firstChunk + quint32(m_chunks.size() - 1); // keep the one in use
    if (m_count > 0)
        oldestNeeded = line(m_firstSeq).chunk;
    else if (!m_pending.empty())
        oldestNeeded = m_pending.front().chunk;
    const auto drop = size_t(oldestNeeded - m_firstChunk);
    if (drop == 0)
        return;
    m_chunks.erase(m_chunks.begin(), m_chunks.begin() + qsizetype(drop));
    m_firstChunk += quint32(drop);
}

void TimelineStore::clear()
{
    m_batch.stop();
    m_firstSeq = endSequence();
    m_count = 0;
    m_head = 0;
    std::vector<Line>().swap(m_ring);
    std::vector<Line>().swap(m_pending);
    m_firstChunk += quint32(m_chunks.size());
    m_chunks.clear();
    Q_EMIT cleared();
}

qsizetype TimelineStore::memoryUsage() const
{
    return qsizetype((m_ring.capacity() + m_pending.capacity()) * sizeof(Line) +
                     m_chunks.size() * ChunkBytes);
}

void TimelineStore::select(const TimelineFilter &filter, quint64 from, quint64 to,
                           std::vector<quint64> &out) const
{
    from = std::max(from, m_firstSeq);
    to = std::min(to, endSequence());
    if (from >= to)
        return;

    Prepared p;
    p.levels = filter.levels;
    p.sources = filter.sources;
    if (!filter.port.isEmpty())
        p.port = m_portIds.value(filter.port, UnknownId);
    if (!filter.deviceUuid.isEmpty()) {
        const auto it = m_uuidIds.constFind(filter.deviceUuid);
        p.uuid = it == m_uuidIds.cend() ? UnknownId : qint64(*it);
    }
    if (p.port == UnknownId || p.uuid == UnknownId || p.levels == 0 || p.sources == 0)
        return;
    if (!filter.text.isEmpty()) {
        p.needleText = filter.text;
        p.needle = filter.text.toUtf8();
        p.asciiNeedle =
            std::all_of(p.needle.cbegin(), p.needle.cend(), [](char c) { return uchar(c) < 0x80; });
        if (!p.asciiNeedle) {
            p.caseless = filter.text.toLower() == filter.text.toUpper();
            // Every case of the needle's first non-ASCII character; a line holding none of them
            // cannot match, and is not decoded.
            for (qsizetype i = 0; i < filter.text.size(); ++i) {
                const QChar ch = filter.text.at(i);
                if (ch.unicode() < 0x80 || ch.isSurrogate())
                    continue;
                for (QChar variant : {ch, ch.toLower(), ch.toUpper(), ch.toTitleCase()}) {
                    const QByteArray bytes = QString(variant).toUtf8();
                    if (!p.anchors.contains(bytes))
                        p.anchors.append(bytes);
                }
                break;
            }
        }
        // The longest ASCII run of the needle, searched first and fast; a non-ASCII needle is
        // compared in full only on the lines that contain that run.
        qsizetype bestStart = 0, bestLength = 0;
        for (qsizetype i = 0; i < p.needle.size();) {
            qsizetype j = i;
            while (j < p.needle.size() && uchar(p.needle.at(j)) < 0x80)
                ++j;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j + 1;
        }
        const auto &lower = asciiLowerTable();
        for (qsizetype i = bestStart; i < bestStart + bestLength; ++i)
            p.run.append(char(lower[uchar(p.needle.at(i))]));
        const auto m = quint32(p.run.size());
        p.shift.fill(m);
        for (quint32 i = 0; i + 1 < m; ++i) {
            const uchar c = uchar(p.run.at(i));
            p.shift[c] = m - 1 - i;
            if (c >= 'a' && c <= 'z')
                p.shift[size_t(c - ('a' - 'A'))] = m - 1 - i;
        }
    }

    for (quint64 seq = from; seq < to; ++seq) {
        if (matches(line(seq), p))
            out.push_back(seq);
    }
}

bool TimelineStore::matches(const Line &l, const Prepared &p) const
{
    if (!(p.levels & (1u << l.level)) || !(p.sources & (1u << l.source)))
        return false;
    if (p.port != AnyId && l.port != p.port)
        return false;
    if (p.uuid != AnyId && qint64(l.uuid) != p.uuid)
        return false;
    if (p.needle.isEmpty())
        return true;

    const QByteArrayView hay = textBytes(l);
    if (hay.size() < p.needle.size())
        return false;
    if (p.caseless)
        return containsBytes(hay, p.needle);
    // The rare non-ASCII character first (memchr is fast), then the ASCII run.
    if (!p.anchors.isEmpty() &&
        std::none_of(p.anchors.cbegin(), p.anchors.cend(),
                     [hay](const QByteArray &a) { return containsBytes(hay, a); }))
        return false;
    if (!p.run.isEmpty() && !containsRun(hay, p))
        return false;
    if (p.asciiNeedle)
        return true; // the run is the whole needle
    return QString::fromUtf8(hay).contains(p.needleText, Qt::CaseInsensitive);
}

// Horspool over the bytes, folding ASCII letters; bytes of UTF-8 sequences never equal ASCII.
bool TimelineStore::containsRun(QByteArrayView hay, const Prepared &p)
{
    const auto m = size_t(p.run.size());
    if (size_t(hay.size()) < m)
        return false;
    const auto &lower = asciiLowerTable();
    const auto *h = reinterpret_cast<const uchar *>(hay.data());
    const auto *n = reinterpret_cast<const uchar *>(p.run.constData());
    const size_t last = size_t(hay.size()) - m;
    size_t pos = 0;
    while (pos <= last) {
        size_t j = m;
        while (j > 0 && lower[h[pos + j - 1]] == n[j - 1])
            --j;
        if (j == 0)
            return true;
        pos += p.shift[h[pos + m - 1]];
    }
    return false;
}

QString TimelineStore::formatRecord(const Line &l, QByteArrayView text, const QStringList &ports,
                                    const QStringList &uuids)
{
    const QString device = l.deviceMs == NoDeviceTime
                               ? QStringLiteral("-")
                               : fromMs(l.deviceMs).toString(Qt::ISODateWithMs);
    const QString &portName = ports.at(l.port);
    const QString &uuid = uuids.at(qsizetype(l.uuid));
    return fromMs(l.stationMs).toString(Qt::ISODateWithMs) + u'\t' + device + u'\t' +
           timelineLevelName(TimelineEntry::Level(l.level)) + u'\t' +
           timelineSourceName(TimelineEntry::Source(l.source)) + u'\t' +
           (portName.isEmpty() ? QStringLiteral("-") : portName) + u'\t' +
           (uuid.isEmpty() ? QStringLiteral("-") : uuid) + u'\t' + oneLine(QString::fromUtf8(text));
}

QString TimelineStore::formatLine(quint64 seq) const
{
    if (!contains(seq))
        return {};
    const Line &l = line(seq);
    return formatRecord(l, textBytes(l), m_portNames, m_uuidNames);
}

QFuture<TimelineExportResult> TimelineStore::exportTo(const QString &path,
                                                      const TimelineFilter &filter)
{
    flush();
    std::vector<quint64> rows;
    select(filter, m_firstSeq, endSequence(), rows);

    // A snapshot for the worker: the selected records, the text chunks they point into (shared:
    // the store may drop them meanwhile, and only ever appends past what is written) and the
    // names. Formatting a million lines takes seconds, which the GUI thread must not wait for.
    std::vector<Line> lines;
    lines.reserve(rows.size());
    for (quint64 seq : rows)
        lines.push_back(line(seq));
    return QtConcurrent::run([path, lines = std::move(lines), chunks = m_chunks,
                              firstChunk = m_firstChunk, ports = m_portNames, uuids = m_uuidNames] {
        QByteArray content;
        content.reserve(qsizetype(lines.size()) * 120 + 256);
        content.append("# Blackbird Provisioning Station timeline\n"
                       "# station_time\tdevice_time\tlevel\tsource\tport\tdevice_uuid\ttext\n");
        for (const Line &l : lines) {
            const Chunk &chunk = *chunks[size_t(l.chunk - firstChunk)];
            content.append(
                formatRecord(l, QByteArrayView(chunk.data.get() + l.offset, l.length), ports, uuids)
                    .toUtf8());
            content.append('\n');
        }

        TimelineExportResult result;
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() ||
            !file.commit()) {
            result.ok = false;
            result.error = TimelineStore::tr("Could not write the timeline to %1: %2")
                               .arg(path, file.errorString());
            qCWarning(lcUi) << "Timeline export failed:" << result.error;
            return result;
        }
        result.lines = qsizetype(lines.size());
        qCInfo(lcUi) << "Exported" << result.lines << "timeline lines to" << path;
        return result;
    });
}

// The model

TimelineModel::TimelineModel(TimelineStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    rebuild();
    connect(store, &TimelineStore::linesAppended, this, &TimelineModel::onAppended);
    connect(store, &TimelineStore::linesEvicting, this, &TimelineModel::onEvicting);
    connect(store, &TimelineStore::cleared, this, &TimelineModel::onCleared);
}

QString TimelineModel::levelLabel(TimelineEntry::Level level)
{
    switch (level) {
    case TimelineEntry::Level::Debug:
        return tr("Debug");
    case TimelineEntry::Level::Info:
        return tr("Info");
    case TimelineEntry::Level::Warning:
        return tr("Warning");
    case TimelineEntry::Level::Error:
        return tr("Error");
    }
    return {};
}

QString TimelineModel::sourceLabel(TimelineEntry::Source source)
{
    switch (source) {
    case TimelineEntry::Source::Console:
        return tr("Console");
    case TimelineEntry::Source::Device:
        return tr("Device");
    case TimelineEntry::Source::Broker:
        return tr("Broker");
    case TimelineEntry::Source::Station:
        return tr("Station");
    }
    return {};
}

void TimelineModel::setFilter(const TimelineFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    rebuild();
    endResetModel();
}

void TimelineModel::rebuild()
{
    m_all = m_filter.acceptsEverything();
    m_allFirst = m_store->firstSequence();
    m_allEnd = m_store->endSequence();
    std::vector<quint64>().swap(m_rows);
    m_rowsHead = 0;
    if (!m_all)
        m_store->select(m_filter, m_allFirst, m_allEnd, m_rows);
}

void TimelineModel::onAppended(quint64 first, quint64 end)
{
    if (m_all) {
        if (end <= m_allEnd)
            return;
        const int count = rowCount();
        beginInsertRows({}, count, count + int(end - std::max(first, m_allEnd)) - 1);
        m_allEnd = end;
        endInsertRows();
        return;
    }
    std::vector<quint64> added;
    m_store->select(m_filter, first, end, added);
    if (added.empty())
        return;
    const int count = rowCount();
    beginInsertRows({}, count, count + int(added.size()) - 1);
    m_rows.insert(m_rows.end(), added.cbegin(), added.cend());
    endInsertRows();
}

void TimelineModel::onEvicting(quint64 newFirst)
{
    if (m_all) {
        const quint64 until = std::min(newFirst, m_allEnd);
        if (until > m_allFirst) {
            beginRemoveRows({}, 0, int(until - m_allFirst) - 1);
            m_allFirst = until;
            endRemoveRows();
        }
        m_allFirst = std::max(m_allFirst, newFirst);
        m_allEnd = std::max(m_allEnd, m_allFirst);
        return;
    }
    const auto begin = m_rows.cbegin() + qsizetype(m_rowsHead);
    const auto gone = std::lower_bound(begin, m_rows.cend(), newFirst) - begin;
    if (gone > 0) {
        beginRemoveRows({}, 0, int(gone) - 1);
        m_rowsHead += size_t(gone);
        if (m_rowsHead > 4096 && m_rowsHead > m_rows.size() / 2) {
            m_rows.erase(m_rows.begin(), m_rows.begin() + qsizetype(m_rowsHead));
            m_rowsHead = 0;
        }
        endRemoveRows();
    }
}

void TimelineModel::onCleared()
{
    beginResetModel();
    rebuild();
    endResetModel();
}

quint64 TimelineModel::sequenceAt(int row) const
{
    if (m_all)
        return m_allFirst + quint64(row);
    return m_rows[m_rowsHead + size_t(row)];
}

int TimelineModel::rowOf(quint64 seq) const
{
    if (m_all)
        return seq >= m_allFirst && seq < m_allEnd ? int(seq - m_allFirst) : -1;
    const auto begin = m_rows.cbegin() + qsizetype(m_rowsHead);
    const auto it = std::lower_bound(begin, m_rows.cend(), seq);
    return it != m_rows.cend() && *it == seq ? int(it - begin) : -1;
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_all ? int(m_allEnd - m_allFirst) : int(m_rows.size() - m_rowsHead);
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const quint64 seq = sequenceAt(index.row());
    if (!m_store->contains(seq))
        return {};

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StationTimeColumn:
            return m_store->stationTime(seq).toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
        case DeviceTimeColumn: {
            const QDateTime device = m_store->deviceTime(seq);
            return device.isValid() ? device.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"))
                                    : QString();
        }
        case LevelColumn:
            return levelLabel(m_store->level(seq));
        case SourceColumn:
            return sourceLabel(m_store->source(seq));
        case PortColumn:
            return m_store->port(seq);
        case TextColumn:
            return m_store->text(seq);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StationTimeColumn:
            return tr("Station time: %1 (%2 UTC)")
                .arg(m_store->stationTime(seq).toLocalTime().toString(Qt::ISODateWithMs),
                     m_store->stationTime(seq).toString(Qt::ISODateWithMs));
        case DeviceTimeColumn: {
            const QDateTime device = m_store->deviceTime(seq);
            if (!device.isValid())
                return tr("The device gave no time for this line");
            return tr("Device time: %1 (%2 UTC)")
                .arg(device.toLocalTime().toString(Qt::ISODateWithMs),
                     device.toString(Qt::ISODateWithMs));
        }
        case PortColumn: {
            const QString uuid = m_store->deviceUuid(seq);
            return uuid.isEmpty() ? m_store->port(seq)
                                  : tr("%1, device %2").arg(m_store->port(seq), uuid);
        }
        case TextColumn:
            return m_store->text(seq);
        }
        return {};
    case Qt::AccessibleTextRole:
        return tr("%1 %2 %3: %4")
            .arg(m_store->stationTime(seq).toLocalTime().toString(QStringLiteral("HH:mm:ss")),
                 levelLabel(m_store->level(seq)), sourceLabel(m_store->source(seq)),
                 m_store->text(seq));
    case SequenceRole:
        return QVariant::fromValue(seq);
    case LevelRole:
        return int(m_store->level(seq));
    case SourceRole:
        return int(m_store->source(seq));
    case StationTimeRole:
        return m_store->stationTime(seq);
    case DeviceTimeRole:
        return m_store->deviceTime(seq);
    case PortRole:
        return m_store->port(seq);
    case DeviceUuidRole:
        return m_store->deviceUuid(seq);
    }
    return {};
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StationTimeColumn:
        return tr("Time");
    case DeviceTimeColumn:
        return tr("Device time");
    case LevelColumn:
        return tr("Level");
    case SourceColumn:
        return tr("Source");
    case PortColumn:
        return tr("Port");
    case TextColumn:
        return tr("Message");
    }
    return {};
}

} // namespace Blackbird
