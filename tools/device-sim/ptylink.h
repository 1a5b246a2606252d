// One simulated UART cable: a pseudo-terminal whose slave side the station opens through a stable
// symbolic link, paced in both directions at the configured baud rate the way a real UART is.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QRandomGenerator>
#include <QString>
#include <QTimer>

class QSocketNotifier;

namespace Blackbird::Sim {

class PtyLink : public QObject
{
    Q_OBJECT

public:
    // baud 0 turns pacing off (bytes move as fast as the kernel takes them).
    PtyLink(QString linkPath, int baud, QObject *parent = nullptr);
    ~PtyLink() override;

    // Creates the pseudo-terminal and points the link at its slave.
    bool open(QString *error);
    // Closes the pseudo-terminal and removes the link (only if it still points at our slave).
    void close();
    // Emulates pulling the cable: the station's open port hangs up, and a fresh pseudo-terminal
    // appears under newLinkPath, which may be the old link's path or a new one (a USB
    // re-enumeration under another name).
    bool reconnect(const QString &newLinkPath, QString *error);

    QString linkPath() const { return m_linkPath; }
    QString slavePath() const { return m_slavePath; }
    bool isOpen() const { return m_master >= 0; }
    // True while some process (the station) holds the slave side open.
    bool isStationAttached() const { return m_attached; }
    int baud() const { return m_baud; }

    // Queues bytes for the wire to the station. Pass a whole frame or a whole console line per
    // call so that a frame is never split by other output.
    void send(QByteArrayView bytes);
    // Forgets what is queued in both directions but not yet on the wire: a device reset.
    void discardPending();
    qsizetype pendingToStation() const { return m_txQueue.size(); }

    // Flips one random bit in a byte with probability rate, per byte, in the chosen directions.
    void setCorruption(double rate, bool toStation, bool toDevice);
    void setRandomSeed(quint32 seed) { m_rng.seed(seed); }
    quint64 corruptedToStation() const { return m_corruptedToStation; }
    quint64 corruptedToDevice() const { return m_corruptedToDevice; }
    // Bytes that went nowhere: nobody had the port open, or the station did not read them.
    quint64 droppedToStation() const { return m_droppedToStation; }

signals:
    // Bytes from the station, delivered at line rate.
    void received(const QByteArray &bytes);
    void stationAttached();
    void stationDetached();

private:
    bool createPty(QString *error);
    bool pointLinkAtSlave(QString *error);
    void closeMaster();
    void removeLinkIfOurs();
    void onMasterReadable();
    void onAttachPoll();
    void markDetached();
    void onPacerTick();
    void startPacer();
    qsizetype dueBytes(qint64 &freeAtNs, qsizetype queued, qint64 nowNs) const;
    void corrupt(QByteArray &bytes, bool toStation);
    void writeToMaster(const QByteArray &bytes);
    void deliver(QByteArray bytes);

    QString m_linkPath;
    QString m_slavePath;
    int m_baud = 0;
    qint64 m_byteNs = 0;
    int m_master = -1;
    // Counts pseudo-terminals made, so that a read loop notices when its one was replaced.
    quint64 m_generation = 0;
    bool m_attached = false;
    QSocketNotifier *m_readNotifier = nullptr;
    QTimer m_attachPoll;
    QTimer m_pacer;
    QElapsedTimer m_clock;
    QByteArray m_txQueue;
    QByteArray m_rxQueue;
    qint64 m_txFreeAtNs = 0;
    qint64 m_rxFreeAtNs = 0;
    double m_corruptRate = 0.0;
    bool m_corruptToStation = false;
    bool m_corruptToDevice = false;
    QRandomGenerator m_rng;
    quint64 m_corruptedToStation = 0;
    quint64 m_corruptedToDevice = 0;
    quint64 m_droppedToStation = 0;
};

} // namespace Blackbird::Sim
