# Runs one libFuzzer target for a bounded time, as a CTest test:
#   cmake -DFUZZER=<exe> -DSEEDS=<committed corpus> -DWORK=<scratch dir> -DSECONDS=<n>
#         -P runfuzzer.cmake
# The committed corpus is only read; new inputs land in WORK/corpus, and a crashing input in
# WORK/crash-<sha1>, which the failure message names so it can become a regression input.
if(DEFINED ENV{BLACKBIRD_FUZZ_SECONDS})
    set(SECONDS $ENV{BLACKBIRD_FUZZ_SECONDS})
endif()
file(MAKE_DIRECTORY ${WORK}/corpus)

execute_process(
    COMMAND ${FUZZER} -max_total_time=${SECONDS} -timeout=10 -rss_limit_mb=2048
            -print_final_stats=1 -artifact_prefix=${WORK}/ ${WORK}/corpus ${SEEDS}
    RESULT_VARIABLE result)

if(NOT result EQUAL 0)
    file(GLOB artifacts ${WORK}/crash-* ${WORK}/leak-* ${WORK}/timeout-* ${WORK}/oom-*)
    message(FATAL_ERROR "${FUZZER} failed (${result}). Failing input(s): ${artifacts}\n"
                        "Copy each into ${SEEDS} under a name that says what it is, fix the "
                        "bug, and the corpus test keeps checking it in every build.")
endif()
