// The broker configuration the stack writes: the TLS listener settings the brief asks for,
// plugin lines only with a plugin, and options that could inject a second line refused.
#include "mosquittoconfig.h"

#include <QTest>

using namespace Blackbird::Local;

class TestMosquittoConfig : public QObject
{
    Q_OBJECT

private slots:
    void listenerSettings();
    void pluginOptions();
    void refusesLineBreaks_data();
    void refusesLineBreaks();
};

void TestMosquittoConfig::listenerSettings()
{
    MosquittoConfig config;
    config.port = 18883;
    config.clientsCaFile = QStringLiteral("/s/pki/broker-clients-ca.pem");
    config.certificateFile = QStringLiteral("/s/pki/server.pem");
    config.keyFile = QStringLiteral("/s/pki/server.key");
    config.runAsUser = QStringLiteral("root");
    QString error;
    const QStringList lines = QString::fromUtf8(config.render(&error)).split(QLatin1Char('\n'));
    for (const char *expected :
         {"listener 18883 127.0.0.1", "tls_version tlsv1.2", "require_certificate true",
          "cafile /s/pki/broker-clients-ca.pem", "certfile /s/pki/server.pem",
          "keyfile /s/pki/server.key", "persistence false", "user root"}) {
        QVERIFY2(lines.contains(QLatin1String(expected)), expected);
    }
    QVERIFY(!lines.join(QLatin1Char('\n')).contains(QLatin1String("plugin")));
    // The fleet plugin admits clients in the password check, which this option would skip.
    QVERIFY(!lines.join(QLatin1Char('\n')).contains(QLatin1String("use_identity_as_username")));
}

void TestMosquittoConfig::pluginOptions()
{
    MosquittoConfig config;
    config.port = 1;
    config.pluginPath = QStringLiteral("/p/blackbird-fleet-plugin.so");
    config.addPluginOption(QStringLiteral("claim_ca"), QStringLiteral("/s/claim-ca.pem"));
    QString error;
    const QString text = QString::fromUtf8(config.render(&error));
    QVERIFY(text.contains(QLatin1String("\nplugin /p/blackbird-fleet-plugin.so\n"
                                        "plugin_opt_claim_ca /s/claim-ca.pem\n")));
}

void TestMosquittoConfig::refusesLineBreaks_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("keyFile");

    QTest::newRow("value with newline") << "x"
                                        << "a\nallow_anonymous true"
                                        << "/k";
    QTest::newRow("name with space") << "x y"
                                     << "a"
                                     << "/k";
    QTest::newRow("key file with CR") << "x"
                                      << "a"
                                      << "/k\rlistener 1";
}

void TestMosquittoConfig::refusesLineBreaks()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, keyFile);

    MosquittoConfig config;
    config.keyFile = keyFile;
    config.pluginPath = QStringLiteral("/p.so");
    config.addPluginOption(name, value);
    QString error;
    QVERIFY(config.render(&error).isEmpty());
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestMosquittoConfig)
#include "tst_mosquittoconfig.moc"
