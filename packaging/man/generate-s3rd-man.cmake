# Writes the s3rd man page from its template, filling the COMMANDS section with the usage text
# each command prints ("s3rd help COMMAND"), so the page always documents the program it ships
# with.
#
# cmake -DS3RD=<path to s3rd> -DTEMPLATE=<s3rd.1 configured but for @S3RD_COMMANDS@>
#       -DOUTPUT=<s3rd.1> -P generate-s3rd-man.cmake

cmake_minimum_required(VERSION 3.25)

foreach(var S3RD TEMPLATE OUTPUT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "generate-s3rd-man.cmake: ${var} is not set")
    endif()
endforeach()

# Text to troff: escape backslashes, keep option dashes as ASCII minus signs, and protect lines
# that would otherwise start a request.
function(to_troff text out)
    string(REPLACE "\\" "\\e" text "${text}")
    string(REPLACE "-" "\\-" text "${text}")
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

execute_process(COMMAND ${S3RD} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "'${S3RD} --help' failed (${rc})")
endif()

# The command table of "s3rd --help": lines "  NAME   Summary" between "Commands:" and the next
# blank line.
string(REGEX MATCH "Commands:\n([^\n]+\n)+" table "${help}")
string(REGEX REPLACE "^Commands:\n" "" table "${table}")
string(REGEX REPLACE "\n$" "" table "${table}")
string(REPLACE "\n" ";" lines "${table}")

set(section "")
foreach(line IN LISTS lines)
    if(NOT line MATCHES "^  ([a-z][a-z0-9-]*) +(.*)$")
        continue()
    endif()
    set(name ${CMAKE_MATCH_1})
    set(summary "${CMAKE_MATCH_2}")
    if(name STREQUAL "help")
        continue()
    endif()
    execute_process(COMMAND ${S3RD} help ${name} OUTPUT_VARIABLE usage RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0 OR usage STREQUAL "")
        message(FATAL_ERROR "'${S3RD} help ${name}' failed (${rc})")
    endif()
    to_troff("${summary}" summary)
    to_troff("${usage}" usage)
    if(NOT usage MATCHES "\n$")
        string(APPEND usage "\n")
    endif()
    string(APPEND section ".SS ${name}\n${summary}\n.PP\n.nf\n${usage}.fi\n")
endforeach()
if(section STREQUAL "")
    message(FATAL_ERROR "no commands found in '${S3RD} --help'")
endif()
string(APPEND section ".SS help\nShow the list of commands, or the usage of one command.\n"
                      ".PP\n.nf\nUsage: s3rd help [COMMAND]\n.fi")

file(READ ${TEMPLATE} page)
string(REPLACE "@S3RD_COMMANDS@" "${section}" page "${page}")
file(WRITE ${OUTPUT} "${page}")
