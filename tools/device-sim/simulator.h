// The simulator process: N devices, their links folder and state folder, the control channel and
// the one "ready" line a test or a demo script waits for on standard output.
#pragma once

#include "simoptions.h"

#include <QList>
#include <QObject>

namespace Blackbird::Sim {

class SimulatedDevice;

class Simulator : public QObject
{
    Q_OBJECT

public:
    explicit Simulator(SimOptions options, QObject *parent = nullptr);
    ~Simulator() override;

    // Starts every device, then prints one "device: ..." line each and "ready: N devices in DIR".
    bool start(QString *error);
    // Stops the devices and removes their links.
    void stop();

    QList<SimulatedDevice *> devices() const { return m_devices; }
    // Carries out one control command and returns its one-line answer ("ok ..." or "error: ...").
    QString execute(const QString &command);

signals:
    void quitRequested();

private:
    void removeDanglingLinks();
    QString show(SimulatedDevice *device) const;
    static void say(const QString &line);

    SimOptions m_options;
    QList<SimulatedDevice *> m_devices;
};

} // namespace Blackbird::Sim
