// P-256 keys: generation, PEM and DER round trips, signatures, and every kind of bad key input.
#include "crypto/eckey.h"
#include "crypto/secretbytes.h"
#include "crypto/sha256.h"

#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Blackbird;

namespace {

QByteArray publicDerOf(EVP_PKEY *key)
{
    unsigned char *der = nullptr;
    const int size = i2d_PUBKEY(key, &der);
    QByteArray result(reinterpret_cast<char *>(der), size);
    OPENSSL_free(der);
    return result;
}

QByteArray privatePemOf(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, size);
    BIO_free(bio);
    return pem;
}

} // namespace

class TestEcKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generateSignVerify();
    void privatePemRoundTrip();
    void refusesEncryptedPem();
    void publicKeyRoundTrip();
    void refusesOtherKeys_data();
    void refusesOtherKeys();
    void refusesBadPublicInput_data();
    void refusesBadPublicInput();
    void signatureByOtherKeyFails();
    void secretBytesWipes();
    void constantTimeEquals_data();
    void constantTimeEquals();
};

void TestEcKey::generateSignVerify()
{
    const EcKey key = EcKey::generate();
    QVERIFY(!key.isNull());
    QVERIFY(key.hasPrivateKey());

    const QByteArray token = "ownership-token-\xc3\xa9";
    const QByteArray signature = key.sign(token);
    QVERIFY(!signature.isEmpty());
    QCOMPARE(signature.at(0), char(0x30)); // a DER SEQUENCE
    QVERIFY(key.verify(token, signature));
    QVERIFY(!key.verify(QByteArray(token + "x"), signature));
    QByteArray damaged = signature;
    damaged[damaged.size() - 1] = char(damaged.at(damaged.size() - 1) ^ 0x01);
    QVERIFY(!key.verify(token, damaged));
    QVERIFY(!key.verify(token, QByteArray()));
}

void TestEcKey::privatePemRoundTrip()
{
    const EcKey key = EcKey::generate();
    const SecretBytes pem = key.privatePem();
    QVERIFY(pem.view().startsWith("-----BEGIN PRIVATE KEY-----"));

    QString error;
    const EcKey again = EcKey::fromPrivatePem(pem.view(), &error);
    QVERIFY2(!again.isNull(), qPrintable(error));
    QVERIFY(again.samePublicKey(key));
    QVERIFY(key.verify("data", again.sign("data")));
}

void TestEcKey::refusesEncryptedPem()
{
    const EcKey key = EcKey::generate();
    BIO *bio = BIO_new(BIO_s_mem());
    char passphrase[] = "secret";
    QVERIFY(PEM_write_bio_PKCS8PrivateKey(bio, key.handle(), EVP_aes_256_cbc(), nullptr, 0, nullptr,
                                          passphrase));
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    const QByteArray pem(data, size);
    BIO_free(bio);
    QVERIFY(pem.contains("ENCRYPTED"));

    // Must fail at once, never stop to ask for a passphrase on the terminal.
    QString error;
    QVERIFY(EcKey::fromPrivatePem(pem, &error).isNull());
    QVERIFY(!error.isEmpty());
}

void TestEcKey::publicKeyRoundTrip()
{
    const EcKey key = EcKey::generate();
    const QByteArray der = key.publicDer();
    QCOMPARE(der.size(), 91); // SubjectPublicKeyInfo of an uncompressed P-256 point

    const EcKey fromDer = EcKey::fromPublicDer(der);
    QVERIFY(!fromDer.isNull());
    QVERIFY(!fromDer.hasPrivateKey());
    QVERIFY(fromDer.samePublicKey(key));
    QVERIFY(fromDer.privatePem().isEmpty());
    QVERIFY(fromDer.sign("data").isEmpty());
    QVERIFY(fromDer.verify("data", key.sign("data")));

    const EcKey fromBase64 = EcKey::fromPublicBase64(key.publicBase64());
    QVERIFY(fromBase64.samePublicKey(key));
    QVERIFY(!fromBase64.samePublicKey(EcKey::generate()));
}

void TestEcKey::refusesOtherKeys_data()
{
    QTest::addColumn<QByteArray>("algorithm");
    QTest::addColumn<QByteArray>("parameter");
    QTest::newRow("P-384") << QByteArray("EC") << QByteArray("P-384");
    QTest::newRow("secp256k1") << QByteArray("EC") << QByteArray("secp256k1");
    QTest::newRow("RSA") << QByteArray("RSA") << QByteArray();
    QTest::newRow("Ed25519") << QByteArray("ED25519") << QByteArray();
}

void TestEcKey::refusesOtherKeys()
{
    QFETCH(QByteArray, algorithm);
    QFETCH(QByteArray, parameter);

    EVP_PKEY *other = nullptr;
    if (algorithm == "EC")
        other = EVP_EC_gen(parameter.constData());
    else if (algorithm == "RSA")
        other = EVP_RSA_gen(2048);
    else
        other = EVP_PKEY_Q_keygen(nullptr, nullptr, algorithm.constData());
    QVERIFY(other);
    const QByteArray der = publicDerOf(other);
    const QByteArray pem = privatePemOf(other);
    EVP_PKEY_free(other);

    QString error;
    QVERIFY(EcKey::fromPublicDer(der, &error).isNull());
    QVERIFY2(error.contains(QStringLiteral("P-256")), qPrintable(error));
    error.clear();
    QVERIFY(EcKey::fromPrivatePem(pem, &error).isNull());
    QVERIFY2(error.contains(QStringLiteral("P-256")), qPrintable(error));
}

void TestEcKey::refusesBadPublicInput_data()
{
    QTest::addColumn<QByteArray>("base64");
    QTest::addColumn<QString>("reason");

    const QByteArray good = EcKey::generate().publicBase64();
    QTest::newRow("empty") << QByteArray() << "Base64";
    QTest::newRow("not base64") << QByteArray("!!!not base64!!!") << "Base64";
    QTest::newRow("base64 of garbage") << QByteArray("aGVsbG8gd29ybGQ=") << "SubjectPublicKeyInfo";
    const QByteArray der = QByteArray::fromBase64(good);
    QTest::newRow("truncated") << der.left(der.size() / 2).toBase64() << "";
    QTest::newRow("trailing bytes") << QByteArray(der + "xx").toBase64() << "trailing";
    QByteArray flipped = der;
    flipped[flipped.size() - 5] = char(flipped.at(flipped.size() - 5) ^ 0x40);
    QTest::newRow("point not on curve") << flipped.toBase64() << "";
}

void TestEcKey::refusesBadPublicInput()
{
    QFETCH(QByteArray, base64);
    QFETCH(QString, reason);

    QString error;
    QVERIFY(EcKey::fromPublicBase64(base64, &error).isNull());
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(reason), qPrintable(error));
}

void TestEcKey::signatureByOtherKeyFails()
{
    const EcKey device = EcKey::generate();
    const EcKey impostor = EcKey::generate();
    QVERIFY(!device.verify("token", impostor.sign("token")));
}

void TestEcKey::secretBytesWipes()
{
    SecretBytes secret(QByteArray("-----BEGIN PRIVATE KEY-----secret"));
    QCOMPARE(secret.size(), 33);
    const char *buffer = secret.constData();
    SecretBytes moved = std::move(secret);
    QVERIFY(secret.isEmpty());
    QCOMPARE(moved.constData(), buffer);

    SecretBytes copy = moved.clone();
    QVERIFY(copy.constData() != moved.constData());
    moved.wipe();
    QVERIFY(moved.isEmpty());
    QCOMPARE(copy.view(), QByteArrayView("-----BEGIN PRIVATE KEY-----secret"));

    QByteArray plain("api-key-1234");
    SecretBytes::wipe(plain);
    QVERIFY(plain.isEmpty());
}

void TestEcKey::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("same") << QByteArray("abc") << QByteArray("abc") << true;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("differ at end") << QByteArray("abc") << QByteArray("abd") << false;
    QTest::newRow("prefix") << QByteArray("ab") << QByteArray("abc") << false;
}

void TestEcKey::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(Blackbird::constantTimeEquals(a, b), equal);
    QCOMPARE(sha256Hex(a).size(), 64);
}

QTEST_GUILESS_MAIN(TestEcKey)
#include "tst_eckey.moc"
