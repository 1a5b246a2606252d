// The live list of candidate device ports. Scans on a worker thread at a fixed interval (250 ms
// by default, so a port that appears or goes is noticed well within a second) and reports the
// difference between two scans as added and removed ports.
#pragma once

#include "portinfo.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace Blackbird {

class PortWatcher : public QObject
{
    Q_OBJECT

public:
    explicit PortWatcher(QObject *parent = nullptr);
    ~PortWatcher() override;

    void setFilter(const PortFilter &filter);
    PortFilter filter() const { return m_filter; }

    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const { return m_timer.intervalAsDuration(); }

    // Starts scanning; the first scan begins at once.
    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }

    // The ports as of the last completed scan, sorted by path.
    QList<PortInfo> ports() const { return m_ports; }
    // True once the first scan after start() or setFilter() has completed.
    bool hasScanned() const { return m_scanned; }

public Q_SLOTS:
    // Scans now (asynchronously) unless a scan is already running.
    void rescan();

Q_SIGNALS:
    void portAdded(const Blackbird::PortInfo &port);
    void portRemoved(const Blackbird::PortInfo &port);
    // A port stayed but its details changed (a USB adapter re-plugged at the same path).
    void portChanged(const Blackbird::PortInfo &port);
    void scanned();

private:
    void applyScan(const QList<PortInfo> &found);

    PortFilter m_filter;
    QList<PortInfo> m_ports;
    QTimer m_timer;
    QFutureWatcher<QList<PortInfo>> m_scan;
    bool m_scanned = false;
    // A filter change during a scan makes that scan's result stale.
    bool m_discardRunningScan = false;
};

} // namespace Blackbird
