// A table model of the candidate ports a PortWatcher reports, for views in the station window.
// Rows follow the watcher live: inserted and removed one by one, never reset under a selection.
#pragma once

#include "portinfo.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace Blackbird {

class PortWatcher;

class PortListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        PathColumn,
        DeviceColumn,
        DescriptionColumn,
        SerialNumberColumn,
        UsbIdColumn,
        SourceColumn,
        ColumnCount
    };
    enum Role { PathRole = Qt::UserRole + 1, SerialNumberRole };

    explicit PortListModel(QObject *parent = nullptr);

    void setWatcher(PortWatcher *watcher);
    PortWatcher *watcher() const { return m_watcher; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    PortInfo port(int row) const { return m_ports.value(row); }
    // The row of the port opened at path, or -1.
    int rowOf(const QString &path) const;

private:
    void addPort(const PortInfo &port);
    void removePort(const PortInfo &port);
    void changePort(const PortInfo &port);

    QPointer<PortWatcher> m_watcher;
    QList<PortInfo> m_ports;
};

} // namespace Blackbird
