// The bar above the device board: which batch, operator and station this is, how many devices
// passed, failed, are running or were skipped, the rate in devices per hour, start and stop for
// all devices, and the alert banner. A failed device raises the banner (and beeps) until the
// technician dismisses it; both can be turned off in the View menu.
#pragma once

#include "pipeline/pipelineconfig.h"
#include "pipeline/provisioningtypes.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

class QAction;
class QLabel;
class QToolButton;

namespace Blackbird {

class ProvisioningStation;

class BatchBar : public QWidget
{
    Q_OBJECT

public:
    explicit BatchBar(QWidget *parent = nullptr);

    void setStation(ProvisioningStation *station);
    // The board's "start all" and "stop all", shown as big buttons here too.
    void setActions(QAction *startAll, QAction *stopAll);

    void setBatch(const BatchContext &batch);
    void setCounters(const BatchCounters &counters);
    // Shown in the banner's colour when the station works in a field-service mode.
    void setMode(ServiceMode mode, const QString &reason);

    bool soundEnabled() const { return m_sound; }
    void setSoundEnabled(bool enabled) { m_sound = enabled; }
    bool bannerEnabled() const { return m_bannerOn; }
    void setBannerEnabled(bool enabled);

    // Raises the alert banner with this text (and beeps when sound is on). A banner raised for
    // failed devices goes by itself once each of them passed (a retry, say).
    void alert(const QString &text);
    void dismissAlert();
    bool isAlertShown() const;
    QString alertText() const;
    int beepCount() const { return m_beeps; }

    static QString countersText(const BatchCounters &counters);

Q_SIGNALS:
    void alertRaised(const QString &text);

private:
    void onDeviceFinished(const DeviceSnapshot &snapshot);
    void onStartsBlocked(bool blocked, const QString &reason);

    QPointer<ProvisioningStation> m_station;
    QLabel *m_batch;
    QLabel *m_counts;
    QLabel *m_rate;
    QLabel *m_mode;
    QToolButton *m_startAll;
    QToolButton *m_stopAll;
    QWidget *m_banner;
    QLabel *m_bannerText;
    QToolButton *m_dismiss;
    QWidget *m_blocked;
    QLabel *m_blockedText;
    bool m_sound = true;
    bool m_bannerOn = true;
    int m_failuresSinceDismiss = 0;
    QSet<QString> m_failedPorts; // the ports the banner speaks of, until they pass
    int m_beeps = 0;
};

} // namespace Blackbird
