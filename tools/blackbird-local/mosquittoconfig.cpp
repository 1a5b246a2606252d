#include "mosquittoconfig.h"

#include <QRegularExpression>

namespace Blackbird::Local {

namespace {

// Mosquitto reads one option per line; a line break in a value would smuggle in another option.
bool isSingleLine(const QString &value)
{
    return !value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r'));
}

} // namespace

void MosquittoConfig::addPluginOption(const QString &name, const QString &value)
{
    m_pluginOptions.append({name, value});
}

QByteArray MosquittoConfig::render(QString *error) const
{
    static const QRegularExpression optionName(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_]+")));
    for (const QString &value : {clientsCaFile, certificateFile, keyFile, runAsUser, pluginPath}) {
        if (!isSingleLine(value)) {
            *error = QStringLiteral("a broker setting contains a line break: %1").arg(value);
            return {};
        }
    }
    for (const auto &[name, value] : m_pluginOptions) {
        if (!optionName.match(name).hasMatch() || !isSingleLine(value)) {
            *error = QStringLiteral("invalid plugin option %1").arg(name);
            return {};
        }
    }

    QStringList lines;
    lines << QStringLiteral("# Written by blackbird-local at every start; edits are lost.")
          << QStringLiteral("per_listener_settings false") << QStringLiteral("persistence false")
          << QStringLiteral("log_dest stderr") << QStringLiteral("log_type error")
          << QStringLiteral("log_type warning") << QStringLiteral("log_type notice")
          << QStringLiteral("log_type information") << QStringLiteral("connection_messages true")
          << QStringLiteral("log_timestamp false")
          // Replies go out at once, not after the client's delayed ACK (40 ms per round trip).
          << QStringLiteral("set_tcp_nodelay true")
          // Every client proves itself with a certificate (require_certificate below), and its
          // identity becomes its user name. Mosquitto 2.0.11 still refuses such clients as
          // "anonymous" when no password file or plugin vouches for them, so the password-level
          // check is switched off; the fleet plugin decides what each identity may do.
          << QStringLiteral("allow_anonymous true");
    if (!runAsUser.isEmpty())
        lines << QStringLiteral("user ") + runAsUser;

    if (!pluginPath.isEmpty()) {
        lines << QStringLiteral("plugin ") + pluginPath;
        for (const auto &[name, value] : m_pluginOptions)
            lines << QStringLiteral("plugin_opt_%1 %2").arg(name, value);
    }

    lines << QString() << QStringLiteral("listener %1 127.0.0.1").arg(port)
          << QStringLiteral("tls_version tlsv1.2") << QStringLiteral("cafile ") + clientsCaFile
          << QStringLiteral("certfile ") + certificateFile << QStringLiteral("keyfile ") + keyFile
          << QStringLiteral("require_certificate true");
    // No use_identity_as_username: with it Mosquitto 2.0 skips the plugins' password check,
    // which is where the fleet plugin admits or refuses each client by its certificate.
    return lines.join(QLatin1Char('\n')).toUtf8() + '\n';
}

} // namespace Blackbird::Local
