#include "secretbytes.h"

#include <openssl/crypto.h>

#include <utility>

namespace Blackbird {

SecretBytes::SecretBytes(QByteArray bytes)
    : m_bytes(std::move(bytes))
{
    // Own a private buffer so wiping it can never miss a shared copy.
    m_bytes.detach();
}

SecretBytes::~SecretBytes()
{
    wipe();
}

SecretBytes::SecretBytes(SecretBytes &&other) noexcept
    : m_bytes(std::exchange(other.m_bytes, QByteArray()))
{}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept
{
    if (this != &other) {
        wipe();
        m_bytes = std::exchange(other.m_bytes, QByteArray());
    }
    return *this;
}

void SecretBytes::wipe()
{
    wipe(m_bytes);
}

void SecretBytes::wipe(QByteArray &bytes)
{
    // Wipe only a buffer this object alone owns: detaching a shared one would allocate a copy
    // and wipe that instead, leaving the original intact.
    if (!bytes.isEmpty() && !bytes.isDetached()) {
        bytes = QByteArray();
        return;
    }
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes = QByteArray();
}

} // namespace Blackbird
