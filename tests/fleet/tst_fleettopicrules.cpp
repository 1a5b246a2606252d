// The broker plugin's topic rules, checked without a broker: what each kind of client may
// publish, read and subscribe to, MQTT filter matching, and the internal routing topics.
#include "topicrules.h"

#include <QTest>

using namespace Blackbird::Local::FleetPlugin;

Q_DECLARE_METATYPE(Role)
Q_DECLARE_METATYPE(Access)

class TestFleetTopicRules : public QObject
{
    Q_OBJECT

private slots:
    void isAllowed_data();
    void isAllowed();
    void requestAndReplyTopics_data();
    void requestAndReplyTopics();
    void topicMatchesFilter_data();
    void topicMatchesFilter();
    void routedTopicRoundTrip_data();
    void routedTopicRoundTrip();
    void routedTopicRejectsMalformed_data();
    void routedTopicRejectsMalformed();
};

void TestFleetTopicRules::isAllowed_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<QString>("thing");
    QTest::addColumn<Access>("access");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("allowed");

    const QString create = QStringLiteral("$aws/certificates/create/json");
    const QString csr = QStringLiteral("$aws/certificates/create-from-csr/json");
    const QString provision = QStringLiteral("$aws/provisioning-templates/T1/provision/json");

    QTest::newRow("claim publishes CreateKeys")
        << Role::Claim << "" << Access::Write << create << true;
    QTest::newRow("claim publishes CreateFromCsr")
        << Role::Claim << "" << Access::Write << csr << true;
    QTest::newRow("claim publishes RegisterThing")
        << Role::Claim << "" << Access::Write << provision << true;
    QTest::newRow("claim cannot publish a reply")
        << Role::Claim << "" << Access::Write << create + "/accepted" << false;
    QTest::newRow("claim publishes cbor")
        << Role::Claim << "" << Access::Write << "$aws/certificates/create/cbor" << true;
    QTest::newRow("claim cannot publish xml")
        << Role::Claim << "" << Access::Write << "$aws/certificates/create/xml" << false;
    QTest::newRow("claim cannot publish things")
        << Role::Claim << "" << Access::Write << "things/a/b" << false;
    QTest::newRow("claim cannot publish internal")
        << Role::Claim << "" << Access::Write << "blackbird/internal/fleet/reply/61/x/y" << false;
    QTest::newRow("claim cannot publish events")
        << Role::Claim << "" << Access::Write << "$aws/events/presence/connected/x" << false;
    QTest::newRow("claim subscribes accepted")
        << Role::Claim << "" << Access::Subscribe << create + "/accepted" << true;
    QTest::newRow("claim subscribes rejected")
        << Role::Claim << "" << Access::Subscribe << csr + "/rejected" << true;
    QTest::newRow("claim subscribes request/+")
        << Role::Claim << "" << Access::Subscribe << provision + "/+" << true;
    QTest::newRow("claim cannot subscribe request")
        << Role::Claim << "" << Access::Subscribe << create << false;
    QTest::newRow("claim cannot subscribe request/#")
        << Role::Claim << "" << Access::Subscribe << create + "/#" << false;
    QTest::newRow("claim cannot subscribe $aws/certificates/#")
        << Role::Claim << "" << Access::Subscribe << "$aws/certificates/#" << false;
    QTest::newRow("claim cannot subscribe template wildcard")
        << Role::Claim << "" << Access::Subscribe
        << "$aws/provisioning-templates/+/provision/json/accepted" << false;
    QTest::newRow("claim cannot subscribe #")
        << Role::Claim << "" << Access::Subscribe << "#" << false;
    QTest::newRow("claim cannot subscribe events")
        << Role::Claim << "" << Access::Subscribe << "$aws/events/#" << false;
    QTest::newRow("claim reads a reply")
        << Role::Claim << "" << Access::Read << provision + "/rejected" << true;
    QTest::newRow("claim cannot read things")
        << Role::Claim << "" << Access::Read << "things/a/b" << false;

    QTest::newRow("device publishes own thing")
        << Role::Device << "t1" << Access::Write << "things/t1/telemetry" << true;
    QTest::newRow("device subscribes own thing #")
        << Role::Device << "t1" << Access::Subscribe << "things/t1/#" << true;
    QTest::newRow("device reads own thing deep")
        << Role::Device << "t1" << Access::Read << "things/t1/a/b/c" << true;
    QTest::newRow("device cannot use bare thing topic")
        << Role::Device << "t1" << Access::Write << "things/t1" << false;
    QTest::newRow("device cannot publish other thing")
        << Role::Device << "t1" << Access::Write << "things/t2/telemetry" << false;
    QTest::newRow("device cannot subscribe things/+")
        << Role::Device << "t1" << Access::Subscribe << "things/+/telemetry" << false;
    QTest::newRow("device cannot subscribe things/#")
        << Role::Device << "t1" << Access::Subscribe << "things/#" << false;
    QTest::newRow("device cannot use $aws/certificates")
        << Role::Device << "t1" << Access::Write << create << false;
    QTest::newRow("device cannot subscribe $aws/certificates")
        << Role::Device << "t1" << Access::Subscribe << create + "/accepted" << false;
    QTest::newRow("device without thing has nothing")
        << Role::Device << "" << Access::Write << "things//x" << false;
    QTest::newRow("device thing prefix is exact")
        << Role::Device << "t1" << Access::Write << "things/t10/x" << false;

    QTest::newRow("operator subscribes $aws/events/#")
        << Role::Operator << "" << Access::Subscribe << "$aws/events/#" << true;
    QTest::newRow("operator subscribes presence")
        << Role::Operator << "" << Access::Subscribe << "$aws/events/presence/+/+" << true;
    QTest::newRow("operator subscribes blackbird events")
        << Role::Operator << "" << Access::Subscribe << "blackbird/events/#" << true;
    QTest::newRow("operator reads a presence event")
        << Role::Operator << "" << Access::Read << "$aws/events/presence/connected/c1" << true;
    QTest::newRow("operator cannot publish events")
        << Role::Operator << "" << Access::Write << "$aws/events/presence/connected/c1" << false;
    QTest::newRow("operator cannot subscribe #")
        << Role::Operator << "" << Access::Subscribe << "#" << false;
    QTest::newRow("operator cannot read internal")
        << Role::Operator << "" << Access::Read << "blackbird/internal/fleet/request/61/x/y"
        << false;
    QTest::newRow("operator cannot read replies")
        << Role::Operator << "" << Access::Read << create + "/accepted" << false;

    QTest::newRow("service reads requests")
        << Role::Service << "" << Access::Subscribe << "blackbird/internal/fleet/request/#" << true;
    QTest::newRow("service publishes replies")
        << Role::Service << "" << Access::Write
        << "blackbird/internal/fleet/reply/61/x/$aws/certificates/create/json/accepted" << true;
    QTest::newRow("service publishes activation")
        << Role::Service << "" << Access::Write << "blackbird/internal/fleet/certificate/abc"
        << true;
    QTest::newRow("service publishes thing event")
        << Role::Service << "" << Access::Write << "$aws/events/thing/t1/created" << true;
    QTest::newRow("service publishes blackbird event")
        << Role::Service << "" << Access::Write << "blackbird/events/provisioning/accepted" << true;
    QTest::newRow("service cannot fake presence")
        << Role::Service << "" << Access::Write << "$aws/events/presence/connected/x" << false;
    QTest::newRow("service cannot answer directly")
        << Role::Service << "" << Access::Write << create + "/accepted" << false;
    QTest::newRow("service cannot publish requests")
        << Role::Service << "" << Access::Write << "blackbird/internal/fleet/request/61/x/y"
        << false;
    QTest::newRow("service cannot read things")
        << Role::Service << "" << Access::Read << "things/t1/x" << false;

    QTest::newRow("unknown has nothing")
        << Role::Unknown << "" << Access::Subscribe << "$aws/events/#" << false;
    QTest::newRow("unknown cannot unsubscribe")
        << Role::Unknown << "" << Access::Unsubscribe << "a" << false;
    QTest::newRow("empty topic") << Role::Operator << "" << Access::Read << "" << false;
}

void TestFleetTopicRules::isAllowed()
{
    QFETCH(Role, role);
    QFETCH(QString, thing);
    QFETCH(Access, access);
    QFETCH(QString, topic);
    QFETCH(bool, allowed);

    QCOMPARE(Blackbird::Local::FleetPlugin::isAllowed(role, thing.toStdString(), access,
                                                      topic.toStdString()),
             allowed);
}

void TestFleetTopicRules::requestAndReplyTopics_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("request");
    QTest::addColumn<bool>("reply");

    QTest::newRow("create") << "$aws/certificates/create/json" << true << false;
    QTest::newRow("create accepted") << "$aws/certificates/create/json/accepted" << false << true;
    QTest::newRow("csr rejected") << "$aws/certificates/create-from-csr/json/rejected" << false
                                  << true;
    QTest::newRow("provision") << "$aws/provisioning-templates/My-T_1/provision/json" << true
                               << false;
    QTest::newRow("provision accepted")
        << "$aws/provisioning-templates/x/provision/json/accepted" << false << true;
    QTest::newRow("empty template")
        << "$aws/provisioning-templates//provision/json" << false << false;
    QTest::newRow("wildcard template")
        << "$aws/provisioning-templates/+/provision/json" << false << false;
    QTest::newRow("two-level template")
        << "$aws/provisioning-templates/a/b/provision/json" << false << false;
    QTest::newRow("cbor") << "$aws/certificates/create/cbor" << true << false;
    QTest::newRow("cbor csr rejected")
        << "$aws/certificates/create-from-csr/cbor/rejected" << false << true;
    QTest::newRow("cbor provision")
        << "$aws/provisioning-templates/T/provision/cbor" << true << false;
    QTest::newRow("other format") << "$aws/certificates/create/xml" << false << false;
    QTest::newRow("other suffix") << "$aws/certificates/create/json/other" << false << false;
    QTest::newRow("trailing slash") << "$aws/certificates/create/json/" << false << false;
}

void TestFleetTopicRules::requestAndReplyTopics()
{
    QFETCH(QString, topic);
    QFETCH(bool, request);
    QFETCH(bool, reply);

    QCOMPARE(isProvisioningRequestTopic(topic.toStdString()), request);
    QCOMPARE(isProvisioningReplyTopic(topic.toStdString()), reply);
}

void TestFleetTopicRules::topicMatchesFilter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("matches");

    QTest::newRow("exact") << "a/b"
                           << "a/b" << true;
    QTest::newRow("different") << "a/b"
                               << "a/c" << false;
    QTest::newRow("plus") << "a/+/c"
                          << "a/b/c" << true;
    QTest::newRow("plus is one level") << "a/+"
                                       << "a/b/c" << false;
    QTest::newRow("hash") << "a/#"
                          << "a/b/c" << true;
    QTest::newRow("hash matches parent") << "a/#"
                                         << "a" << true;
    QTest::newRow("longer filter") << "a/b/c"
                                   << "a/b" << false;
    QTest::newRow("hash skips $ topics") << "#"
                                         << "$aws/events/x" << false;
    QTest::newRow("plus skips $ topics") << "+/events/x"
                                         << "$aws/events/x" << false;
    QTest::newRow("$ prefix literal") << "$aws/certificates/create/json/+"
                                      << "$aws/certificates/create/json/accepted" << true;
    QTest::newRow("empty level") << "a//b"
                                 << "a//b" << true;
}

void TestFleetTopicRules::topicMatchesFilter()
{
    QFETCH(QString, filter);
    QFETCH(QString, topic);
    QFETCH(bool, matches);

    QCOMPARE(Blackbird::Local::FleetPlugin::topicMatchesFilter(filter.toStdString(),
                                                               topic.toStdString()),
             matches);
}

void TestFleetTopicRules::routedTopicRoundTrip_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("topic");

    QTest::newRow("plain") << "device-1"
                           << "$aws/certificates/create/json";
    QTest::newRow("slashes and wildcards in id") << "a/b+c#d"
                                                 << "$aws/certificates/create/json";
    QTest::newRow("utf-8 id") << QStringLiteral("g\u00e9r\u00e4t")
                              << "$aws/provisioning-templates/T/provision/json";
}

void TestFleetTopicRules::routedTopicRoundTrip()
{
    QFETCH(QString, clientId);
    QFETCH(QString, topic);

    const RoutedTopic routed{clientId.toStdString(), std::string(64, 'a'), topic.toStdString()};
    const std::string request = requestTopicFor(routed);
    QVERIFY(request.find('+') == std::string::npos && request.find('#') == std::string::npos);

    const auto parsed = parseRoutedTopic(kRequestPrefix, request);
    QVERIFY(parsed);
    QCOMPARE(QString::fromStdString(parsed->clientId), clientId);
    QCOMPARE(parsed->certificateId, routed.certificateId);
    QCOMPARE(QString::fromStdString(parsed->topic), topic);

    QVERIFY(!parseRoutedTopic(kReplyPrefix, request));
    QVERIFY(parseRoutedTopic(kReplyPrefix, replyTopicFor(routed)));
}

void TestFleetTopicRules::routedTopicRejectsMalformed_data()
{
    QTest::addColumn<QString>("topic");

    QTest::newRow("no fields") << "blackbird/internal/fleet/reply/";
    QTest::newRow("odd hex") << "blackbird/internal/fleet/reply/616/cert/x";
    QTest::newRow("not hex") << "blackbird/internal/fleet/reply/zz/cert/x";
    QTest::newRow("upper-case hex") << "blackbird/internal/fleet/reply/6A/cert/x";
    QTest::newRow("empty certificate") << "blackbird/internal/fleet/reply/61//x";
    QTest::newRow("no topic") << "blackbird/internal/fleet/reply/61/cert/";
    QTest::newRow("empty client") << "blackbird/internal/fleet/reply//cert/x";
    QTest::newRow("other prefix") << "blackbird/internal/fleet/request/61/cert/x";
}

void TestFleetTopicRules::routedTopicRejectsMalformed()
{
    QFETCH(QString, topic);

    QVERIFY(!parseRoutedTopic(kReplyPrefix, topic.toStdString()));
}

QTEST_GUILESS_MAIN(TestFleetTopicRules)
#include "tst_fleettopicrules.moc"
