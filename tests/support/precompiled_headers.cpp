// Compiled only to build a test folder's precompiled header (tests/CMakeLists.txt).
