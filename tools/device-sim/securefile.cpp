// POSIX rather than QSaveFile: the folder must be synced after the rename for the replacement to
// survive power loss, and a simulated reset has to be able to stop between the two steps.
#include "securefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Blackbird::Sim {

namespace {

const QString kTemporarySuffix = QStringLiteral(".tmp");

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

bool fail(QString *error, const QString &what, const QString &path)
{
    if (error)
        *error = QStringLiteral("%1 %2: %3").arg(what, path, errnoText());
    return false;
}

bool syncFolder(const QString &folder, QString *error)
{
    const int fd =
        ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fail(error, QStringLiteral("cannot open folder"), folder);

    const bool ok = ::fsync(fd) == 0;
    if (!ok)
        fail(error, QStringLiteral("cannot sync folder"), folder);
    ::close(fd);
    return ok;
}

bool writeAll(int fd, QByteArrayView data)
{
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.data() + written, size_t(data.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        written += n;
    }
    return true;
}

} // namespace

QString SecureFile::temporaryPath(const QString &path)
{
    return path + kTemporarySuffix;
}

bool SecureFile::write(const QString &path, QByteArrayView data, QString *error,
                       Interruption interruption)
{
    const QString temporary = temporaryPath(path);
    const QByteArray temporaryName = QFile::encodeName(temporary);
    ::unlink(temporaryName.constData());

    const int fd = ::open(temporaryName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(error, QStringLiteral("cannot create"), temporary);

    const bool written = writeAll(fd, data) && ::fsync(fd) == 0;
    if (!written) {
        fail(error, QStringLiteral("cannot write"), temporary);
        ::close(fd);
        ::unlink(temporaryName.constData());
        return false;
    }
    ::close(fd);

    if (interruption == Interruption::BeforeRename) {
        if (error)
            *error = QStringLiteral("reset before %1 replaced %2").arg(temporary, path);
        return false;
    }

    if (::rename(temporaryName.constData(), QFile::encodeName(path).constData()) != 0) {
        fail(error, QStringLiteral("cannot replace"), path);
        ::unlink(temporaryName.constData());
        return false;
    }
    return syncFolder(QFileInfo(path).absolutePath(), error);
}

bool SecureFile::read(const QString &path, QByteArray *data, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    *data = file.readAll();
    return true;
}

bool SecureFile::remove(const QString &path, QString *error)
{
    if (::unlink(QFile::encodeName(path).constData()) != 0 && errno != ENOENT)
        return fail(error, QStringLiteral("cannot remove"), path);
    return syncFolder(QFileInfo(path).absolutePath(), error);
}

int SecureFile::removeLeftovers(const QString &folder)
{
    int removed = 0;
    const QDir dir(folder);
    const QStringList leftovers =
        dir.entryList({QStringLiteral("*") + kTemporarySuffix}, QDir::Files | QDir::Hidden);
    for (const QString &name : leftovers)
        removed += QFile::remove(dir.filePath(name)) ? 1 : 0;
    return removed;
}

bool SecureFile::makeFolder(const QString &folder, QString *error)
{
    if (!QDir().mkpath(folder)) {
        if (error)
            *error = QStringLiteral("cannot create folder %1").arg(folder);
        return false;
    }
    if (::chmod(QFile::encodeName(folder).constData(), 0700) != 0)
        return fail(error, QStringLiteral("cannot restrict folder"), folder);
    return true;
}

} // namespace Blackbird::Sim
