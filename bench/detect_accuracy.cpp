// Accuracy of norm::detect and of libuchardet on the same inputs:
// corpora/detect/ (whole files and 16/32/64/256-byte pieces; see
// tests/corpus/detect_corpus_test.cpp for the layout). An answer counts as
// right when it names the expected encoding or decodes the bytes to the
// same text (with norm::decode; uchardet's names are mapped with
// norm::encoding_from_name, and an answer norm cannot name is wrong).
//   build-bench/bench/detect_accuracy
#include <uchardet.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <norm/norm.hpp>

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool same_text(const std::string& bytes, norm::encoding a, norm::encoding b) {
  if (a == b) return true;
  if (a == norm::encoding::unknown || b == norm::encoding::unknown) return false;
  auto x = norm::decode(bytes, a), y = norm::decode(bytes, b);
  return x && y && x->text == y->text;
}

norm::encoding uchardet_answer(uchardet_t ud, const std::string& bytes) {
  uchardet_reset(ud);
  uchardet_handle_data(ud, bytes.data(), bytes.size());
  uchardet_data_end(ud);
  const char* cs = uchardet_get_charset(ud);
  std::string name = cs ? cs : "";
  if (name == "ASCII") return norm::encoding::ascii;
  auto e = norm::encoding_from_name(name);
  return e ? *e : norm::encoding::unknown;
}

bool is_cjk(norm::encoding e) {
  switch (norm::family(e)) {
    case norm::encoding_family::chinese_simplified:
    case norm::encoding_family::chinese_traditional:
    case norm::encoding_family::japanese:
    case norm::encoding_family::korean: return true;
    default: return false;
  }
}

}  // namespace

int main() {
  const fs::path root = fs::path(NORM_CORPUS_DIR) / "detect";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  uchardet_t ud = uchardet_new();
  struct tally { int total = 0, norm = 0, uchardet = 0; };
  std::map<std::string, tally> t;  // "whole", "16", ... and "cjk 16" ...
  auto count = [&](const std::string& group, const std::string& bytes, norm::encoding want) {
    bool n = same_text(bytes, norm::detect(bytes).best(), want);
    bool u = same_text(bytes, uchardet_answer(ud, bytes), want);
    for (std::string key : {group, std::string(is_cjk(want) ? "CJK " : "other ") + group}) {
      tally& x = t[key];
      ++x.total;
      x.norm += n;
      x.uchardet += u;
    }
  };
  for (const fs::path& p : files) {
    std::string rel = fs::relative(p, root).generic_string();
    std::string stem = p.stem().string();
    if (stem.size() > 4 && stem.substr(stem.size() - 4) == ".bom") stem.resize(stem.size() - 4);
    auto want = norm::encoding_from_name(stem);
    if (!want || rel.rfind("binary/", 0) == 0) continue;
    if (p.extension() == ".txt" && rel.rfind("pieces/", 0) != 0) {
      count("whole", read_file(p), *want);
    } else if (p.extension() == ".hex") {
      std::string size = rel.substr(7, rel.find('/', 7) - 7);
      std::ifstream in(p);
      std::string line;
      while (std::getline(in, line)) {
        std::string b;
        for (std::size_t i = 0; i + 1 < line.size(); i += 2)
          b.push_back(static_cast<char>(std::stoi(line.substr(i, 2), nullptr, 16)));
        if (!b.empty()) count(size, b, *want);
      }
    }
  }
  uchardet_delete(ud);
  std::printf("| cases | n | norm | uchardet |\n|---|---|---|---|\n");
  for (const auto& [k, x] : t)
    std::printf("| %s | %d | %.1f%% | %.1f%% |\n", k.c_str(), x.total, 100.0 * x.norm / x.total,
                100.0 * x.uchardet / x.total);
  return 0;
}
