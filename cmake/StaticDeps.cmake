# How rolesel links its dependencies, for a fast process start.
#
# `rolesel eval`, `lint` and `test` run as whole processes (in scripts, CI and
# pre-commit hooks), and the Lambda bootstrap starts on every cold start. On
# the 2-core reference VM, each shared library cost 0.3-1.5 ms to map and
# relocate: with Debian's Abseil (~25 libraries), libcurl (~30 more) and the
# rest, `rolesel eval` took 18.9 ms, nearly all of it in the loader.
#   - libcurl is dlopen'ed on first use (engine/rolesel/internal/curl_api.h).
#   - With ROLESEL_STATIC_DEPS (default ON), Abseil, RE2, pugixml and
#     OpenSSL's libcrypto are linked from the static archives Debian ships
#     beside the shared ones. Abseil recommends this itself (it promises no
#     ABI stability). The price: an OpenSSL or RE2 security update needs a
#     rebuild of rolesel, as the Lambda package (which bundles its libraries)
#     needs anyway. simdjson and libstdc++ stay shared (Debian ships no
#     simdjson archive).
# The switch changes only how this build links: the installed package's
# config still finds the dependencies by name, and a consumer links them as
# it likes.
option(ROLESEL_STATIC_DEPS
       "Link Abseil, RE2, pugixml and libcrypto from their static archives" ON)

# Must run before find_package(OpenSSL): FindOpenSSL reads it.
macro(rolesel_prefer_static_openssl)
  if(ROLESEL_STATIC_DEPS)
    set(OPENSSL_USE_STATIC_LIBS TRUE)
  endif()
endmacro()

# "/x/libfoo.so.1.2" -> "/x/libfoo.a" when that archive exists, else "".
function(rolesel_archive_for library out)
  string(REGEX REPLACE "\\.so(\\.[0-9.]+)?$" ".a" archive "${library}")
  if(NOT archive STREQUAL library AND EXISTS "${archive}")
    set(${out} "${archive}" PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()

# Points an imported target at archives: its IMPORTED_LOCATION_<config>
# (found by find_package config files) and any full library paths in its
# INTERFACE_LINK_LIBRARIES (pkg-config targets).
function(rolesel_link_archive target)
  get_target_property(configs ${target} IMPORTED_CONFIGURATIONS)
  if(configs)
    foreach(config IN LISTS configs)
      get_target_property(location ${target} IMPORTED_LOCATION_${config})
      rolesel_archive_for("${location}" archive)
      if(archive)
        set_target_properties(${target} PROPERTIES IMPORTED_LOCATION_${config} "${archive}"
                                                   IMPORTED_NO_SONAME_${config} TRUE)
      endif()
    endforeach()
  endif()
  get_target_property(links ${target} INTERFACE_LINK_LIBRARIES)
  if(links)
    set(rewritten "")
    foreach(link IN LISTS links)
      rolesel_archive_for("${link}" archive)
      if(archive)
        list(APPEND rewritten "${archive}")
      else()
        list(APPEND rewritten "${link}")
      endif()
    endforeach()
    set_target_properties(${target} PROPERTIES INTERFACE_LINK_LIBRARIES "${rewritten}")
  endif()
endfunction()

# After the find_package calls: Abseil's targets, pugixml's, RE2's.
function(rolesel_link_static_deps)
  if(NOT ROLESEL_STATIC_DEPS)
    return()
  endif()
  get_directory_property(imported IMPORTED_TARGETS)
  foreach(target IN LISTS imported)
    if(target MATCHES "^absl::" OR target STREQUAL "pugixml::shared" OR
       target STREQUAL "PkgConfig::RE2")
      rolesel_link_archive(${target})
    endif()
  endforeach()
endfunction()
