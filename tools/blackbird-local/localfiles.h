// Writing the stack's files: public ones (certificates, endpoints.json) readable by all, secret
// ones (private keys) created with mode 0600 before a single byte is written.
#pragma once

#include "crypto/secretbytes.h"

#include <QByteArray>
#include <QString>

namespace Blackbird::Local {

class LocalFiles
{
public:
    static bool writePublic(const QString &path, const QByteArray &bytes, QString *error);
    static bool writeSecret(const QString &path, const SecretBytes &bytes, QString *error);
    static QByteArray read(const QString &path, QString *error);
};

} // namespace Blackbird::Local
