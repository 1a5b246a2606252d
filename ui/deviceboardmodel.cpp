#include "deviceboardmodel.h"

#include "pipeline/provisioningstation.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QFont>
#include <QStyle>

#include <algorithm>
#include <climits>

namespace Blackbird {

namespace {

constexpr int kStepCount = int(ProvisioningStep::Record) + 1;

bool lessByPort(const DeviceSnapshot &snapshot, const QString &port)
{
    return snapshot.port < port;
}

// Pale backgrounds with dark text keep their contrast in a light and in a dark palette.
QColor stateBackground(DeviceState state)
{
    switch (state) {
    case DeviceState::Passed:
        return QColor(0xc8, 0xf0, 0xd0);
    case DeviceState::Failed:
        return QColor(0xff, 0xc9, 0xc9);
    case DeviceState::Skipped:
        return QColor(0xd9, 0xe4, 0xf2);
    case DeviceState::Cancelled:
        return QColor(0xe4, 0xe4, 0xe4);
    case DeviceState::Running:
        return QColor(0xff, 0xf1, 0xc2);
    case DeviceState::Idle:
        break;
    }
    return {};
}

} // namespace

DeviceBoardModel::DeviceBoardModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &DeviceBoardModel::tick);
    m_ticker.start();
}

void DeviceBoardModel::setStation(ProvisioningStation *station)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_station = station;
    if (station) {
        m_connections << connect(station, &ProvisioningStation::snapshotChanged, this,
                                 &DeviceBoardModel::updateSnapshot)
                      << connect(station, &ProvisioningStation::portAdded, this,
                                 &DeviceBoardModel::addPort)
                      << connect(station, &ProvisioningStation::portRemoved, this,
                                 &DeviceBoardModel::removePort)
                      << connect(station, &QObject::destroyed, this, &DeviceBoardModel::clear);
    }
    reload();
}

ProvisioningStation *DeviceBoardModel::station() const
{
    return m_station;
}

void DeviceBoardModel::reload()
{
    beginResetModel();
    m_rows.clear();
    if (m_station) {
        const QList<DeviceSnapshot> snapshots = m_station->snapshots();
        m_rows.assign(snapshots.begin(), snapshots.end());
        std::sort(m_rows.begin(), m_rows.end(),
                  [](const DeviceSnapshot &a, const DeviceSnapshot &b) { return a.port < b.port; });
    }
    endResetModel();
}

int DeviceBoardModel::rowOf(const QString &port) const
{
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), port, lessByPort);
    if (it == m_rows.end() || it->port != port)
        return -1;
    return int(it - m_rows.begin());
}

QStringList DeviceBoardModel::ports() const
{
    QStringList result;
    result.reserve(qsizetype(m_rows.size()));
    for (const DeviceSnapshot &snapshot : m_rows)
        result << snapshot.port;
    return result;
}

void DeviceBoardModel::updateSnapshot(const DeviceSnapshot &snapshot)
{
    if (snapshot.port.isEmpty())
        return;
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), snapshot.port, lessByPort);
    const int row = int(it - m_rows.begin());
    if (it != m_rows.end() && it->port == snapshot.port) {
        DeviceSnapshot updated = snapshot;
        // The port watcher's USB serial may only be in the first snapshot.
        if (updated.usbSerial.isEmpty())
            updated.usbSerial = it->usbSerial;
        *it = updated;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, row, row);
    m_rows.insert(it, snapshot);
    endInsertRows();
}

void DeviceBoardModel::addPort(const QString &port)
{
    if (rowOf(port) >= 0)
        return;
    DeviceSnapshot snapshot;
    if (m_station)
        snapshot = m_station->snapshot(port);
    snapshot.port = port;
    updateSnapshot(snapshot);
}

void DeviceBoardModel::removePort(const QString &port)
{
    const int row = rowOf(port);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

void DeviceBoardModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void DeviceBoardModel::tick()
{
    if (m_rows.empty())
        return;
    // Only the time columns change; the rest is repainted when a snapshot arrives.
    Q_EMIT dataChanged(index(0, ElapsedColumn), index(rowCount() - 1, ElapsedColumn),
                       {Qt::DisplayRole});
    Q_EMIT dataChanged(index(0, ClaimExpiryColumn), index(rowCount() - 1, TokenExpiryColumn),
                       {Qt::DisplayRole, Qt::ForegroundRole});
}

QString DeviceBoardModel::stepLabel(ProvisioningStep step)
{
    switch (step) {
    case ProvisioningStep::Identify:
        return tr("Identify");
    case ProvisioningStep::Register:
        return tr("Register");
    case ProvisioningStep::Transfer:
        return tr("Transfer claim");
    case ProvisioningStep::Commit:
        return tr("Commit");
    case ProvisioningStep::Provision:
        return tr("Start provisioning");
    case ProvisioningStep::Watch:
        return tr("Fleet handshake");
    case ProvisioningStep::Verify:
        return tr("Verify");
    case ProvisioningStep::Record:
        return tr("Record");
    }
    return {};
}

QString DeviceBoardModel::modeLabel(ServiceMode mode)
{
    switch (mode) {
    case ServiceMode::Production:
        return tr("Production");
    case ServiceMode::Rotate:
        return tr("Rotate");
    case ServiceMode::ReplaceClaim:
        return tr("Replace claim");
    case ServiceMode::EraseClaim:
        return tr("Erase claim");
    }
    return {};
}

QString DeviceBoardModel::outcomeText(const DeviceSnapshot &snapshot)
{
    switch (snapshot.state) {
    case DeviceState::Idle:
        return tr("Waiting to start");
    case DeviceState::Running:
        return tr("Running");
    case DeviceState::Passed:
        return snapshot.mode == ServiceMode::Production
                   ? tr("Passed")
                   : tr("Passed (%1)").arg(modeLabel(snapshot.mode));
    case DeviceState::Failed:
        return snapshot.error.isEmpty() ? tr("Failed at %1").arg(stepLabel(snapshot.step))
                                        : tr("Failed: %1").arg(snapshot.error);
    case DeviceState::Skipped:
        return snapshot.error.isEmpty() ? tr("Skipped: already provisioned")
                                        : tr("Skipped: %1").arg(snapshot.error);
    case DeviceState::Cancelled:
        return snapshot.error.isEmpty() ? tr("Cancelled") : tr("Cancelled: %1").arg(snapshot.error);
    }
    return {};
}

QString DeviceBoardModel::stepText(const DeviceSnapshot &snapshot)
{
    const QString label = tr("%1 (%2 of %3)")
                              .arg(stepLabel(snapshot.step))
                              .arg(int(snapshot.step) + 1)
                              .arg(kStepCount);
    switch (snapshot.state) {
    case DeviceState::Idle:
        return tr("Not started");
    case DeviceState::Running:
        if (snapshot.step == ProvisioningStep::Transfer && snapshot.stepProgress > 0)
            return tr("%1, %2%").arg(label).arg(qRound(snapshot.stepProgress * 100));
        return label;
    case DeviceState::Failed:
        return tr("Stopped at %1").arg(stepLabel(snapshot.step));
    case DeviceState::Passed:
    case DeviceState::Skipped:
        return tr("Done");
    case DeviceState::Cancelled:
        return tr("Stopped at %1").arg(stepLabel(snapshot.step));
    }
    return {};
}

QIcon DeviceBoardModel::stateIcon(DeviceState state)
{
    // Made once: the board asks for them on every repaint.
    static QIcon cache[int(DeviceState::Cancelled) + 1];
    QIcon &icon = cache[int(state)];
    if (icon.isNull())
        icon = makeStateIcon(state);
    return icon;
}

QIcon DeviceBoardModel::makeStateIcon(DeviceState state)
{
    QStyle *style = QApplication::style();
    switch (state) {
    case DeviceState::Idle:
        return style->standardIcon(QStyle::SP_MediaPause);
    case DeviceState::Running:
        return style->standardIcon(QStyle::SP_MediaPlay);
    case DeviceState::Passed:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case DeviceState::Failed:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case DeviceState::Skipped:
        return style->standardIcon(QStyle::SP_MediaSkipForward);
    case DeviceState::Cancelled:
        return style->standardIcon(QStyle::SP_DialogCancelButton);
    }
    return {};
}

double DeviceBoardModel::overallProgress(const DeviceSnapshot &snapshot)
{
    switch (snapshot.state) {
    case DeviceState::Idle:
        return 0.0;
    case DeviceState::Passed:
    case DeviceState::Skipped:
        return 1.0;
    case DeviceState::Running:
    case DeviceState::Failed:
    case DeviceState::Cancelled:
        break;
    }
    const double within = std::clamp(snapshot.stepProgress, 0.0, 1.0);
    return (int(snapshot.step) + within) / kStepCount;
}

QString DeviceBoardModel::durationText(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    const qint64 hours = seconds / 3600;
    const qint64 minutes = (seconds / 60) % 60;
    const qint64 secs = seconds % 60;
    if (hours > 0) {
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(secs, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1:%2").arg(minutes).arg(secs, 2, 10, QLatin1Char('0'));
}

QString DeviceBoardModel::elapsedText(const DeviceSnapshot &snapshot, const QDateTime &now)
{
    if (!snapshot.startedAt.isValid())
        return {};
    const QDateTime end = snapshot.state == DeviceState::Running || !snapshot.finishedAt.isValid()
                              ? now
                              : snapshot.finishedAt;
    return durationText(snapshot.startedAt.secsTo(end));
}

QString DeviceBoardModel::countdownText(const DeviceSnapshot &snapshot, const QDateTime &expiry,
                                        const QDateTime &now)
{
    // Once the device passed, skipped or was cancelled the claim and token no longer matter.
    if (!expiry.isValid() ||
        (snapshot.state != DeviceState::Running && snapshot.state != DeviceState::Failed)) {
        return {};
    }
    // Hours and minutes while they matter (the ownership token's hour); days beyond two, as
    // for a claim certificate valid for years.
    constexpr qint64 kDay = 24 * 3600;
    const qint64 left = now.secsTo(expiry);
    if (left <= -2 * kDay)
        return tr("expired %n days ago", nullptr, int(std::min<qint64>(-left / kDay, INT_MAX)));
    if (left < 0)
        return tr("expired %1 ago").arg(durationText(-left));
    if (left >= 2 * kDay)
        return tr("%n days left", nullptr, int(std::min<qint64>(left / kDay, INT_MAX)));
    return tr("%1 left").arg(durationText(left));
}

int DeviceBoardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeviceBoardModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeviceBoardModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const DeviceSnapshot &s = m_rows[size_t(index.row())];
    switch (role) {
    case StateRole:
        return int(s.state);
    case ProgressRole:
        return overallProgress(s);
    case PortRole:
        return s.port;
    default:
        break;
    }

    const int column = index.column();
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Qt::AccessibleTextRole) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        switch (column) {
        case PortColumn:
            return role == Qt::DisplayRole ? s.port.section(QLatin1Char('/'), -1) : s.port;
        case OutcomeColumn:
            return outcomeText(s);
        case StepColumn:
            return stepText(s);
        case ElapsedColumn:
            return elapsedText(s, now);
        case DeviceColumn:
            return s.deviceUuid;
        case TypeColumn:
            return s.deviceType;
        case FirmwareColumn:
            return s.firmware;
        case UsbSerialColumn:
            return s.usbSerial;
        case ClaimExpiryColumn:
            return countdownText(s, s.claimExpiresAt, now);
        case TokenExpiryColumn:
            return countdownText(s, s.tokenExpiresAt, now);
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && column == OutcomeColumn)
        return stateIcon(s.state);
    if (role == Qt::BackgroundRole && (column == OutcomeColumn || column == PortColumn)) {
        const QColor colour = stateBackground(s.state);
        return colour.isValid() ? QVariant(QBrush(colour)) : QVariant();
    }
    if (role == Qt::ForegroundRole) {
        if ((column == OutcomeColumn || column == PortColumn) && s.state != DeviceState::Idle)
            return QBrush(Qt::black);
        if (column == ClaimExpiryColumn || column == TokenExpiryColumn) {
            const QDateTime expiry =
                column == ClaimExpiryColumn ? s.claimExpiresAt : s.tokenExpiresAt;
            const QDateTime now = QDateTime::currentDateTimeUtc();
            // Under five minutes left is worth a look; an expired one is an error.
            if (expiry.isValid() && now.secsTo(expiry) < 300)
                return QBrush(QColor(0xc0, 0x00, 0x00));
        }
    }
    if (role == Qt::FontRole && column == OutcomeColumn && s.state != DeviceState::Idle) {
        QFont font;
        font.setBold(true);
        return font;
    }
    return {};
}

QVariant DeviceBoardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PortColumn:
        return tr("Port");
    case OutcomeColumn:
        return tr("Outcome");
    case StepColumn:
        return tr("Step");
    case ElapsedColumn:
        return tr("Elapsed");
    case DeviceColumn:
        return tr("Device uuid");
    case TypeColumn:
        return tr("Type");
    case FirmwareColumn:
        return tr("Firmware");
    case UsbSerialColumn:
        return tr("USB serial");
    case ClaimExpiryColumn:
        return tr("Claim certificate");
    case TokenExpiryColumn:
        return tr("Ownership token");
    default:
        return {};
    }
}

} // namespace Blackbird
