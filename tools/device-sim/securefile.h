// The simulated device's secure storage primitive: small files, owner-only (0600), replaced
// atomically so that a reset at any instant leaves either the complete old file or the complete
// new one. Power loss is emulated by stopping the write at a chosen point.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Blackbird::Sim {

class SecureFile
{
public:
    // Where a simulated reset stops a replacement.
    enum class Interruption {
        None,
        // The temporary file is written and synced, the rename never happens: the old file stays.
        BeforeRename,
        // The rename is done and the folder synced, nothing after it runs: the new file is in
        // place.
        AfterRename,
    };

    // Writes data to a temporary file beside path, syncs it, renames it over path and syncs the
    // folder. Returns false with a reason on failure or when interrupted before the rename.
    static bool write(const QString &path, QByteArrayView data, QString *error,
                      Interruption interruption = Interruption::None);
    // Reads a whole file; a missing file is an error with its own reason.
    static bool read(const QString &path, QByteArray *data, QString *error);
    // Deletes path and syncs its folder; a missing file is not an error.
    static bool remove(const QString &path, QString *error);
    // Removes temporary files a reset left behind in folder.
    static int removeLeftovers(const QString &folder);
    // Creates folder (and parents) owner-only.
    static bool makeFolder(const QString &folder, QString *error);

    static QString temporaryPath(const QString &path);
};

} // namespace Blackbird::Sim
