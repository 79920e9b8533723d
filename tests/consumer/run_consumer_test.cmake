# ctest -R consumer_package: install the norm build into a scratch prefix,
# then build and run tests/consumer against it twice:
#   1. CMake: find_package(norm) with CMAKE_PREFIX_PATH=<prefix>;
#   2. pkg-config: c++ main.cpp $(pkg-config --cflags --libs norm) with
#      PKG_CONFIG_PATH=<prefix>/lib/pkgconfig.
# Any failing step fails the test.
# Inputs: -DNORM_SOURCE_DIR= -DNORM_BINARY_DIR= [-DCMAKE_GENERATOR=]
cmake_minimum_required(VERSION 3.25)
foreach(v NORM_SOURCE_DIR NORM_BINARY_DIR)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "run_consumer_test.cmake: -D${v}=... is required")
  endif()
endforeach()

set(work ${NORM_BINARY_DIR}/consumer_test)
set(prefix ${work}/prefix)
file(REMOVE_RECURSE ${work})
file(MAKE_DIRECTORY ${work})

function(step name)
  execute_process(COMMAND ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer test: ${name} failed (${rc}):\n${out}\n${err}")
  endif()
  message(STATUS "consumer test: ${name}: ok\n${out}")
endfunction()

step("install" ${CMAKE_COMMAND} --install ${NORM_BINARY_DIR} --prefix ${prefix})

# 1. CMake package.
set(gen_args)
if(CMAKE_GENERATOR)
  set(gen_args -G "${CMAKE_GENERATOR}")
endif()
step("configure (find_package)" ${CMAKE_COMMAND} -S ${NORM_SOURCE_DIR}/tests/consumer
     -B ${work}/cmake-build ${gen_args} -DCMAKE_PREFIX_PATH=${prefix}
     -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
step("build (find_package)" ${CMAKE_COMMAND} --build ${work}/cmake-build)
step("run (find_package)" ${work}/cmake-build/norm_consumer)

# 2. pkg-config. The .pc file lives under the libdir chosen at configure
# time (lib, or lib/<multiarch> for a /usr prefix).
file(GLOB_RECURSE pc_files ${prefix}/*/norm.pc)
if(NOT pc_files)
  message(FATAL_ERROR "consumer test: no norm.pc installed under ${prefix}")
endif()
list(GET pc_files 0 pc_file)
get_filename_component(pc_dir ${pc_file} DIRECTORY)
find_program(PKG_CONFIG_EXECUTABLE NAMES pkg-config pkgconf REQUIRED)
set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
execute_process(COMMAND ${PKG_CONFIG_EXECUTABLE} --cflags --libs norm
  RESULT_VARIABLE rc OUTPUT_VARIABLE flags ERROR_VARIABLE err
  OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "consumer test: pkg-config --cflags --libs norm failed:\n${err}")
endif()
message(STATUS "consumer test: pkg-config flags: ${flags}")
separate_arguments(flag_list UNIX_COMMAND "${flags}")
find_program(CXX NAMES c++ g++ clang++ REQUIRED)
# Flags after the source: with a static libnorm.a the libraries it needs
# must follow it on the link line, which is what `Requires:` gives.
step("build (pkg-config)" ${CXX} -o ${work}/norm_consumer_pc
     ${NORM_SOURCE_DIR}/tests/consumer/main.cpp ${flag_list})
step("run (pkg-config)" ${work}/norm_consumer_pc)
