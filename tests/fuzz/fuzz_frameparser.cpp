// libFuzzer target for the serial protocol's frame parser. Build with
// -DBLACKBIRD_BUILD_FUZZERS=ON and clang, run: fuzz_frameparser tests/fuzz/corpus
#include "fuzzframeparser.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString failure = Blackbird::Fuzz::checkFrameParser(
        QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!failure.isEmpty()) {
        std::fprintf(stderr, "frame parser invariant broken: %s\n", qPrintable(failure));
        std::abort();
    }
    return 0;
}
