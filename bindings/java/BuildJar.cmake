# Builds a jar with javac and jar alone (no Maven, no network), run by
# bindings/java/CMakeLists.txt as a custom command:
#   cmake -DOUT=<jar> -DWORK=<dir> -DSOURCES=<dirs;...> -DCLASSPATH=<jars:...>
#         [-DPROTOC=<protoc> -DPROTO_ROOT=<dir>] -DJAVAC=... -DJAR=... -P BuildJar.cmake
# With PROTOC, the messages of PROTO_ROOT/netra/v1/*.proto are generated
# first (protoc --java_out) and compiled into the jar with the sources.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/gen ${WORK}/classes)
set(dirs ${SOURCES})
if(PROTOC)
  file(GLOB protos ${PROTO_ROOT}/netra/v1/*.proto)
  execute_process(COMMAND ${PROTOC} -I${PROTO_ROOT} --java_out=${WORK}/gen ${protos} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "protoc --java_out failed (${rc})")
  endif()
  list(APPEND dirs ${WORK}/gen)
endif()
set(java_files)
foreach(d ${dirs})
  file(GLOB_RECURSE f ${d}/*.java)
  list(APPEND java_files ${f})
endforeach()
list(SORT java_files)
string(REPLACE ";" "\n" argfile "${java_files}")
file(WRITE ${WORK}/sources.txt "${argfile}\n")
execute_process(COMMAND ${JAVAC} -nowarn -encoding UTF-8 --release 17 -cp "${CLASSPATH}" -d ${WORK}/classes @${WORK}/sources.txt
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "javac failed (${rc})")
endif()
execute_process(COMMAND ${JAR} --create --file ${OUT} -C ${WORK}/classes . RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "jar failed (${rc})")
endif()
