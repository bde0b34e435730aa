# Every dependency comes from a Debian 12 package; nothing is downloaded.
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)  # libcrypto: HMAC-SHA256 for signed robot webhooks
find_package(fmt REQUIRED)
find_package(Catch2 2 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(MARIADB REQUIRED IMPORTED_TARGET libmariadb)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)

find_path(RAPIDJSON_INCLUDE_DIR rapidjson/document.h REQUIRED)
add_library(ebill_rapidjson INTERFACE)
target_include_directories(ebill_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIR})
target_compile_definitions(ebill_rapidjson INTERFACE RAPIDJSON_HAS_STDSTRING=1)

# Debian's SOCI 4.0.3 ships neither a CMake config nor a pkg-config file.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_MYSQL_LIBRARY soci_mysql REQUIRED)
find_library(SOCI_SQLITE3_LIBRARY soci_sqlite3 REQUIRED)
add_library(ebill_soci INTERFACE)
target_include_directories(ebill_soci SYSTEM INTERFACE ${SOCI_INCLUDE_DIR})
target_link_libraries(ebill_soci INTERFACE
  ${SOCI_MYSQL_LIBRARY} ${SOCI_SQLITE3_LIBRARY} ${SOCI_CORE_LIBRARY}
  PkgConfig::MARIADB PkgConfig::SQLITE3 Boost::headers ${CMAKE_DL_LIBS})
