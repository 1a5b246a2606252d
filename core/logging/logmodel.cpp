#include "logmodel.h"

#include <QLocale>

using namespace std::chrono_literals;

namespace Blackbird {

LogModel::LogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_batch.setSingleShot(true);
    m_batch.setInterval(50ms);
    connect(&m_batch, &QTimer::timeout, this, &LogModel::flush);
}

void LogModel::setCapacity(int capacity)
{
    m_capacity = qMax(1, capacity);
    trim();
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogModel::levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return tr("Debug");
    case QtInfoMsg:
        return tr("Info");
    case QtWarningMsg:
        return tr("Warning");
    case QtCriticalMsg:
        return tr("Error");
    case QtFatalMsg:
        return tr("Fatal");
    }
    return {};
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogRecord &entry = m_records.at(size_t(index.row()));
    if (role == TypeRole)
        return int(entry.type);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};

    switch (index.column()) {
    case TimeColumn:
        return entry.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case LevelColumn:
        return levelName(entry.type);
    case CategoryColumn:
        return entry.category;
    case MessageColumn:
        return entry.message;
    default:
        return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case CategoryColumn:
        return tr("Area");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

void LogModel::append(const LogRecord &record)
{
    m_pending.append(record);
    if (!m_batch.isActive())
        m_batch.start();
}

void LogModel::flush()
{
    m_batch.stop();
    if (m_pending.isEmpty())
        return;

    // Only the newest capacity records can survive the trim; skip inserting the rest.
    const qsizetype keep = qMin<qsizetype>(m_pending.size(), m_capacity);
    const auto first = m_pending.cend() - keep;
    const int row = int(m_records.size());
    beginInsertRows({}, row, row + int(keep) - 1);
    m_records.insert(m_records.end(), first, m_pending.cend());
    endInsertRows();
    m_pending.clear();
    trim();
}

void LogModel::clear()
{
    beginResetModel();
    m_records.clear();
    m_pending.clear();
    endResetModel();
}

void LogModel::trim()
{
    const int excess = int(m_records.size()) - m_capacity;
    if (excess <= 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    m_records.erase(m_records.begin(), m_records.begin() + excess);
    endRemoveRows();
}

} // namespace Blackbird
