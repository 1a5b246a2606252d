// The station's timeline: every line the devices, the broker and the station itself produced,
// for all ports, in the order the station received them. A whole shift of sixteen chatty devices
// is a million lines, so the store keeps them compactly (UTF-8 text in large shared chunks, ports
// and device uuids interned, times as integers: about 40 bytes plus the text per line), drops
// the oldest beyond its capacity, and takes lines in batches: appending only queues a line, and
// the queued lines are committed (and announced to the views) together a few times a second.
//
// TimelineModel is a filtered view of a store (level, source, port, device, text), as rows of
// sequence numbers; several models can share one store, for example the whole station and the
// one device a technician is looking at.
#pragma once

#include "timelineentry.h"

#include <QAbstractTableModel>
#include <QFuture>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

namespace Blackbird {

struct TimelineFilter
{
    static constexpr quint8 AllLevels = 0x0f;
    static constexpr quint8 AllSources = 0x0f;
    static constexpr quint8 bit(TimelineEntry::Level level) { return quint8(1u << int(level)); }
    static constexpr quint8 bit(TimelineEntry::Source source) { return quint8(1u << int(source)); }
    // Every level from minimum up: Warning gives warnings and errors.
    static quint8 levelsFrom(TimelineEntry::Level minimum);

    quint8 levels = AllLevels;
    quint8 sources = AllSources;
    QString port;       // empty: every port
    QString deviceUuid; // empty: every device
    QString text;       // case-insensitive substring of the line's text; empty: any

    bool acceptsEverything() const;
    bool operator==(const TimelineFilter &other) const = default;
};

struct TimelineExportResult
{
    bool ok = true;
    QString error;
    qsizetype lines = 0;
};

class TimelineStore : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype DefaultCapacity = 1'000'000;
    static constexpr int DefaultBatchIntervalMs = 50;
    static constexpr qsizetype MaxLineBytes = 16 * 1024; // longer lines are cut, with an ellipsis

    explicit TimelineStore(QObject *parent = nullptr);
    ~TimelineStore() override;

    // How many lines are kept; the oldest go first. Lowering it drops lines at the next commit.
    void setCapacity(qsizetype lines);
    qsizetype capacity() const { return m_capacity; }
    // How often queued lines are committed; 0 commits at the next turn of the event loop.
    void setBatchInterval(int milliseconds);

    // Committed lines are numbered by a sequence that never restarts (not even after clear()).
    quint64 firstSequence() const { return m_firstSeq; }
    quint64 endSequence() const { return m_firstSeq + quint64(m_count); }
    qsizetype size() const { return m_count; }
    qsizetype pendingCount() const { return qsizetype(m_pending.size()); }
    // Lines dropped for capacity since the store was made.
    quint64 evictedCount() const { return m_evicted; }
    bool contains(quint64 seq) const { return seq >= m_firstSeq && seq < endSequence(); }

    TimelineEntry entry(quint64 seq) const;
    QString text(quint64 seq) const;
    QString port(quint64 seq) const;
    QString deviceUuid(quint64 seq) const;
    TimelineEntry::Level level(quint64 seq) const;
    TimelineEntry::Source source(quint64 seq) const;
    QDateTime stationTime(quint64 seq) const;
    QDateTime deviceTime(quint64 seq) const; // invalid when the line has none
    QStringList ports() const { return m_portNames; }

    // The sequence numbers in [from, to) of committed lines the filter accepts, appended to out.
    void select(const TimelineFilter &filter, quint64 from, quint64 to,
                std::vector<quint64> &out) const;
    // One line as the export writes it: station time, device time (or "-"), level, source, port,
    // device uuid (or "-"), text, separated by tabs, both times in ISO 8601 UTC with milliseconds.
    QString formatLine(quint64 seq) const;
    // Writes the committed lines the filter accepts to a UTF-8 text file. The lines are chosen
    // here; formatting and writing happen on a worker thread.
    QFuture<TimelineExportResult> exportTo(const QString &path, const TimelineFilter &filter = {});

    // Approximate bytes held by the committed and queued lines (records plus text chunks).
    qsizetype memoryUsage() const;

public Q_SLOTS:
    void append(const Blackbird::TimelineEntry &entry);
    void appendBatch(const QList<Blackbird::TimelineEntry> &entries);
    // Commits the queued lines now instead of at the next batch.
    void flush();
    void clear();

Q_SIGNALS:
    // Lines [first, end) were committed.
    void linesAppended(quint64 first, quint64 end);
    // Lines before newFirst are about to be dropped; they are still readable during the signal.
    void linesEvicting(quint64 newFirst);
    void cleared();

private:
    // One committed line; the text lives in a chunk of the arena.
    struct Line
    {
        qint64 stationMs;
        qint64 deviceMs; // NoDeviceTime when the line has none
        quint32 chunk;   // absolute chunk number of the text
        quint32 offset;
        quint32 uuid;
        quint16 port;
        quint16 length;
        quint8 source;
        quint8 level;
    };
    struct Chunk;
    struct Prepared;

    const Line &line(quint64 seq) const;
    QByteArrayView textBytes(const Line &line) const;
    bool matches(const Line &line, const Prepared &prepared) const;
    static QString formatRecord(const Line &line, QByteArrayView text, const QStringList &ports,
                                const QStringList &uuids);
    static bool containsRun(QByteArrayView hay, const Prepared &prepared);
    quint32 storeText(const QString &text, quint32 *offset, quint16 *length);
    quint16 internPort(const QString &port);
    quint32 internUuid(const QString &uuid);
    void evictTo(qsizetype keep);
    void releaseChunks();
    void growRing(qsizetype needed);

    std::vector<Line> m_ring; // committed lines, oldest at m_head
    qsizetype m_head = 0;
    qsizetype m_count = 0;
    quint64 m_firstSeq = 0;
    quint64 m_evicted = 0;
    std::vector<Line> m_pending;
    // The text arena, oldest first; shared with exports running on a worker thread.
    std::vector<std::shared_ptr<Chunk>> m_chunks;
    quint32 m_firstChunk = 0; // absolute number of m_chunks.front()
    QStringList m_portNames;
    QHash<QString, quint16> m_portIds;
    QStringList m_uuidNames;
    QHash<QString, quint32> m_uuidIds;
    qsizetype m_capacity = DefaultCapacity;
    QTimer m_batch;
};

class TimelineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        StationTimeColumn,
        DeviceTimeColumn,
        LevelColumn,
        SourceColumn,
        PortColumn,
        TextColumn,
        ColumnCount
    };
    enum Role {
        SequenceRole = Qt::UserRole + 1, // quint64
        LevelRole,                       // int of TimelineEntry::Level
        SourceRole,                      // int of TimelineEntry::Source
        StationTimeRole,                 // QDateTime (UTC)
        DeviceTimeRole,                  // QDateTime, invalid when none
        PortRole,
        DeviceUuidRole,
    };

    explicit TimelineModel(TimelineStore *store, QObject *parent = nullptr);

    TimelineStore *store() const { return m_store; }
    const TimelineFilter &filter() const { return m_filter; }
    // Rebuilds the rows for the new filter at once (one model reset).
    void setFilter(const TimelineFilter &filter);
    quint64 sequenceAt(int row) const;
    // The row showing seq, or -1 when the filter hides it or it was dropped.
    int rowOf(quint64 seq) const;

    static QString levelLabel(TimelineEntry::Level level);
    static QString sourceLabel(TimelineEntry::Source source);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void onAppended(quint64 first, quint64 end);
    void onEvicting(quint64 newFirst);
    void onCleared();
    void rebuild();

    TimelineStore *m_store;
    TimelineFilter m_filter;
    bool m_all = true;      // the filter accepts everything: rows map straight to sequences
    quint64 m_allFirst = 0; // in that case, the rows are [m_allFirst, m_allEnd)
    quint64 m_allEnd = 0;
    std::vector<quint64> m_rows; // otherwise, the sequences shown, from m_rowsHead on
    size_t m_rowsHead = 0;
};

} // namespace Blackbird

Q_DECLARE_METATYPE(Blackbird::TimelineExportResult)
