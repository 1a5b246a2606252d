// The layout of the local stack's state folder (blackbird-local --state DIR): one place that
// names every file, so the stack, the fleet-provisioning service and the tests agree on paths.
#pragma once

#include <QString>

namespace Blackbird::Local {

class StateFolder
{
public:
    StateFolder() = default;
    explicit StateFolder(const QString &root);

    // Absolute path of the folder itself.
    QString root() const { return m_root; }

    QString pkiDir() const;
    QString rootCaCertificate() const;
    QString rootCaKey() const;
    QString claimCaCertificate() const;
    QString claimCaKey() const;
    QString deviceCaCertificate() const;
    QString deviceCaKey() const;
    QString serverCertificate() const;
    QString serverKey() const;
    QString operatorCertificate() const;
    QString operatorKey() const;
    QString fleetServiceCertificate() const;
    QString fleetServiceKey() const;
    // Root + claim CA + device CA: what the broker trusts for client certificates.
    QString brokerClientsCa() const;

    QString endpointsFile() const;
    QString sqliteDatabase() const;
    QString mosquittoConfig() const;

    // Creates the folder (mode 0700) when it does not exist.
    bool create(QString *error) const;
    // Removes everything the stack created in the folder, and nothing else.
    bool clear(QString *error) const;

private:
    QString file(const QString &name) const;
    QString pkiFile(const QString &name) const;

    QString m_root;
};

} // namespace Blackbird::Local
