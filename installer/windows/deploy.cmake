# Windows deployment, run by `cmake --install` and so by CPack's NSIS generator: windeployqt
# copies Qt's libraries and plugins (platform, styles, TLS backends, SQL drivers, image formats)
# beside the programs, and the libraries Qt does not know about are copied explicitly.
#
# This file cannot run on the Linux build machines of this project; docs/installing.md says how
# a Windows build machine makes the installer and what was not verified here.

# Where a Windows build machine keeps its third-party libraries (vcpkg or hand-built):
#   -DOPENSSL_ROOT_DIR=...  -DQTKEYCHAIN_DLL=...  -DMOSQUITTO_DLL=...
set(QTKEYCHAIN_DLL "" CACHE FILEPATH "qt6keychain.dll to ship with the station")
set(MOSQUITTO_DLL "" CACHE FILEPATH "mosquitto.dll to ship with the station")

qt_generate_deploy_app_script(
    TARGET blackbird-station
    OUTPUT_SCRIPT blackbird_station_deploy
    NO_UNSUPPORTED_PLATFORM_ERROR)
install(SCRIPT ${blackbird_station_deploy} COMPONENT station)

# OpenSSL 3 is loaded by Qt's TLS plugin at run time, so windeployqt cannot see it.
file(GLOB BLACKBIRD_OPENSSL_DLLS
    "${OPENSSL_ROOT_DIR}/bin/libcrypto-3-x64.dll"
    "${OPENSSL_ROOT_DIR}/bin/libssl-3-x64.dll")
if(NOT BLACKBIRD_OPENSSL_DLLS)
    message(WARNING "OpenSSL 3 DLLs not found under OPENSSL_ROOT_DIR/bin: "
                    "the installer would have no TLS")
endif()
install(FILES ${BLACKBIRD_OPENSSL_DLLS} DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT station)

foreach(dll IN ITEMS "${QTKEYCHAIN_DLL}" "${MOSQUITTO_DLL}")
    if(dll)
        install(FILES "${dll}" DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT station)
    else()
        message(WARNING "QTKEYCHAIN_DLL or MOSQUITTO_DLL is not set: the installer would miss it")
    endif()
endforeach()

# Start menu: the station, and the uninstaller CPack adds by itself.
set(CPACK_NSIS_MENU_LINKS "bin/blackbird-station.exe" "Blackbird Provisioning Station")
