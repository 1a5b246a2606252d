#include "localfiles.h"

#include <QFile>

namespace Blackbird::Local {

namespace {

bool write(const QString &path, QByteArrayView bytes, QFileDevice::Permissions permissions,
           QString *error)
{
    // The file is removed first so the mode applies from creation on, even on a rewrite.
    QFile::remove(path);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions) ||
        file.write(bytes.data(), bytes.size()) != bytes.size() || !file.flush()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

bool LocalFiles::writePublic(const QString &path, const QByteArray &bytes, QString *error)
{
    return write(path, bytes,
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                     QFileDevice::ReadOther,
                 error);
}

bool LocalFiles::writeSecret(const QString &path, const SecretBytes &bytes, QString *error)
{
    if (bytes.isEmpty()) {
        if (error)
            *error = QStringLiteral("nothing to write to %1").arg(path);
        return false;
    }
    return write(path, bytes.view(), QFileDevice::ReadOwner | QFileDevice::WriteOwner, error);
}

QByteArray LocalFiles::read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    return file.readAll();
}

} // namespace Blackbird::Local
