# cp_layer(NAME DEPS ...): one static library per layer folder, named
# cp_NAME, built from every *.cc under the folder. Layers list their lower
# layers in DEPS; a layer never names a higher one.
function(cp_layer name)
  cmake_parse_arguments(A "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  if(srcs)
    add_library(cp_${name} STATIC ${srcs})
    target_include_directories(cp_${name} PUBLIC ${CP_SRC_DIR})
    target_link_libraries(cp_${name} PUBLIC ${A_DEPS})
  else()
    add_library(cp_${name} INTERFACE)
    target_include_directories(cp_${name} INTERFACE ${CP_SRC_DIR})
    target_link_libraries(cp_${name} INTERFACE ${A_DEPS})
  endif()
endfunction()

# cp_test_binary(NAME DEPS ...): one GoogleTest binary per tests/ folder,
# built from every *_test.cc there. Registered with ctest by the caller.
function(cp_test_binary name)
  cmake_parse_arguments(A "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  add_executable(${name} ${srcs})
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests ${CP_SRC_DIR})
  target_link_libraries(${name} PRIVATE ${A_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
  target_compile_definitions(${name} PRIVATE
    CP_DATA_DIR="${CP_DATA_DIR}" CP_SHARED_DATA_DIR="${CP_SHARED_DATA_DIR}"
    CP_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
endfunction()
