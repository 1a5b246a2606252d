// Runs the real local Blackbird stack (blackbird-local) in a throwaway state folder for a test,
// waits for its ready line and reads its endpoints.json.
#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

namespace Blackbird::Test {

class LocalStackProcess
{
public:
    LocalStackProcess();
    ~LocalStackProcess();

    // Starts the stack with extra arguments and waits up to timeoutMs for it to be ready. On
    // failure error holds the stack's own words.
    bool start(const QStringList &extraArguments, int timeoutMs, QString *error);
    void stop();

    QString stateDir() const { return m_state.path(); }
    const QJsonObject &endpoints() const { return m_endpoints; }
    QString endpoint(const char *name) const
    {
        return m_endpoints.value(QLatin1String(name)).toString();
    }
    QString pkiFile(const QString &name) const;

private:
    QTemporaryDir m_state;
    QProcess m_process;
    QJsonObject m_endpoints;
};

} // namespace Blackbird::Test
