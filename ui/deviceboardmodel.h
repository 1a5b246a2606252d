// The device board's rows: one per port the station knows, fed by the station's DeviceSnapshots.
// Each row says where its device stands in words a technician reads from a metre away (the step,
// the outcome with its reason), with an icon and a colour that repeat the words, never replace
// them. Elapsed time and the claim and ownership-token countdowns tick once a second.
#pragma once

#include "pipeline/provisioningtypes.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QPointer>
#include <QTimer>

#include <vector>

namespace Blackbird {

class ProvisioningStation;

class DeviceBoardModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        PortColumn,
        OutcomeColumn,
        StepColumn,
        ElapsedColumn,
        DeviceColumn,
        TypeColumn,
        FirmwareColumn,
        UsbSerialColumn,
        ClaimExpiryColumn,
        TokenExpiryColumn,
        ColumnCount
    };
    enum Role {
        StateRole = Qt::UserRole + 1, // DeviceState as int
        ProgressRole,                 // 0..1 across all steps of the attempt
        PortRole,                     // the row's port
    };

    explicit DeviceBoardModel(QObject *parent = nullptr);

    // Follows the station's ports and snapshots (null detaches). The station must outlive the
    // model or be destroyed first (the model notices).
    void setStation(ProvisioningStation *station);
    ProvisioningStation *station() const;

    int rowOf(const QString &port) const; // -1 when unknown
    DeviceSnapshot snapshot(int row) const { return m_rows.at(size_t(row)); }
    QStringList ports() const;

    // The words of a snapshot, as the board shows them.
    static QString outcomeText(const DeviceSnapshot &snapshot);
    static QString stepText(const DeviceSnapshot &snapshot);
    static QString stepLabel(ProvisioningStep step);
    static QString modeLabel(ServiceMode mode);
    static QIcon stateIcon(DeviceState state);
    // The whole attempt's progress, 0..1 (finished attempts are 1).
    static double overallProgress(const DeviceSnapshot &snapshot);
    // "m:ss" or "h:mm:ss".
    static QString durationText(qint64 seconds);
    // "48:12 left", "expired 0:12 ago" or empty when not known or no longer relevant.
    static QString countdownText(const DeviceSnapshot &snapshot, const QDateTime &expiry,
                                 const QDateTime &now);
    static QString elapsedText(const DeviceSnapshot &snapshot, const QDateTime &now);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    // Adds the port's row or refreshes it.
    void updateSnapshot(const Blackbird::DeviceSnapshot &snapshot);
    void addPort(const QString &port);
    void removePort(const QString &port);
    void clear();

private:
    void tick();
    void reload();
    static QIcon makeStateIcon(DeviceState state);

    QPointer<ProvisioningStation> m_station;
    QList<QMetaObject::Connection> m_connections;
    std::vector<DeviceSnapshot> m_rows; // sorted by port
    QTimer m_ticker;
};

} // namespace Blackbird
