#include "statefolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Blackbird::Local {

StateFolder::StateFolder(const QString &root)
    : m_root(QDir::cleanPath(QFileInfo(root).absoluteFilePath()))
{}

QString StateFolder::file(const QString &name) const
{
    return m_root + QLatin1Char('/') + name;
}

QString StateFolder::pkiFile(const QString &name) const
{
    return pkiDir() + QLatin1Char('/') + name;
}

QString StateFolder::pkiDir() const
{
    return file(QStringLiteral("pki"));
}

QString StateFolder::rootCaCertificate() const
{
    return pkiFile(QStringLiteral("root-ca.pem"));
}

QString StateFolder::rootCaKey() const
{
    return pkiFile(QStringLiteral("root-ca.key"));
}

QString StateFolder::claimCaCertificate() const
{
    return pkiFile(QStringLiteral("claim-ca.pem"));
}

QString StateFolder::claimCaKey() const
{
    return pkiFile(QStringLiteral("claim-ca.key"));
}

QString StateFolder::deviceCaCertificate() const
{
    return pkiFile(QStringLiteral("device-ca.pem"));
}

QString StateFolder::deviceCaKey() const
{
    return pkiFile(QStringLiteral("device-ca.key"));
}

QString StateFolder::serverCertificate() const
{
    return pkiFile(QStringLiteral("server.pem"));
}

QString StateFolder::serverKey() const
{
    return pkiFile(QStringLiteral("server.key"));
}

QString StateFolder::operatorCertificate() const
{
    return pkiFile(QStringLiteral("operator.pem"));
}

QString StateFolder::operatorKey() const
{
    return pkiFile(QStringLiteral("operator.key"));
}

QString StateFolder::fleetServiceCertificate() const
{
    return pkiFile(QStringLiteral("fleet-service.pem"));
}

QString StateFolder::fleetServiceKey() const
{
    return pkiFile(QStringLiteral("fleet-service.key"));
}

QString StateFolder::brokerClientsCa() const
{
    return pkiFile(QStringLiteral("broker-clients-ca.pem"));
}

QString StateFolder::endpointsFile() const
{
    return file(QStringLiteral("endpoints.json"));
}

QString StateFolder::sqliteDatabase() const
{
    return file(QStringLiteral("registrations.sqlite"));
}

QString StateFolder::mosquittoConfig() const
{
    return file(QStringLiteral("mosquitto.conf"));
}

bool StateFolder::create(QString *error) const
{
    QDir dir(m_root);
    if (!dir.exists() && !dir.mkpath(QStringLiteral("."))) {
        if (error)
            *error = QStringLiteral("cannot create the state folder %1").arg(m_root);
        return false;
    }

    // Keys live below this folder; nobody else needs to list it.
    QFile::setPermissions(m_root,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return true;
}

bool StateFolder::clear(QString *error) const
{
    QDir pki(pkiDir());
    if (pki.exists() && !pki.removeRecursively()) {
        if (error)
            *error = QStringLiteral("cannot remove %1").arg(pkiDir());
        return false;
    }

    const QString files[] = {endpointsFile(),
                             sqliteDatabase(),
                             mosquittoConfig(),
                             sqliteDatabase() + QStringLiteral("-journal"),
                             sqliteDatabase() + QStringLiteral("-wal"),
                             sqliteDatabase() + QStringLiteral("-shm")};
    for (const QString &path : files) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            if (error)
                *error = QStringLiteral("cannot remove %1").arg(path);
            return false;
        }
    }
    return true;
}

} // namespace Blackbird::Local
