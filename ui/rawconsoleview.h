// The raw serial console of one port, for a field engineer: every byte received from the device
// and sent to it, in order, as text (controls and bytes that are not UTF-8 shown as escapes) or
// as a hex dump with offsets. RawConsoleModel keeps a bounded ring of the port's traffic (the
// oldest bytes go first); RawConsoleView shows one model and switches between the two forms.
#pragma once

#include <QAbstractTableModel>
#include <QByteArray>
#include <QDateTime>
#include <QWidget>

#include <deque>
#include <vector>

class QLabel;
class QTableView;
class QToolButton;

namespace Blackbird {

class RawConsoleModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Direction : quint8 { Received, Sent };
    enum class Mode : quint8 { Text, Hex };
    enum Column { TimeColumn, DirectionColumn, OffsetColumn, HexColumn, AsciiColumn };
    static constexpr int TextColumn = 2;        // in text mode, the bytes are the third column
    static constexpr int MaxTextRowBytes = 256; // a longer line is continued on the next row
    static constexpr int HexRowBytes = 16;

    explicit RawConsoleModel(const QString &port = {}, QObject *parent = nullptr);

    QString port() const { return m_port; }
    // How many bytes are kept, both directions together; 1 MiB unless set.
    void setCapacity(qsizetype bytes);
    qsizetype capacity() const { return m_capacity; }
    qsizetype byteCount() const { return m_bytes; }
    quint64 droppedBytes() const { return m_dropped; }

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);

    // A row's bytes as they were, for copying.
    QByteArray rowBytes(int row) const;
    Direction rowDirection(int row) const;
    // A row as the view writes it when copying: time, direction and text or hex.
    QString rowText(int row) const;

    // Bytes as one would read them: printable text kept, UTF-8 decoded, everything else escaped
    // (\r, \n, \t, \e, \xHH).
    static QString escapeBytes(QByteArrayView bytes);
    static QString hexBytes(QByteArrayView bytes);
    static QString asciiBytes(QByteArrayView bytes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void append(Blackbird::RawConsoleModel::Direction direction, const QByteArray &bytes,
                const QDateTime &when = {});
    void clear();

private:
    struct Chunk
    {
        qint64 ms; // when its first bytes arrived
        Direction direction;
        quint64 streamOffset; // bytes of this direction before the chunk
        QByteArray bytes;
    };
    struct Row
    {
        quint64 chunk; // absolute chunk number
        quint32 begin;
        quint32 length;
    };

    const Chunk &chunkOf(const Row &row) const;
    void splitRows(quint64 chunk, quint32 from, std::vector<Row> &out) const;
    bool isOpen(const Row &row) const;
    void rebuildRows();
    void evict();
    const Row &row(int index) const { return m_rows[m_rowsHead + size_t(index)]; }

    QString m_port;
    Mode m_mode = Mode::Text;
    std::deque<Chunk> m_chunks;
    quint64 m_firstChunk = 0; // absolute number of m_chunks.front()
    std::vector<Row> m_rows;
    size_t m_rowsHead = 0;
    qsizetype m_bytes = 0;
    qsizetype m_capacity = 1024 * 1024;
    quint64 m_dropped = 0;
    quint64 m_streamBytes[2] = {0, 0};
};

class RawConsoleView : public QWidget
{
    Q_OBJECT

public:
    explicit RawConsoleView(QWidget *parent = nullptr);

    // The view does not own the model; nullptr shows nothing.
    void setModel(RawConsoleModel *model);
    RawConsoleModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

    void setMode(RawConsoleModel::Mode mode);
    QString selectedText() const;
    void copySelection();

private:
    void updateColumns();
    void updateStatus();

    RawConsoleModel *m_model = nullptr;
    QTableView *m_table;
    QLabel *m_title;
    QToolButton *m_text;
    QToolButton *m_hex;
    QToolButton *m_clear;
    QToolButton *m_copy;
    QLabel *m_status;
    bool m_following = true;
};

} // namespace Blackbird
