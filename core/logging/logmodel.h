// The recent log messages of the station as a list model: bounded (oldest dropped first), and
// fed in batches so a burst of messages costs one view update, not one per line.
#pragma once

#include "logrecord.h"

#include <QAbstractTableModel>
#include <QList>
#include <QTimer>

#include <deque>

namespace Blackbird {

class LogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, LevelColumn, CategoryColumn, MessageColumn, ColumnCount };
    enum Role { TypeRole = Qt::UserRole + 1 };

    explicit LogModel(QObject *parent = nullptr);

    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const LogRecord &record(int row) const { return m_records.at(size_t(row)); }
    static QString levelName(QtMsgType type);

public Q_SLOTS:
    void append(const Blackbird::LogRecord &record);
    // Moves pending records into the model now instead of at the next batch.
    void flush();
    void clear();

private:
    void trim();

    std::deque<LogRecord> m_records;
    QList<LogRecord> m_pending;
    QTimer m_batch;
    int m_capacity = 20000;
};

} // namespace Blackbird
