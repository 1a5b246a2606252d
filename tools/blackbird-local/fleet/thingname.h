// The rule that names a thing after the device it stands for.
#pragma once

#include <QString>

namespace Blackbird::Local {

// "<deviceType>_<uuid>", with every character outside AWS IoT's thing-name alphabet
// (A-Z a-z 0-9 _ - :) replaced by '_', cut to AWS's limit of 128 characters.
QString thingNameFor(const QString &deviceType, const QString &uuid);

} // namespace Blackbird::Local
