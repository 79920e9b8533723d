// Uses the installed libnorm the way a consumer would: the one public
// header, detection, a decode, an encode back. Exits 0 when all agree.
#include <norm/norm.hpp>

#include <cstdio>
#include <string>
#include <string_view>

int main() {
  // "\u4e2d\u6587" (Chinese) in GBK, then ASCII.
  const std::string gbk = "\xD6\xD0\xCE\xC4 text";
  const norm::detection d = norm::detect(gbk);
  std::printf("libnorm %s: %zu candidates, best %s\n", norm::version().data(),
              d.candidates.size(), norm::name(d.best()).data());
  if (d.kind != norm::content_kind::text) return 1;

  norm::result<norm::decoded> r = norm::decode(gbk, norm::encoding::gbk);
  if (!r) {
    std::fprintf(stderr, "decode: %s at byte %llu\n", r.error().message.c_str(),
                 static_cast<unsigned long long>(r.error().offset));
    return 1;
  }
  if (r->text != "\xE4\xB8\xAD\xE6\x96\x87 text") return 1;

  norm::result<norm::encoded> back = norm::encode(r->text, norm::encoding::gbk);
  if (!back || back->bytes != gbk) return 1;
  std::puts("consumer ok");
  return 0;
}
