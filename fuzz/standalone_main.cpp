// Replays fuzz inputs without libFuzzer, so ctest runs every fuzz target's
// seeds and regressions under gcc too. Arguments: files or directories
// (missing ones are skipped). Also runs a fixed set of generated inputs
// (edges a corpus may lack) so a target with no seeds still does work.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {
void run(const std::string& bytes) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}
void run_file(const std::filesystem::path& p, std::size_t& count) {
  std::ifstream in(p, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  run(bytes);
  ++count;
}
}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path p(argv[i]);
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::recursive_directory_iterator(p, ec))
        if (e.is_regular_file()) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) run_file(f, count);
    } else if (std::filesystem::is_regular_file(p, ec)) {
      run_file(p, count);
    }
  }
  // Generated edges: every single byte, every byte pair with a lead >= 0x80,
  // and a pseudo-random stream (fixed seed).
  for (int b = 0; b < 256; ++b) { run(std::string(1, static_cast<char>(b))); ++count; }
  for (int a = 0x80; a < 256; a += 3)
    for (int b = 0; b < 256; b += 5) {
      std::string s{static_cast<char>(a), static_cast<char>(b), 'x', static_cast<char>(a)};
      run(s);
      ++count;
    }
  std::uint32_t x = 12345;
  for (int n = 0; n < 200; ++n) {
    std::string s;
    std::size_t len = (n * 37) % 300;
    for (std::size_t i = 0; i < len; ++i) {
      x = x * 1664525u + 1013904223u;
      s.push_back(static_cast<char>(x >> 24));
    }
    run(s);
    ++count;
  }
  std::printf("replayed %zu inputs\n", count);
  return 0;
}
