#include "portlistmodel.h"

#include "portwatcher.h"

#include <algorithm>

namespace Blackbird {

PortListModel::PortListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PortListModel::setWatcher(PortWatcher *watcher)
{
    if (m_watcher)
        disconnect(m_watcher, nullptr, this, nullptr);

    beginResetModel();
    m_watcher = watcher;
    m_ports = watcher ? watcher->ports() : QList<PortInfo>();
    endResetModel();

    if (!watcher)
        return;
    connect(watcher, &PortWatcher::portAdded, this, &PortListModel::addPort);
    connect(watcher, &PortWatcher::portRemoved, this, &PortListModel::removePort);
    connect(watcher, &PortWatcher::portChanged, this, &PortListModel::changePort);
}

int PortListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ports.size());
}

int PortListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PortListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PortInfo &port = m_ports.at(index.row());

    switch (role) {
    case PathRole:
        return port.path;
    case SerialNumberRole:
        return port.serialNumber;
    case Qt::ToolTipRole:
        return port.devicePath == port.path ? port.path
                                            : tr("%1 (device %2)").arg(port.path, port.devicePath);
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (index.column()) {
    case PathColumn:
        return port.path;
    case DeviceColumn:
        return port.devicePath;
    case DescriptionColumn:
        return port.description;
    case SerialNumberColumn:
        return port.serialNumber;
    case UsbIdColumn:
        return port.usbIdText();
    case SourceColumn:
        return port.source == PortInfo::Source::Pattern ? tr("Pattern") : tr("System");
    default:
        return {};
    }
}

QVariant PortListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn:
        return tr("Port");
    case DeviceColumn:
        return tr("Device node");
    case DescriptionColumn:
        return tr("Description");
    case SerialNumberColumn:
        return tr("USB serial number");
    case UsbIdColumn:
        return tr("USB id");
    case SourceColumn:
        return tr("Found by");
    default:
        return {};
    }
}

int PortListModel::rowOf(const QString &path) const
{
    const auto it = std::find_if(m_ports.cbegin(), m_ports.cend(),
                                 [&](const PortInfo &p) { return p.path == path; });
    return it == m_ports.cend() ? -1 : int(it - m_ports.cbegin());
}

void PortListModel::addPort(const PortInfo &port)
{
    // Keep rows sorted by path, as the watcher reports them.
    const auto it =
        std::lower_bound(m_ports.cbegin(), m_ports.cend(), port,
                         [](const PortInfo &a, const PortInfo &b) { return a.path < b.path; });
    const int row = int(it - m_ports.cbegin());
    beginInsertRows({}, row, row);
    m_ports.insert(row, port);
    endInsertRows();
}

void PortListModel::removePort(const PortInfo &port)
{
    const int row = rowOf(port.path);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_ports.removeAt(row);
    endRemoveRows();
}

void PortListModel::changePort(const PortInfo &port)
{
    const int row = rowOf(port.path);
    if (row < 0)
        return;
    m_ports[row] = port;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace Blackbird
