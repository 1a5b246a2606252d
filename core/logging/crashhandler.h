// What the station leaves behind when it crashes: a short report (program, version, signal,
// time, and the stack as return addresses with the symbols the dynamic linker knows) in the
// user's data folder, "crashes/crash-<time>-<pid>.txt". Nothing else: no memory, no registers,
// no log lines, no settings, so that no claim key or API key can reach a crash report (the
// crash handler test holds secrets in memory while it crashes and searches the report for them).
#pragma once

#include <QString>

namespace Blackbird::CrashHandler {

// Where reports go when no folder is given: the application's data folder, "crashes".
QString defaultReportFolder();

// Installs the handler for SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT. The report's path is
// fixed now (the handler may not allocate); the folder is made now. Returns false and says why
// when the folder cannot be made. Builds with AddressSanitizer keep the sanitizer's own report
// and install nothing (returning true).
//
// Known shortcoming: on Windows nothing is installed yet (it needs a structured exception
// filter writing the same report); the function returns true there without effect.
bool install(const QString &folder, QString *error);

// The file the next crash writes, empty before install().
QString reportPath();

} // namespace Blackbird::CrashHandler
