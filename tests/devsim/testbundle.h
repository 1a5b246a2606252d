// Claim bundles for the simulator's tests: a fresh P-256 key with a self-signed certificate,
// wrapped in the bundle JSON the station transfers. The tests need real certificates because
// the device checks that key, certificate and certificate_id belong together.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Blackbird::Test {

struct TestBundle
{
    QString certificateId;
    QJsonObject object;

    QByteArray json() const;

    // A valid bundle for the device with this uuid; commonName tells two bundles apart.
    static TestBundle create(const QString &uuid, const QString &commonName);
};

} // namespace Blackbird::Test
