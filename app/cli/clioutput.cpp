#include "clioutput.h"

#include <QDateTime>
#include <QJsonDocument>

#include <cstdio>

namespace Blackbird::Cli {

namespace {

void write(FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

QString exitCodeName(int code)
{
    switch (code) {
    case ExitOk:
        return QStringLiteral("ok");
    case ExitDeviceFailed:
        return QStringLiteral("device_failed");
    case ExitUsage:
        return QStringLiteral("usage");
    case ExitConfiguration:
        return QStringLiteral("configuration");
    case ExitNoApiKey:
        return QStringLiteral("no_api_key");
    case ExitAuditUnusable:
        return QStringLiteral("audit_unusable");
    case ExitInterrupted:
        return QStringLiteral("interrupted");
    default:
        return QStringLiteral("unknown");
    }
}

void Output::event(const QJsonObject &object) const
{
    if (!m_json)
        return;
    QJsonObject line = object;
    if (!line.contains(QLatin1String("time"))) {
        line.insert(QStringLiteral("time"),
                    QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    }
    write(stdout, QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
}

void Output::line(const QString &text) const
{
    if (!m_json)
        write(stdout, text.toUtf8() + '\n');
}

void Output::raw(const QByteArray &bytes)
{
    write(stdout, bytes);
}

void Output::message(const QString &text)
{
    write(stderr, text.toUtf8() + '\n');
}

void Output::warning(const QString &text) const
{
    message(QStringLiteral("warning: ") + text);
    event(
        {{QStringLiteral("event"), QStringLiteral("warning")}, {QStringLiteral("message"), text}});
}

int Output::fail(int code, const QString &text) const
{
    message(QStringLiteral("error: ") + text);
    event({{QStringLiteral("event"), QStringLiteral("error")},
           {QStringLiteral("exit_code"), code},
           {QStringLiteral("error"), exitCodeName(code)},
           {QStringLiteral("message"), text}});
    return code;
}

} // namespace Blackbird::Cli
