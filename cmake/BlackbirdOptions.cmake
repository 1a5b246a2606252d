# One INTERFACE target carries the language level, the warnings and the strict Qt defines that
# every target of the project links, so no target sets its own.
add_library(blackbird_options INTERFACE)
target_compile_features(blackbird_options INTERFACE cxx_std_20)
target_compile_options(blackbird_options INTERFACE
    $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-Wall -Wextra -Wpedantic>
    $<$<COMPILE_LANG_AND_ID:CXX,GNU>:-Wshadow=local>
    $<$<COMPILE_LANG_AND_ID:C,GNU,Clang>:-Wall -Wextra -Wpedantic>)
target_compile_definitions(blackbird_options INTERFACE
    QT_NO_FOREACH
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    BLACKBIRD_VERSION="${PROJECT_VERSION}")
