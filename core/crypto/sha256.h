// SHA-256 helpers shared by the bundle transfer, certificate ids and ownership tokens.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Blackbird {

QByteArray sha256(QByteArrayView data);
QByteArray sha256Hex(QByteArrayView data);
// Compares in time independent of where the inputs differ.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace Blackbird
