// Detection on short, hand-picked inputs (the corpus runner in
// tests/corpus/ covers the large generated set).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "norm/norm.hpp"

namespace {

struct detect_case {
  const char* id;
  std::string bytes;
  norm::encoding expected;
};

// Generated with python3 (text.encode(codec)); the texts are ordinary
// sentences in each language.
const detect_case kCases[] = {
    {"gbk-zh", std::string("\xD5\xE2\xCA\xC7\xD2\xBB\xB8\xF6\xBC\xF2\xB5\xA5\xB5\xC4\xD6\xD0\xCE\xC4\xB2\xE2\xCA\xD4\xBE\xE4\xD7\xD3\xA3\xAC\xCE\xD2\xC3\xC7\xBF\xB4\xBF\xB4\xBC\xEC\xB2\xE2\xBD\xE1\xB9\xFB\xA1\xA3"), norm::encoding::gbk},
    {"gbk-zh-short", std::string("\xD6\xD0\xCE\xC4\xB1\xE0\xC2\xEB\xBC\xEC\xB2\xE2"), norm::encoding::gbk},
    {"gbk-traditional-seed004", std::string("\xD4\xDA\xDE\x6F\xC5\x66\xD3\xAD\xD0\xC2\xB5\xC4\xC9\xDF\xC4\xEA\xB4\xBA\xB9\x9D\xBC\xD9\xC6\xDA\xA3\xAC\x99\x4D\xBF\xD5\xB3\xF6\xCA\xC0\xB5\xC4"), norm::encoding::gbk},
    {"big5-zh", std::string("\xB3\x6F\xAC\x4F\xA4\x40\xAD\xD3\xC2\xB2\xB3\xE6\xAA\xBA\xC1\x63\xC5\xE9\xA4\xA4\xA4\xE5\xB4\xFA\xB8\xD5\xA5\x79\xA4\x6C\xA1\x41\xAC\xDD\xAC\xDD\xB0\xBB\xB4\xFA\xB5\xB2\xAA\x47\xA1\x43"), norm::encoding::big5},
    {"sjis-ja", std::string("\x82\xB1\x82\xEA\x82\xCD\x93\xFA\x96\x7B\x8C\xEA\x82\xCC\x83\x65\x83\x58\x83\x67\x95\xB6\x82\xC5\x82\xB7\x81\x42\x95\xB6\x8E\x9A\x83\x52\x81\x5B\x83\x68\x82\xF0\x94\xBB\x92\xE8\x82\xB5\x82\xDC\x82\xB7\x81\x42"), norm::encoding::shift_jis},
    {"eucjp-ja", std::string("\xA4\xB3\xA4\xEC\xA4\xCF\xC6\xFC\xCB\xDC\xB8\xEC\xA4\xCE\xA5\xC6\xA5\xB9\xA5\xC8\xCA\xB8\xA4\xC7\xA4\xB9\xA1\xA3\xCA\xB8\xBB\xFA\xA5\xB3\xA1\xBC\xA5\xC9\xA4\xF2\xC8\xBD\xC4\xEA\xA4\xB7\xA4\xDE\xA4\xB9\xA1\xA3"), norm::encoding::euc_jp},
    {"euckr-ko", std::string("\xC0\xCC\xB0\xCD\xC0\xBA\x20\xC7\xD1\xB1\xB9\xBE\xEE\x20\xB9\xAE\xC0\xE5\xC0\xD4\xB4\xCF\xB4\xD9\x2E\x20\xB9\xAE\xC0\xDA\x20\xC0\xCE\xC4\xDA\xB5\xF9\xC0\xBB\x20\xC6\xC7\xBA\xB0\xC7\xD5\xB4\xCF\xB4\xD9\x2E"), norm::encoding::euc_kr},
    {"cp1251-ru", std::string("\xDD\xF2\xEE\x20\xEF\xF0\xEE\xF1\xF2\xEE\xE5\x20\xEF\xF0\xE5\xE4\xEB\xEE\xE6\xE5\xED\xE8\xE5\x20\xED\xE0\x20\xF0\xF3\xF1\xF1\xEA\xEE\xEC\x20\xFF\xE7\xFB\xEA\xE5\x20\xE4\xEB\xFF\x20\xEF\xF0\xEE\xE2\xE5\xF0\xEA\xE8\x20\xEA\xEE\xE4\xE8\xF0\xEE\xE2\xEA\xE8\x2E"), norm::encoding::windows1251},
    {"koi8r-ru", std::string("\xFC\xD4\xCF\x20\xD0\xD2\xCF\xD3\xD4\xCF\xC5\x20\xD0\xD2\xC5\xC4\xCC\xCF\xD6\xC5\xCE\xC9\xC5\x20\xCE\xC1\x20\xD2\xD5\xD3\xD3\xCB\xCF\xCD\x20\xD1\xDA\xD9\xCB\xC5\x20\xC4\xCC\xD1\x20\xD0\xD2\xCF\xD7\xC5\xD2\xCB\xC9\x20\xCB\xCF\xC4\xC9\xD2\xCF\xD7\xCB\xC9\x2E"), norm::encoding::koi8_r},
    {"cp1252-fr", std::string("\x4C\x65\x20\x63\x61\x66\xE9\x20\x65\x73\x74\x20\x74\x72\xE8\x73\x20\x62\x6F\x6E\x2C\x20\x6D\x61\x69\x73\x20\x6C\x61\x20\x63\x72\xE8\x6D\x65\x20\x62\x72\xFB\x6C\xE9\x65\x20\x65\x73\x74\x20\x6D\x65\x69\x6C\x6C\x65\x75\x72\x65\x20\xE0\x20\x4E\x6F\xEB\x6C\x2E"), norm::encoding::windows1252},
    {"cp1250-pl", std::string("\x5A\x61\xBF\xF3\xB3\xE6\x20\x67\xEA\x9C\x6C\xB9\x20\x6A\x61\x9F\xF1\x2C\x20\x74\x6F\x20\x6A\x65\x73\x74\x20\x7A\x64\x61\x6E\x69\x65\x20\x77\x20\x6A\xEA\x7A\x79\x6B\x75\x20\x70\x6F\x6C\x73\x6B\x69\x6D\x20\x6F\x20\x9F\x72\xF3\x64\xB3\x61\x63\x68\x2E"), norm::encoding::windows1250},
    {"cp1253-el", std::string("\xC1\xF5\xF4\xDE\x20\xE5\xDF\xED\xE1\xE9\x20\xEC\xE9\xE1\x20\xE1\xF0\xEB\xDE\x20\xF0\xF1\xFC\xF4\xE1\xF3\xE7\x20\xF3\xF4\xE1\x20\xE5\xEB\xEB\xE7\xED\xE9\xEA\xDC\x20\xE3\xE9\xE1\x20\xE4\xEF\xEA\xE9\xEC\xDE\x2E"), norm::encoding::windows1253},
    {"utf8-zh", std::string("\xE8\xBF\x99\xE6\x98\xAF\xE4\xB8\x80\xE4\xB8\xAA\xE7\xAE\x80\xE5\x8D\x95\xE7\x9A\x84\xE4\xB8\xAD\xE6\x96\x87\xE6\xB5\x8B\xE8\xAF\x95\xE5\x8F\xA5\xE5\xAD\x90\xE3\x80\x82"), norm::encoding::utf8},
    {"utf16le-cjk-nobom", std::string("\xD9\x8F\x2F\x66\x00\x4E\x2A\x4E\x80\x7B\x55\x53\x84\x76\x2D\x4E\x87\x65\x4B\x6D\xD5\x8B\xE5\x53\x50\x5B\x02\x30", 28), norm::encoding::utf16le},
    {"utf16be-latin-nobom", std::string("\x00\x48\x00\x65\x00\x6C\x00\x6C\x00\x6F\x00\x2C\x00\x20\x00\x77\x00\x6F\x00\x72\x00\x6C\x00\x64\x00\x3A\x00\x20\x00\x70\x00\x6C\x00\x61\x00\x69\x00\x6E\x00\x20\x00\x74\x00\x65\x00\x78\x00\x74\x00\x2E", 50), norm::encoding::utf16be},
    {"utf16le-latin-nobom", std::string("\x48\x00\x65\x00\x6C\x00\x6C\x00\x6F\x00\x2C\x00\x20\x00\x77\x00\x6F\x00\x72\x00\x6C\x00\x64\x00\x3A\x00\x20\x00\x70\x00\x6C\x00\x61\x00\x69\x00\x6E\x00\x20\x00\x74\x00\x65\x00\x78\x00\x74\x00\x2E\x00", 50), norm::encoding::utf16le},
    {"iso2022jp", std::string("\x1B\x24\x42\x46\x7C\x4B\x5C\x38\x6C\x24\x4E\x25\x46\x25\x2D\x25\x39\x25\x48\x1B\x28\x42"), norm::encoding::iso2022jp},
    {"hz", std::string("\x7E\x7B\x56\x50\x4E\x44\x31\x60\x42\x6B\x7E\x7D"), norm::encoding::hz},
    {"ascii", std::string("plain old ASCII text\n"), norm::encoding::ascii},
};

TEST(Detect, TableOfShortInputs) {
  for (const detect_case& c : kCases) {
    norm::detection d = norm::detect(c.bytes);
    ASSERT_EQ(d.kind, norm::content_kind::text) << c.id << " " << d.detail;
    ASSERT_FALSE(d.candidates.empty()) << c.id;
    EXPECT_EQ(norm::name(d.best()), norm::name(c.expected)) << c.id;
  }
}

TEST(Detect, EmptyInputIsAscii) {
  norm::detection d = norm::detect("");
  EXPECT_EQ(d.kind, norm::content_kind::text);
  EXPECT_EQ(d.best(), norm::encoding::ascii);
  EXPECT_EQ(d.candidates.front().bytes_examined, 0u);
}

TEST(Detect, ByteOrderMarks) {
  struct bom_case {
    std::string bytes;
    norm::encoding enc;
    std::uint64_t len;
  };
  const bom_case cases[] = {
      {std::string("\xEF\xBB\xBFhi"), norm::encoding::utf8, 3},
      {std::string("\xFF\xFEh\0i\0", 6), norm::encoding::utf16le, 2},
      {std::string("\xFE\xFF\0h\0i", 6), norm::encoding::utf16be, 2},
      {std::string("\xFF\xFE\0\0h\0\0\0", 8), norm::encoding::utf32le, 4},
      {std::string("\0\0\xFE\xFF\0\0\0h", 8), norm::encoding::utf32be, 4},
  };
  for (const auto& c : cases) {
    norm::detection d = norm::detect(c.bytes);
    EXPECT_TRUE(d.has_bom);
    EXPECT_EQ(d.bom_length, c.len);
    EXPECT_EQ(d.best(), c.enc) << norm::name(c.enc);
    EXPECT_TRUE(d.candidates.front().reliable);
  }
}

TEST(Detect, Utf32WithoutBom) {
  std::string s;
  for (char c : std::string("text in utf-32")) s += std::string({c, 0, 0, 0});
  EXPECT_EQ(norm::detect(s).best(), norm::encoding::utf32le);
}

TEST(Detect, BinaryBySignature) {
  const std::pair<std::string, const char*> cases[] = {
      {std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "PNG image"},
      {std::string("\x7F" "ELF\x02\x01\x01\0", 8), "ELF executable"},
      {std::string("\x1F\x8B\x08\0", 4), "gzip data"},
      {std::string("%PDF-1.7\n"), "PDF document"},
      {std::string("SQLite format 3\0", 16), "SQLite database"},
  };
  for (const auto& [bytes, what] : cases) {
    norm::detection d = norm::detect(bytes);
    EXPECT_EQ(d.kind, norm::content_kind::binary) << what;
    EXPECT_EQ(d.reason, norm::binary_reason::magic_number) << what;
    EXPECT_EQ(d.detail, what);
    EXPECT_TRUE(d.candidates.empty());
    EXPECT_EQ(d.best(), norm::encoding::unknown);
  }
}

TEST(Detect, BinaryByNulsAndControls) {
  std::mt19937 rng(7);
  std::string random(4096, '\0');
  for (char& c : random) c = static_cast<char>(rng());
  norm::detection d = norm::detect(random);
  EXPECT_EQ(d.kind, norm::content_kind::binary);
  EXPECT_NE(d.reason, norm::binary_reason::none);

  std::string controls;
  for (int i = 0; i < 200; ++i) controls += "ab\x01\x02\x03";
  d = norm::detect(controls);
  EXPECT_EQ(d.kind, norm::content_kind::binary);
  EXPECT_EQ(d.reason, norm::binary_reason::control_bytes);
}

TEST(Detect, NeverUtf8ForInvalidUtf8) {
  std::mt19937 rng(11);
  for (int round = 0; round < 2000; ++round) {
    std::string s(1 + rng() % 64, '\0');
    for (char& c : s) c = static_cast<char>(0x80 | rng());
    norm::detection d = norm::detect(s);
    if (d.best() == norm::encoding::utf8) {
      EXPECT_TRUE(norm::is_valid_utf8(s));
    }
  }
}

TEST(Detect, ConfidencesAreSortedAndBounded) {
  for (const detect_case& c : kCases) {
    norm::detection d = norm::detect(c.bytes);
    double sum = 0, prev = 2;
    for (const auto& cand : d.candidates) {
      EXPECT_GE(cand.confidence, 0.0) << c.id;
      EXPECT_LE(cand.confidence, 1.0) << c.id;
      EXPECT_LE(cand.confidence, prev) << c.id;
      EXPECT_LE(cand.bytes_examined, c.bytes.size()) << c.id;
      prev = cand.confidence;
      sum += cand.confidence;
    }
    EXPECT_LE(sum, 1.0 + 1e-9) << c.id;
  }
}

TEST(Detect, MaxCandidatesIsHonoured) {
  norm::detect_options o;
  o.max_candidates = 2;
  norm::detection d = norm::detect(kCases[0].bytes, o);
  EXPECT_LE(d.candidates.size(), 2u);
  EXPECT_GE(d.candidates.size(), 1u);
}

TEST(Detect, LongInputStopsScoringEarlyButChecksAllUtf8) {
  // 4 MiB of GBK text: decided from a prefix.
  std::string gbk;
  while (gbk.size() < (4u << 20)) gbk += kCases[0].bytes;
  norm::detection d = norm::detect(gbk);
  EXPECT_EQ(d.best(), norm::encoding::gbk);
  EXPECT_LT(d.candidates.front().bytes_examined, gbk.size());
  // UTF-8 with one invalid byte at the very end is not UTF-8.
  std::string utf8;
  while (utf8.size() < (1u << 20)) utf8 += "\xE4\xB8\xAD\xE6\x96\x87 ";
  EXPECT_EQ(norm::detect(utf8).best(), norm::encoding::utf8);
  utf8 += "\xFF";
  EXPECT_NE(norm::detect(utf8).best(), norm::encoding::utf8);
}

}  // namespace
