// One blocking pass over the system's serial ports and the configured path patterns. It touches
// the file system, so PortWatcher runs it on a worker thread, never on the GUI thread.
#pragma once

#include "portinfo.h"

#include <QList>

namespace Blackbird {

class PortScanner
{
public:
    // The candidate ports now, sorted by path; pattern matches that resolve to a system port
    // take that port's USB details and replace it.
    static QList<PortInfo> scan(const PortFilter &filter);

    // Every existing path that matches a glob pattern, sorted.
    static QStringList expandPattern(const QString &pattern);
};

} // namespace Blackbird
