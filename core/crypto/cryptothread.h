// Per-thread OpenSSL state for work that runs on pooled threads.
#pragma once

namespace Blackbird {

// Frees the OpenSSL state (error queue, per-thread caches) of the calling thread. Call it at the
// end of every crypto task that runs on a pooled thread: OpenSSL frees a thread's state when
// the thread ends, but a pool thread may still be alive when OpenSSL's exit handler runs, and
// that handler only frees the state of the thread that runs it. The next OpenSSL call on this
// thread simply allocates fresh state.
void releaseCryptoThreadState();

} // namespace Blackbird
