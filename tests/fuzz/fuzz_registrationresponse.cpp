// libFuzzer target for the parser of the registration service's answers. Build with the fuzz
// preset (clang), run: fuzz_registrationresponse NEW_DIR tests/fuzz/corpus-registrationresponse
#include "fuzzregistrationresponse.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString failure = Blackbird::Fuzz::checkRegistrationResponse(
        QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!failure.isEmpty()) {
        std::fprintf(stderr, "registration response parser invariant broken: %s\n",
                     qPrintable(failure));
        std::abort();
    }
    return 0;
}
