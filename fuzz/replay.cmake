# Runs a fuzz target once over every file of its committed corpus (a regression test).
# cmake -DFUZZER=path -DCORPUS=dir -P replay.cmake
file(GLOB_RECURSE inputs LIST_DIRECTORIES false "${CORPUS}/*")
if(NOT inputs)
    message(FATAL_ERROR "no corpus files in ${CORPUS}")
endif()
list(LENGTH inputs count)
message(STATUS "replaying ${count} inputs from ${CORPUS}")
execute_process(COMMAND "${FUZZER}" -timeout=10 -rss_limit_mb=1024 ${inputs}
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${FUZZER} failed on its corpus (exit ${result})")
endif()
