// What blackbird-station-cli prints, and how it ends. Human-readable lines by default; with
// --json one JSON object per line on standard output (an MES reads them as they come), the same
// facts in both. Messages for the technician (errors, warnings) always go to standard error, and
// in JSON mode an error also becomes an {"event":"error"} line, so a reader of standard output
// alone still learns why the run ended. Nothing secret is ever handed to this class.
#pragma once

#include <QJsonObject>
#include <QString>

namespace Blackbird::Cli {

// The exit statuses, documented in --help, docs/cli.md and the manual page.
enum ExitCode : int {
    ExitOk = 0,            // every device passed or was skipped (already provisioned)
    ExitDeviceFailed = 1,  // some device failed or was cancelled; or an export was not written
    ExitUsage = 2,         // wrong command line
    ExitConfiguration = 3, // the profile or endpoints file is missing, damaged or unusable
    ExitNoApiKey = 4,      // no API key in BLACKBIRD_API_KEY or the keychain
    ExitAuditUnusable = 5, // the audit database cannot be opened or written
    ExitInterrupted = 130, // SIGINT or SIGTERM: running devices were cancelled and recorded
};

QString exitCodeName(int code); // ok, device_failed, usage, ...

class Output
{
public:
    explicit Output(bool json = false)
        : m_json(json)
    {}

    bool json() const { return m_json; }
    void setJson(bool json) { m_json = json; }

    // JSON mode: the object as one line on standard output, flushed. Human mode: nothing.
    void event(const QJsonObject &object) const;
    // Human mode: one line on standard output. JSON mode: nothing.
    void line(const QString &text) const;
    // Standard output whatever the mode (help, version, exports to stdout).
    static void raw(const QByteArray &bytes);
    // One line on standard error, whatever the mode.
    static void message(const QString &text);
    // A warning: standard error, plus {"event":"warning"} in JSON mode.
    void warning(const QString &text) const;
    // The run ends with code: the reason on standard error, plus {"event":"error"} in JSON
    // mode. Returns code, so that callers can write "return out.fail(...)".
    int fail(int code, const QString &text) const;

private:
    bool m_json;
};

} // namespace Blackbird::Cli
