#include "testbundle.h"

#include "crypto/certificate.h"
#include "crypto/eckey.h"

#include <QJsonDocument>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace Blackbird::Test {

namespace {

Certificate selfSigned(const EcKey &key, const QString &commonName)
{
    X509 *cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key.handle());

    X509_NAME *name = X509_get_subject_name(cert);
    const QByteArray cn = commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509_sign(cert, key.handle(), EVP_sha256());
    return Certificate::adopt(cert);
}

} // namespace

QByteArray TestBundle::json() const
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

TestBundle TestBundle::create(const QString &uuid, const QString &commonName)
{
    const EcKey key = EcKey::generate();
    const Certificate certificate = selfSigned(key, commonName);

    TestBundle bundle;
    bundle.certificateId = certificate.sha256Hex();
    bundle.object = QJsonObject{
        {QStringLiteral("format"), 1},
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("certificate_id"), bundle.certificateId},
        {QStringLiteral("certificate_pem"), QString::fromLatin1(certificate.toPem())},
        {QStringLiteral("private_key_pem"), QString::fromLatin1(key.privatePem().view())},
        {QStringLiteral("mqtt_host"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("mqtt_port"), 8883},
        {QStringLiteral("ca_pem"), QString::fromLatin1(certificate.toPem())},
        {QStringLiteral("template_name"), QStringLiteral("blackbird-fleet")},
    };
    return bundle;
}

} // namespace Blackbird::Test
