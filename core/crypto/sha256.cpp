#include "sha256.h"

#include <QCryptographicHash>

#include <openssl/crypto.h>

namespace Blackbird {

QByteArray sha256(QByteArrayView data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

QByteArray sha256Hex(QByteArrayView data)
{
    return sha256(data).toHex();
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

} // namespace Blackbird
