#include "crypto/cryptothread.h"

#include <openssl/crypto.h>

namespace Blackbird {

void releaseCryptoThreadState()
{
    OPENSSL_thread_stop();
}

} // namespace Blackbird
