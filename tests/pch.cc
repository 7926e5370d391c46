// Builds the precompiled header every test binary reuses (see
// tests/CMakeLists.txt). Never run.
int main() { return 0; }
