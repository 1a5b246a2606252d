// A real pseudo-terminal pair for tests: the slave end is a character device under /dev/pts
// that QSerialPort opens like any serial port; the test holds the master end.
#pragma once

#include <QByteArray>
#include <QString>

namespace Blackbird::Test {

class PseudoTerminal
{
public:
    PseudoTerminal();
    ~PseudoTerminal();
    PseudoTerminal(const PseudoTerminal &) = delete;
    PseudoTerminal &operator=(const PseudoTerminal &) = delete;

    bool isOpen() const { return m_master >= 0; }
    QString errorString() const { return m_error; }
    // The slave's device node, e.g. /dev/pts/7.
    QString slavePath() const { return m_slavePath; }
    int masterFd() const { return m_master; }

    // Writes all bytes to the master end (what the "device" sends).
    bool write(const QByteArray &bytes);
    // Reads what is available on the master end within timeoutMs.
    QByteArray read(int timeoutMs);
    void close();

private:
    int m_master = -1;
    int m_slave = -1;
    QString m_slavePath;
    QString m_error;
};

} // namespace Blackbird::Test
