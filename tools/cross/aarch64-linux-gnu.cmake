# CMake toolchain for building rolesel for arm64 (AWS Graviton) on an x86-64
# Debian 12 machine: Debian's cross compiler (crossbuild-essential-arm64)
# and the arm64 libraries installed side by side with the native ones
# (multiarch: dpkg --add-architecture arm64; tools/deps.sh --arm64 does it).
# Binaries built here run on the build machine under qemu-user
# (qemu-user-static), which CTest uses as the cross-compiling emulator.
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=tools/cross/aarch64-linux-gnu.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
# Headers and CMake packages in /usr serve both architectures; libraries
# come only from the arm64 multiarch folders.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu /)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# pkg-config (for RE2) reads the arm64 .pc files only.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)
# qemu-aarch64-static finds the arm64 loader where multiarch puts it
# (/lib/ld-linux-aarch64.so.1), and the loader finds the arm64 libraries.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64-static CACHE STRING "")
