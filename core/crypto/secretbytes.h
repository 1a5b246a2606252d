// Bytes that must not outlive their use: claim private keys, API keys. The buffer is wiped with
// OPENSSL_cleanse when the object is cleared or destroyed, and it is never implicitly copied.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Blackbird {

class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(QByteArray bytes);
    ~SecretBytes();
    SecretBytes(SecretBytes &&other) noexcept;
    SecretBytes &operator=(SecretBytes &&other) noexcept;
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;

    // An explicit copy, so that every duplicate of a secret is visible in the code.
    SecretBytes clone() const
    {
        return SecretBytes(QByteArray(m_bytes.constData(), m_bytes.size()));
    }

    bool isEmpty() const { return m_bytes.isEmpty(); }
    qsizetype size() const { return m_bytes.size(); }
    QByteArrayView view() const { return m_bytes; }
    const char *constData() const { return m_bytes.constData(); }

    // Overwrites the bytes and empties the buffer.
    void wipe();

    // Wipes a plain QByteArray that held a secret (detaching first would only wipe a copy).
    static void wipe(QByteArray &bytes);

private:
    QByteArray m_bytes;
};

} // namespace Blackbird
