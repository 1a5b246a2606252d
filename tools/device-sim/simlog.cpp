#include "simlog.h"

Q_LOGGING_CATEGORY(lcSim, "blackbird.sim", QtInfoMsg)
