# The environment of the host-binding tests (bindings/php, bindings/java and
# their examples): where the C ABI library, the `netra` command and the
# sources are, and in the sanitized build the ASan/UBSan runtimes preloaded
# into the unsanitized interpreter (php, java) that loads the sanitized
# libnetra.so, as bindings/python does for /usr/bin/python3.
#   netra_host_test_env(OUT [FIRST LIB])  sets OUT to a list for ENVIRONMENT;
#   FIRST puts LIB before the runtimes in LD_PRELOAD (php's dlopen shim).
function(netra_host_test_env out)
  cmake_parse_arguments(arg "" "FIRST" "" ${ARGN})
  set(env
    NETRA_LIBRARY=$<TARGET_FILE:netra_shared>
    NETRA_CLI=$<TARGET_FILE:netra_cli>
    NETRA_SOURCE_DIR=${PROJECT_SOURCE_DIR})
  if(NETRA_SANITIZE)
    set(preload "")
    foreach(rt libasan.so libubsan.so)  # ASan first: it must be first in the library list
      execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${rt}
                      OUTPUT_VARIABLE rt_path OUTPUT_STRIP_TRAILING_WHITESPACE)
      if(IS_ABSOLUTE "${rt_path}" AND EXISTS "${rt_path}")
        get_filename_component(rt_path "${rt_path}" REALPATH)
        list(APPEND preload "${rt_path}")
      endif()
    endforeach()
    set(order "")
    if(arg_FIRST)
      # ASan wants to be first in the list; the shim must see dlopen first.
      list(PREPEND preload "${arg_FIRST}")
      set(order ":verify_asan_link_order=0")
    endif()
    list(JOIN preload ":" preload)
    # detect_leaks=0: the interpreters do not free everything at exit (the
    # library's own leaks are checked by the C++ suite). handle_segv=0 and
    # allow_user_segv_handler=1: the JVM uses SIGSEGV itself (safepoints,
    # implicit null checks); ASan must leave the signal to it.
    list(APPEND env LD_PRELOAD=${preload}
      "ASAN_OPTIONS=detect_leaks=0:halt_on_error=1:abort_on_error=1:handle_segv=0:allow_user_segv_handler=1${order}"
      "UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1"
      NETRA_SANITIZED=1)
  endif()
  set(${out} "${env}" PARENT_SCOPE)
endfunction()
