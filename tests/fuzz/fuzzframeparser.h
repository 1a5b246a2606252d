// The frame parser's fuzz entry, shared by the libFuzzer target and by the corpus regression test
// that runs in every normal build.
#pragma once

#include <QByteArrayView>
#include <QString>

namespace Blackbird::Fuzz {

// Runs the parser over input and checks its invariants. Returns an empty string when they hold,
// otherwise what broke. Input layout: byte 0 steers the run (bit 7: 256-byte payload limit
// instead of 4096; bit 6: 16-byte line limit instead of 1024; bits 0-5: chunk size - 1 for the
// piecewise feed), the rest is the byte stream a device would send.
QString checkFrameParser(QByteArrayView input);

} // namespace Blackbird::Fuzz
