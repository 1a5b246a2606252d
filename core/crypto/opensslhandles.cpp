#include "opensslhandles.h"

#include <QStringList>

#include <openssl/err.h>

namespace Blackbird::Ssl {

BioPtr memoryBio(const char *data, qsizetype size)
{
    return BioPtr(BIO_new_mem_buf(data, int(size)));
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, qsizetype(size)) : QByteArray();
}

QString lastError(const QString &doing)
{
    QStringList reasons;
    while (const unsigned long code = ERR_get_error()) {
        char text[256];
        ERR_error_string_n(code, text, sizeof text);
        reasons << QString::fromLatin1(text);
    }
    if (reasons.isEmpty())
        return doing;
    return doing + QStringLiteral(": ") + reasons.join(QStringLiteral("; "));
}

} // namespace Blackbird::Ssl
