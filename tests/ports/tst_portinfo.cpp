// USB id parsing and the USB side of the port filter.
#include "ports/portinfo.h"

#include <QTest>

using namespace Blackbird;

class TestPortInfo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseUsbId_data();
    void parseUsbId();
    void acceptsUsb_data();
    void acceptsUsb();
};

void TestPortInfo::parseUsbId_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("vendor");
    QTest::addColumn<int>("product");

    QTest::newRow("vendor and product") << "0403:6001" << true << 0x0403 << 0x6001;
    QTest::newRow("upper-case hex") << "10C4:EA60" << true << 0x10c4 << 0xea60;
    QTest::newRow("vendor only") << "0403" << true << 0x0403 << 0;
    QTest::newRow("spaces around") << "  303a:1001 " << true << 0x303a << 0x1001;
    QTest::newRow("empty") << "" << false << 0 << 0;
    QTest::newRow("not hex") << "zz:01" << false << 0 << 0;
    QTest::newRow("vendor zero") << "0000:0001" << false << 0 << 0;
    QTest::newRow("too long") << "10403:6001" << false << 0 << 0;
    QTest::newRow("three parts") << "0403:6001:1" << false << 0 << 0;
    QTest::newRow("empty product") << "0403:" << false << 0 << 0;
}

void TestPortInfo::parseUsbId()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(int, vendor);
    QFETCH(int, product);

    UsbId id{0x1234, 0x5678};
    QCOMPARE(UsbId::parse(text, &id), valid);
    if (!valid) {
        QCOMPARE(id, (UsbId{0x1234, 0x5678}));
        return;
    }
    QCOMPARE(id.vendorId, vendor);
    QCOMPARE(id.productId, product);
    UsbId again;
    QVERIFY(UsbId::parse(id.toString(), &again));
    QCOMPARE(again, id);
}

void TestPortInfo::acceptsUsb_data()
{
    QTest::addColumn<QStringList>("filterIds");
    QTest::addColumn<bool>("portHasIds");
    QTest::addColumn<int>("vendor");
    QTest::addColumn<int>("product");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("no filter takes all") << QStringList() << false << 0 << 0 << true;
    QTest::newRow("exact match") << QStringList{"0403:6001"} << true << 0x0403 << 0x6001 << true;
    QTest::newRow("other product") << QStringList{"0403:6001"} << true << 0x0403 << 0x6015 << false;
    QTest::newRow("vendor wildcard") << QStringList{"0403"} << true << 0x0403 << 0x6015 << true;
    QTest::newRow("other vendor") << QStringList{"0403"} << true << 0x10c4 << 0xea60 << false;
    QTest::newRow("second id matches")
        << QStringList{"0403:6001", "10c4:ea60"} << true << 0x10c4 << 0xea60 << true;
    QTest::newRow("port without ids") << QStringList{"0403"} << false << 0 << 0 << false;
}

void TestPortInfo::acceptsUsb()
{
    QFETCH(QStringList, filterIds);
    QFETCH(bool, portHasIds);
    QFETCH(int, vendor);
    QFETCH(int, product);
    QFETCH(bool, accepted);

    PortFilter filter;
    for (const QString &text : std::as_const(filterIds)) {
        UsbId id;
        QVERIFY(UsbId::parse(text, &id));
        filter.usbIds << id;
    }
    PortInfo port;
    port.hasUsbIds = portHasIds;
    port.vendorId = quint16(vendor);
    port.productId = quint16(product);
    QCOMPARE(filter.acceptsUsb(port), accepted);
}

QTEST_GUILESS_MAIN(TestPortInfo)
#include "tst_portinfo.moc"
