// One simulated Blackbird device: the firmware's side of the serial protocol v1
// (docs/serial-protocol.md) on a paced pseudo-terminal, with its console output, its storage and
// the faults it was told to show.
#pragma once

#include "devicestorage.h"
#include "faultplan.h"
#include "protocol/frame.h"
#include "protocol/frameparser.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

namespace Blackbird::Sim {

class PtyLink;

struct DeviceSettings
{
    QString linkPath;    // e.g. DIR/dev-000
    QString stateFolder; // e.g. STATE/dev-000
    QString deviceType;
    QString firmware;
    int baud = 115200;
    int consoleIntervalMs = 2000;
    int maxPayload = 1024;
    int window = 8;
    quint32 seed = 0;
};

class SimulatedDevice : public QObject
{
    Q_OBJECT

public:
    // The largest claim bundle the device's storage takes.
    static constexpr int kMaxBundleSize = 16384;

    SimulatedDevice(int index, DeviceSettings settings, QObject *parent = nullptr);
    ~SimulatedDevice() override;

    // Loads or creates the identity, opens the pseudo-terminal and boots.
    bool start(QString *error);
    void stop();

    int index() const { return m_index; }
    QString linkPath() const;
    DeviceStorage &storage() { return m_storage; }
    const FaultPlan &faults() const { return m_faults; }
    // Replaces the faults. The one-shot drop-at is armed again only when rearmDrop is set, so
    // that changing another fault does not bring back a drop that already fired.
    void setFaults(const FaultPlan &faults, bool rearmDrop = true);
    PtyLink *link() const { return m_link; }

    // A power cycle: queued bytes and the session are lost, the banner is printed again.
    void reboot();
    // Pulls the cable now, as the drop-at fault does at its step.
    bool dropLink(QString *error);

    // Sends an unsolicited EVENT frame {"event": name, "device_time": now, ...fields}.
    void sendEvent(const QString &name, const QJsonObject &fields = {});
    // Answers command seq with its success reply, or with an ERROR frame. Replies are delayed
    // by the slow-ms fault; a reset in between loses them, as it would on a real device.
    void replyOk(FrameType command, quint16 seq, const QJsonObject &payload);
    void replyError(quint16 seq, const QString &code, const QString &message);

signals:
    // The link moved to a new path (drop-mode reenumerate) or was recreated in place.
    void linkChanged(int index, const QString &path);
    // The simulated reset crash-before-rename asks the process to die right now.
    void crashRequested(int index);

private:
    // The last command executed and its reply, to answer a retry without running it again.
    struct LastCommand
    {
        bool valid = false;
        quint8 type = 0;
        quint16 seq = 0;
        Frame reply;
    };

    struct Transfer
    {
        bool active = false;
        qsizetype size = 0;
        QByteArray sha256Hex;
        QByteArray bytes; // holds the claim private key: wiped when the transfer ends
    };

    void boot();
    void printConsole(const QByteArray &line);
    void onConsoleTick();
    void onReceived(const QByteArray &bytes);
    void onAbandonTimeout();
    void handleItems(const QList<FrameParser::Item> &items);
    void handleFrame(const Frame &frame);
    bool readJson(const Frame &frame, QJsonObject *object);
    void sendFrame(const Frame &frame);
    // Arms the drop-at fault when command is its step: the reply to it is replaced by a drop.
    bool armDrop(quint8 command);
    void sendReply(const Frame &frame);
    void endTransfer();
    QString uptimeText() const;

    void handleHello(const Frame &frame);
    void handleGetPublicKey(const Frame &frame);
    void handleTransferBegin(const Frame &frame);
    void handleTransferData(const Frame &frame);
    void handleTransferCommit(const Frame &frame);
    void handleTransferAbort(const Frame &frame);
    void handleStatus(const Frame &frame);
    void handleClaimErase(const Frame &frame);
    void handleReboot(const Frame &frame);

    // Fleet-provisioning seam: PROVISION_START lands here and nowhere else, and is handed to
    // FleetHandshake (fleethandshake.h). The handshake finds everything it needs on this class:
    // storage().readClaimBundle() for the claim certificate, key and endpoint settings;
    // storage().signingKey().sign(token) for the ownership token's signature;
    // storage().storeDeviceCredentials() and markProvisioned() to keep the permanent
    // credentials atomically; sendEvent() for each step; replyOk() or replyError() to answer
    // the command itself.
    void startFleetProvisioning(quint16 seq, const QJsonObject &request);

    int m_index;
    DeviceSettings m_settings;
    DeviceStorage m_storage;
    FaultPlan m_faults;
    bool m_dropArmed = false;
    bool m_dropPending = false;
    int m_reenumerations = 0;
    PtyLink *m_link = nullptr;
    FrameParser m_parser;
    bool m_helloDone = false;
    // Bumped by every reset so that replies delayed by slow-ms die with the session they belong to.
    quint64 m_generation = 0;
    quint16 m_eventSeq = 0;
    Transfer m_transfer;
    LastCommand m_current;
    LastCommand m_lastCommand;
    QTimer m_abandonTimer;
    QElapsedTimer m_uptime;
    QTimer m_consoleTimer;
    QTimer m_rebootTimer;
    int m_consoleCount = 0;
};

} // namespace Blackbird::Sim
