# SQL migrations are compiled into ebill_common, so the programs never need
# the source tree at run time: sql/<dialect>/NNN_name.sql -> embedded_sql.cc.
file(GLOB EBILL_SQL_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sql/*/*.sql)
set(EBILL_EMBEDDED_SQL ${CMAKE_CURRENT_BINARY_DIR}/embedded_sql.cc)
add_custom_command(
  OUTPUT ${EBILL_EMBEDDED_SQL}
  COMMAND ${CMAKE_COMMAND} -DSQL_ROOT=${PROJECT_SOURCE_DIR}/sql -DOUT=${EBILL_EMBEDDED_SQL}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/storage/embed_sql.cmake
  DEPENDS ${EBILL_SQL_FILES} ${CMAKE_CURRENT_SOURCE_DIR}/storage/embed_sql.cmake
  COMMENT "Embedding SQL migrations"
  VERBATIM)
target_sources(ebill_common PRIVATE ${EBILL_EMBEDDED_SQL})
