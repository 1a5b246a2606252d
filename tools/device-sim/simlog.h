// The device simulator's own logging category, "blackbird.sim". It lives with the tool rather
// than in core/logging because only the simulator logs under it.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSim)
