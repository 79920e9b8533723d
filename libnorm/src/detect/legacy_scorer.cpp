#include "detect/legacy_scorer.hpp"

#include <algorithm>
#include <limits>

#include "detail/charmap.hpp"
#include "detect/tables.hpp"

namespace norm::detail {
namespace {

// Blocks grow from 256 bytes to 4 KiB: most inputs are decided within the
// first few hundred bytes (CJK text leads every other reading by the
// decisive margin after ~60 characters), so the first pass, where all ~140
// readings are alive, must be short; later blocks are long enough that
// per-block bookkeeping is noise.
constexpr std::size_t kFirstBlock = 256;
constexpr std::size_t kBlock = 4096;
// 120 bits: a reading this far behind has odds below 2^-120; it never
// comes back in any corpus case.
constexpr std::int64_t kPruneMargin = 240;
// 200 bits ahead of every other reading: stop scoring.
constexpr std::int64_t kDecisiveMargin = 400;
// An undecodable byte costs 20 bits: worse than the rarest character, yet
// a few stray bytes in a long file do not sink the right reading.
constexpr std::int64_t kInvalidCost = 40;
// Four-byte GB18030 and three-/four-byte EUC-JP / EUC-TW sequences name
// rare characters: 16 bits.
constexpr std::int64_t kRareSeqCost = 32;

struct mb_state {
  const mb_table* t;
  std::size_t pos = 0;
  std::int64_t cost = 0;
  std::uint64_t chars = 0;
  std::uint32_t invalid = 0;
  bool wide = false;
  bool gb4 = false;
  bool alive = true;
};

struct sb_state {
  const sb_table* t;
  std::int64_t cost = 0;
  std::uint64_t chars = 0;
  bool alive = true;
};

inline bool in(unsigned char b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; }

void step_mb(mb_state& s, const unsigned char* p, std::size_t n, std::size_t i) {
  const mb_table& t = *s.t;
  unsigned char b = p[i];
  if (std::uint8_t c = t.single_cost[b]; c != kInvalid) {
    s.cost += c;
    ++s.chars;
    s.pos = i + 1;
    return;
  }
  if (i + 1 < n) {
    unsigned code = (unsigned{b} << 8) | p[i + 1];
    if (std::uint8_t c = t.pair_cost[code]; c != kInvalid) {
      s.cost += c;
      ++s.chars;
      s.wide |= t.wide_only[code] != 0;
      s.pos = i + 2;
      return;
    }
    switch (t.layout) {
      case mb_layout::gb:
        if (i + 3 < n && in(p[i + 1], 0x30, 0x39) && in(p[i + 2], 0x81, 0xFE) &&
            in(p[i + 3], 0x30, 0x39) && b >= 0x81 && b <= 0xFE) {
          s.cost += kRareSeqCost;
          ++s.chars;
          s.gb4 = true;
          s.pos = i + 4;
          return;
        }
        break;
      case mb_layout::euc_tw:
        if (b == 0x8E && i + 3 < n && in(p[i + 1], 0xA1, 0xA7) && in(p[i + 2], 0xA1, 0xFE) &&
            in(p[i + 3], 0xA1, 0xFE)) {
          unsigned pair = (unsigned{p[i + 2]} << 8) | p[i + 3];
          std::uint8_t c = p[i + 1] == 0xA1 ? t.pair_cost[pair] : kInvalid;
          s.cost += c != kInvalid ? c : kRareSeqCost;
          ++s.chars;
          s.pos = i + 4;
          return;
        }
        break;
      case mb_layout::euc_jp:
        if (b == 0x8F && i + 2 < n && in(p[i + 1], 0xA1, 0xFE) && in(p[i + 2], 0xA1, 0xFE)) {
          s.cost += kRareSeqCost;
          ++s.chars;
          s.pos = i + 3;
          return;
        }
        break;
      default:
        break;
    }
  }
  s.cost += kInvalidCost;
  ++s.invalid;
  s.pos = i + 1;
}

void score_mb_block(mb_state& s, const unsigned char* p, std::size_t n,
                    const std::vector<std::uint32_t>& hi) {
  for (std::uint32_t h : hi) {
    if (h < s.pos) continue;  // consumed as a trail byte
    step_mb(s, p, n, h);
  }
}

void score_sb_block(sb_state& s, const unsigned char* p, std::size_t n,
                    const std::vector<std::uint32_t>& hi) {
  const auto& cls = s.t->cls;
  const std::uint8_t* bigram = s.t->bigram;
  std::int64_t cost = 0;
  for (std::uint32_t h : hi) {
    unsigned prev = h > 0 ? cls[p[h - 1]] : kClassSeparator;
    unsigned cur = cls[p[h]];
    cost += bigram[prev * kNumClasses + cur] + s.t->emission[p[h]];
    if (h + 1 < n && p[h + 1] < 0x80) cost += bigram[cur * kNumClasses + cls[p[h + 1]]];
  }
  s.cost += cost;
  s.chars += hi.size();
}

}  // namespace

bool same_single_byte_decoding(encoding a, encoding b, const bool (&seen)[256]) {
  if (a == b) return true;
  if (!is_single_byte(a) || !is_single_byte(b)) return false;
  const char32_t* ma = single_byte_map(a);
  const char32_t* mb = single_byte_map(b);
  if (ma == nullptr || mb == nullptr) return false;
  for (int i = 0x80; i < 256; ++i)
    if (seen[i] && ma[i] != mb[i]) return false;
  return true;
}

legacy_ranking rank_legacy(std::string_view bytes, std::uint64_t max_bytes) {
  const scoring_tables& st = tables();
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  const std::size_t limit = static_cast<std::size_t>(std::min<std::uint64_t>(n, max_bytes));

  std::vector<mb_state> mbs;
  mbs.reserve(st.mb.size());
  for (const mb_table& t : st.mb) mbs.push_back(mb_state{&t});
  std::vector<sb_state> sbs;
  sbs.reserve(st.sb.size());
  for (const sb_table& t : st.sb) sbs.push_back(sb_state{&t});

  legacy_ranking out;
  std::vector<std::uint32_t> hi;
  hi.reserve(kBlock);
  // Scores [blk, end) for the readings alive; returns the best total.
  auto score_block = [&](std::size_t blk, std::size_t end) {
    hi.clear();
    for (std::size_t i = blk; i < end; ++i) {
      if (p[i] >= 0x80) hi.push_back(static_cast<std::uint32_t>(i));
      out.byte_seen[p[i]] = true;
    }
    out.high_bytes += hi.size();
    out.ascii_bytes += (end - blk) - hi.size();
    std::int64_t best = std::numeric_limits<std::int64_t>::max();
    if (hi.empty()) return best;
    for (mb_state& s : mbs)
      if (s.alive) {
        score_mb_block(s, p, n, hi);
        best = std::min(best, s.cost + s.t->prior);
      }
    for (sb_state& s : sbs)
      if (s.alive) {
        score_sb_block(s, p, n, hi);
        best = std::min(best, s.cost + s.t->prior);
      }
    return best;
  };

  std::size_t examined = 0;
  std::size_t block = kFirstBlock;
  bool decided = false;
  encoding best_enc = encoding::unknown;
  while (examined < limit && !decided) {
    const std::size_t blk = examined;
    const std::size_t end = std::min(blk + block, limit);
    block = std::min(block * 2, kBlock);
    examined = end;
    const std::int64_t best = score_block(blk, end);
    if (best == std::numeric_limits<std::int64_t>::max()) continue;  // all ASCII so far
    // Prune, and stop once the best reading leads every reading that
    // decodes the bytes seen so far differently by kDecisiveMargin.
    best_enc = encoding::unknown;
    for (const mb_state& s : mbs)
      if (s.alive && s.cost + s.t->prior == best && best_enc == encoding::unknown) best_enc = s.t->enc;
    for (const sb_state& s : sbs)
      if (s.alive && s.cost + s.t->prior == best && best_enc == encoding::unknown) best_enc = s.t->enc;
    std::int64_t second = std::numeric_limits<std::int64_t>::max();
    for (mb_state& s : mbs) {
      if (!s.alive) continue;
      std::int64_t total = s.cost + s.t->prior;
      if (total > best + kPruneMargin) { s.alive = false; continue; }
      if (s.t->enc != best_enc) second = std::min(second, total);
    }
    for (sb_state& s : sbs) {
      if (!s.alive) continue;
      std::int64_t total = s.cost + s.t->prior;
      if (total > best + kPruneMargin) { s.alive = false; continue; }
      if (!same_single_byte_decoding(s.t->enc, best_enc, out.byte_seen)) second = std::min(second, total);
    }
    decided = second == std::numeric_limits<std::int64_t>::max() || second - best >= kDecisiveMargin;
  }
  // Decided early: the readings that decode the prefix like the winner
  // (GBK vs GB18030, Big5 vs HKSCS, windows-1252 vs ISO-8859-15, one table
  // read as two languages) go on to the end (within max_bytes), so that a
  // 4-byte GB18030 sequence or a euro sign late in the file still names
  // the encoding that decodes all of it. The others stop where they lost.
  if (decided && examined < limit) {
    bool any_mb = false;
    std::size_t sb_alive = 0;
    for (mb_state& s : mbs) {
      // One state per table goes on: GBK read as Simplified and as
      // Traditional Chinese name the same encoding from the same bytes.
      s.alive = s.alive && s.t->enc == best_enc && !any_mb;
      any_mb |= s.alive;
    }
    for (sb_state& s : sbs) {
      s.alive = s.alive && same_single_byte_decoding(s.t->enc, best_enc, out.byte_seen);
      sb_alive += s.alive;
    }
    if (any_mb && sb_alive == 0) {
      // One double-byte reading goes on alone: walk the bytes directly.
      for (mb_state& s : mbs) {
        if (!s.alive) continue;
        std::size_t i = std::max(s.pos, examined);
        while (i < limit) {
          if (p[i] < 0x80) {
            ++i;
            continue;
          }
          step_mb(s, p, n, i);
          i = s.pos;
        }
      }
      examined = limit;
    } else if (any_mb || sb_alive > 1) {
      for (std::size_t blk = examined; blk < limit; blk += kBlock) score_block(blk, std::min(blk + kBlock, limit));
      examined = limit;
    }
  }
  out.bytes_examined = examined;

  std::vector<scored_reading> all;
  for (const mb_state& s : mbs) {
    scored_reading r;
    r.table_enc = s.t->enc;
    r.enc = s.t->layout == mb_layout::gb ? (s.gb4 ? encoding::gb18030 : encoding::gbk)
                                         : (s.wide ? s.t->enc : s.t->narrow);
    r.model = s.t->model;
    r.cost = s.cost + s.t->prior;
    r.chars = s.chars;
    r.invalid = s.invalid;
    r.pruned = !s.alive;
    all.push_back(r);
  }
  for (const sb_state& s : sbs) {
    scored_reading r;
    r.enc = r.table_enc = s.t->enc;
    r.model = s.t->model;
    r.cost = s.cost + s.t->prior;
    r.chars = s.chars;
    r.pruned = !s.alive;
    all.push_back(r);
  }
  // Survivors first, then the pruned, each by cost, ties in table order
  // (a stable sort, by index: std::stable_sort's temporary buffer cost
  // more than the ranking of a short stretch, which the repair engine
  // does by the thousand).
  const std::size_t m = all.size();
  std::vector<std::uint32_t> order(m);
  for (std::size_t k = 0; k < m; ++k) order[k] = static_cast<std::uint32_t>(k);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (all[a].pruned != all[b].pruned) return !all[a].pruned;
    if (all[a].cost != all[b].cost) return all[a].cost < all[b].cost;
    return a < b;
  });
  // A pruned reading's cost is partial: place it behind every survivor by
  // the prune margin, keeping the order in which the pruned ones stood
  // (worst_alive + kPruneMargin and more: after every survivor, so the
  // order above is already the order by the new costs).
  static_assert(kPruneMargin > 0);
  std::int64_t worst_alive = 0, first_pruned = -1;
  for (std::size_t k = 0; k < m; ++k) {
    scored_reading& r = all[order[k]];
    if (!r.pruned) { worst_alive = std::max(worst_alive, r.cost); continue; }
    if (first_pruned < 0) first_pruned = r.cost;
    r.cost = worst_alive + kPruneMargin + (r.cost - first_pruned);
  }
  // One reading per encoding (the best language for it).
  bool seen[static_cast<std::size_t>(encoding::count_)] = {};
  for (std::size_t k = 0; k < m; ++k) {
    const scored_reading& r = all[order[k]];
    auto e = static_cast<std::size_t>(r.enc);
    if (e < std::size(seen) && !seen[e]) {
      seen[e] = true;
      out.readings.push_back(r);
    }
  }
  return out;
}

std::int64_t utf16_cost(std::string_view bytes, bool little_endian) {
  const scoring_tables& st = tables();
  if (st.ideo.empty() || bytes.size() < 2) return -1;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size() & ~std::size_t{1};
  std::vector<std::int64_t> cost(st.ideo.size(), 0);
  for (std::size_t i = 0; i < n; i += 2) {
    char32_t u = little_endian ? (p[i] | (p[i + 1] << 8)) : ((p[i] << 8) | p[i + 1]);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= n) return -1;
      char32_t v = little_endian ? (p[i + 2] | (p[i + 3] << 8)) : ((p[i + 2] << 8) | p[i + 3]);
      if (v < 0xDC00 || v > 0xDFFF) return -1;
      u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      return -1;
    }
    if (u == 0xFFFE || u == 0xFFFF || (u < 0x20 && u != '\t' && u != '\n' && u != '\r')) return -1;
    for (std::size_t m = 0; m < st.ideo.size(); ++m) cost[m] += st.ideo[m].cost(u);
  }
  return *std::min_element(cost.begin(), cost.end());
}

}  // namespace norm::detail
