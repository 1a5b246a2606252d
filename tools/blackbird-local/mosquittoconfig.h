// Writes the configuration file of the stack's Mosquitto broker: one TLS listener on loopback
// that requires client certificates signed by the stack's CAs, no persistence, and the
// fleet-provisioning plugin with its options when the plugin is built.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace Blackbird::Local {

class MosquittoConfig
{
public:
    quint16 port = 0;
    QString clientsCaFile;   // cafile: which client certificates the broker accepts
    QString certificateFile; // the broker's TLS server certificate
    QString keyFile;         // and its key
    QString runAsUser;       // "user": the account a broker started as root switches to
    QString pluginPath;      // empty: no plugin

    // Adds "plugin_opt_<name> <value>" under the plugin line. Names are letters, digits and '_';
    // values must be single-line.
    void addPluginOption(const QString &name, const QString &value);
    const QList<std::pair<QString, QString>> &pluginOptions() const { return m_pluginOptions; }

    // The file's text; empty with error set when an option cannot be written safely.
    QByteArray render(QString *error) const;

private:
    QList<std::pair<QString, QString>> m_pluginOptions;
};

} // namespace Blackbird::Local
