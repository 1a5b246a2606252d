#include "localpki.h"

#include "localfiles.h"

#include <QDir>
#include <QFileInfo>

namespace Blackbird::Local {

namespace {

constexpr int kCaValidityDays = 3650;
constexpr int kLeafValidityDays = 825;

struct LeafSpec
{
    const char *name; // file base name inside pki/
    CertificateProfile profile;
};

QList<LeafSpec> leafSpecs()
{
    CertificateProfile server;
    server.role = CertificateRole::TlsServer;
    server.commonName = QStringLiteral("localhost");
    server.organizationalUnit = QStringLiteral("server");
    server.dnsNames = {QStringLiteral("localhost")};
    server.ipAddresses = {QHostAddress(QHostAddress::LocalHost)};
    server.validityDays = kLeafValidityDays;

    CertificateProfile operatorClient;
    operatorClient.role = CertificateRole::TlsClient;
    operatorClient.commonName = QStringLiteral("blackbird-operator");
    operatorClient.organizationalUnit = QStringLiteral("operator");
    operatorClient.validityDays = kLeafValidityDays;

    CertificateProfile fleetService;
    fleetService.role = CertificateRole::TlsClient;
    fleetService.commonName = QStringLiteral("blackbird-fleet-service");
    fleetService.organizationalUnit = QStringLiteral("service");
    fleetService.validityDays = kLeafValidityDays;

    return {{"server", server}, {"operator", operatorClient}, {"fleet-service", fleetService}};
}

CertificateProfile intermediate(const QString &commonName)
{
    CertificateProfile profile;
    profile.role = CertificateRole::IntermediateCa;
    profile.commonName = commonName;
    profile.validityDays = kCaValidityDays;
    return profile;
}

bool writePair(const QString &dir, const QString &name, const Certificate &certificate,
               const EcKey &key, QString *error)
{
    return LocalFiles::writePublic(dir + QLatin1Char('/') + name + QStringLiteral(".pem"),
                                   certificate.toPem(), error) &&
           LocalFiles::writeSecret(dir + QLatin1Char('/') + name + QStringLiteral(".key"),
                                   key.privatePem(), error);
}

} // namespace

LocalPki::LocalPki(const StateFolder &folder)
    : m_folder(folder)
{}

bool LocalPki::exists() const
{
    return QFileInfo::exists(m_folder.pkiDir());
}

bool LocalPki::ensure(QString *error)
{
    if (!exists() && !create(error))
        return false;
    return load(error);
}

bool LocalPki::create(QString *error)
{
    // Built in a scratch folder and renamed at the end, so an interrupted first start never
    // leaves half a PKI behind that a later start would trust.
    const QString scratch = m_folder.pkiDir() + QStringLiteral(".new");
    QDir(scratch).removeRecursively();
    if (!QDir().mkpath(scratch)) {
        *error = QStringLiteral("cannot create %1").arg(scratch);
        return false;
    }

    CertificateAuthority root = CertificateAuthority::createRoot(
        QStringLiteral("Blackbird Local Root CA"), kCaValidityDays, error);
    if (root.isNull() ||
        !writePair(scratch, QStringLiteral("root-ca"), root.certificate(), root.key(), error))
        return false;

    QByteArray clientsCa = root.certificate().toPem();
    const std::pair<const char *, const char *> cas[] = {
        {"claim-ca", "Blackbird Local Claim CA"}, {"device-ca", "Blackbird Local Device CA"}};
    for (const auto &[file, commonName] : cas) {
        EcKey key = EcKey::generate();
        Certificate cert = root.issue(key, intermediate(QString::fromLatin1(commonName)), error);
        if (cert.isNull() || !writePair(scratch, QString::fromLatin1(file), cert, key, error))
            return false;
        clientsCa += cert.toPem();
    }

    for (const LeafSpec &leaf : leafSpecs()) {
        EcKey key = EcKey::generate();
        Certificate cert = root.issue(key, leaf.profile, error);
        if (cert.isNull() || !writePair(scratch, QString::fromLatin1(leaf.name), cert, key, error))
            return false;
    }

    if (!LocalFiles::writePublic(scratch + QStringLiteral("/broker-clients-ca.pem"), clientsCa,
                                 error))
        return false;

    if (!QDir().rename(scratch, m_folder.pkiDir())) {
        *error = QStringLiteral("cannot move %1 to %2").arg(scratch, m_folder.pkiDir());
        return false;
    }
    return true;
}

bool LocalPki::load(QString *error)
{
    m_root = CertificateAuthority::load(m_folder.rootCaCertificate(), m_folder.rootCaKey(), error);
    if (m_root.isNull())
        return false;
    m_claim =
        CertificateAuthority::load(m_folder.claimCaCertificate(), m_folder.claimCaKey(), error);
    if (m_claim.isNull())
        return false;
    m_device =
        CertificateAuthority::load(m_folder.deviceCaCertificate(), m_folder.deviceCaKey(), error);
    if (m_device.isNull())
        return false;

    // A CA that the root did not sign would make every claim or device certificate useless.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const CertificateAuthority *ca : {&m_claim, &m_device}) {
        QString reason;
        if (!ca->certificate().verifyChain({m_root.certificate()}, now, &reason)) {
            *error = QStringLiteral("%1 is not signed by the root CA in %2: %3")
                         .arg(ca->certificate().subjectCommonName(), m_folder.pkiDir(), reason);
            return false;
        }
    }

    const QString needed[] = {m_folder.serverCertificate(),       m_folder.serverKey(),
                              m_folder.operatorCertificate(),     m_folder.operatorKey(),
                              m_folder.fleetServiceCertificate(), m_folder.fleetServiceKey(),
                              m_folder.brokerClientsCa()};
    for (const QString &path : needed) {
        if (!QFileInfo::exists(path)) {
            *error =
                QStringLiteral("%1 is missing; start with --reset to create a new PKI").arg(path);
            return false;
        }
    }
    return true;
}

} // namespace Blackbird::Local
