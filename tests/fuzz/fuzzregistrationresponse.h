// The registration-response parser's fuzz entry, shared by the libFuzzer target and by the
// corpus regression test that runs in every normal build.
#pragma once

#include <QByteArrayView>
#include <QString>

namespace Blackbird::Fuzz {

// Runs RegistrationResponseParser over input (a whole HTTP body as the service might send it) and
// checks its promises. Returns an empty string when they hold, otherwise what broke.
QString checkRegistrationResponse(QByteArrayView input);

} // namespace Blackbird::Fuzz
