// norm/norm.hpp -- the one header to include for libnorm: detection,
// transcoding, UTF-8 validation. Everything lives in namespace norm; no
// exception crosses the API (see norm/result.hpp).
//
//   #include <norm/norm.hpp>
//   norm::detection d = norm::detect(bytes);
//   auto r = norm::decode(bytes, d.best());
//   if (r) use(r->text);
#pragma once

#include "norm/version.hpp"
#include "norm/result.hpp"
#include "norm/encoding.hpp"
#include "norm/utf8.hpp"
#include "norm/detect.hpp"
#include "norm/transcode.hpp"
#include "norm/fix.hpp"
#include "norm/inspect.hpp"
