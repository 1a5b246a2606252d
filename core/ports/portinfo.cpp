#include "portinfo.h"

namespace Blackbird {

bool UsbId::parse(const QString &text, UsbId *id)
{
    const QStringList parts = text.trimmed().split(QLatin1Char(':'));
    if (parts.isEmpty() || parts.size() > 2)
        return false;

    UsbId parsed;
    bool ok = false;
    const uint vendor = parts.at(0).toUInt(&ok, 16);
    if (!ok || vendor == 0 || vendor > 0xffff || parts.at(0).size() > 4)
        return false;
    parsed.vendorId = quint16(vendor);

    if (parts.size() == 2) {
        const uint product = parts.at(1).toUInt(&ok, 16);
        if (!ok || product > 0xffff || parts.at(1).size() > 4)
            return false;
        parsed.productId = quint16(product);
    }
    *id = parsed;
    return true;
}

QString UsbId::toString() const
{
    const QString vendor = QStringLiteral("%1").arg(vendorId, 4, 16, QLatin1Char('0'));
    if (productId == 0)
        return vendor;
    return vendor + QLatin1Char(':') + QStringLiteral("%1").arg(productId, 4, 16, QLatin1Char('0'));
}

QString PortInfo::usbIdText() const
{
    if (!hasUsbIds)
        return {};
    return UsbId{vendorId, productId}.toString();
}

bool PortFilter::acceptsUsb(const PortInfo &port) const
{
    if (usbIds.isEmpty())
        return true;
    if (!port.hasUsbIds)
        return false;
    for (const UsbId &id : usbIds) {
        if (id.vendorId == port.vendorId && (id.productId == 0 || id.productId == port.productId))
            return true;
    }
    return false;
}

} // namespace Blackbird
