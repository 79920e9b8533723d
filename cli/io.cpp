// Inputs in bounded blocks, outputs replaced atomically. POSIX + Linux
// (O_TMPFILE, /proc/self/fd, xattrs); falls back to a named O_EXCL temp file
// where O_TMPFILE is not supported.
#include "io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <utility>
#include <vector>

namespace norm_cli {
namespace {

norm::error sys_error(norm::errc code, const std::string& what, int err) {
  return norm::error{code, 0, what + ": " + std::strerror(err)};
}

// Opening an input: a missing or forbidden file is the user's input error
// (exit 2); anything else the system's (exit 3).
norm::errc open_errc(int err) {
  switch (err) {
    case ENOENT: case ENOTDIR: case EACCES: case EPERM: case ELOOP:
    case ENAMETOOLONG: case EISDIR: case ENXIO:
      return norm::errc::invalid_argument;
    default:
      return norm::errc::io_error;
  }
}

std::string dir_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// ".NAME.norm-XXXXXX" beside the target; hidden so that globs skip it.
std::string temp_name(const std::string& dir, const std::string& base) {
  static std::mt19937_64 rng{std::random_device{}() ^
                             (static_cast<std::uint64_t>(getpid()) << 32)};
  static constexpr char kAlnum[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string name = dir + "/." + base + ".norm-";
  for (int i = 0; i < 6; ++i) name.push_back(kAlnum[rng() % (sizeof kAlnum - 1)]);
  return name;
}

// 100 tries: 62^6 names make a collision with live temp files vanishingly
// rare; the bound only stops a loop on a file system that lies.
constexpr int kTempNameTries = 100;

mode_t current_umask() {
  const mode_t m = umask(0);
  umask(m);
  return m;
}

// Copies extended attributes (ACLs live there too) from `path` to `fd`.
// Returns 0 or the errno of the first failure. No attributes, or a file
// system without them, is success.
int copy_xattrs(const std::string& path, int fd) {
  ssize_t len = llistxattr(path.c_str(), nullptr, 0);
  if (len < 0) return (errno == ENOTSUP || errno == ENODATA) ? 0 : errno;
  if (len == 0) return 0;
  std::vector<char> names(static_cast<std::size_t>(len));
  len = llistxattr(path.c_str(), names.data(), names.size());
  if (len < 0) return errno;
  std::vector<char> value;
  for (ssize_t i = 0; i < len;) {
    const char* attr = names.data() + i;
    i += static_cast<ssize_t>(std::strlen(attr)) + 1;
    ssize_t vlen = lgetxattr(path.c_str(), attr, nullptr, 0);
    if (vlen < 0) return errno;
    value.resize(static_cast<std::size_t>(vlen));
    vlen = lgetxattr(path.c_str(), attr, value.data(), value.size());
    if (vlen < 0) return errno;
    if (fsetxattr(fd, attr, value.data(), static_cast<std::size_t>(vlen), 0) != 0) return errno;
  }
  return 0;
}

}  // namespace

int exit_code_for(const norm::error& e) noexcept {
  return e.code == norm::errc::io_error ? kExitIo : kExitInput;
}

void print_error(std::string_view message) {
  std::fflush(stdout);
  std::string line = "norm: ";
  line.append(message);
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

// ---- input_source --------------------------------------------------------

input_source::input_source(int fd, std::string name, const struct stat& st)
    : fd_(fd), name_(std::move(name)), st_(st) {}

input_source::input_source(input_source&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      name_(std::move(other.name_)),
      st_(other.st_),
      bytes_read_(other.bytes_read_) {}

input_source::~input_source() {
  if (fd_ > 0) ::close(fd_);  // never close stdin (fd 0)
}

norm::result<input_source> input_source::open(const std::string& path) {
  int fd = 0;
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
      const int err = errno;
      return sys_error(open_errc(err), path, err);
    }
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    if (fd > 0) ::close(fd);
    return sys_error(norm::errc::io_error, path, err);
  }
  if (S_ISDIR(st.st_mode)) {
    if (fd > 0) ::close(fd);
    return sys_error(norm::errc::invalid_argument, path, EISDIR);
  }
  return input_source(fd, path, st);
}

norm::result<std::size_t> input_source::read_block(std::string& block, std::size_t max) {
  block.clear();
  if (auto s = fill(block, max); !s) return s.error();
  return block.size();
}

norm::result<std::size_t> input_source::read_some(char* dst, std::size_t max) {
  for (;;) {
    const ssize_t n = ::read(fd_, dst, max);
    if (n >= 0) {
      bytes_read_ += static_cast<std::uint64_t>(n);
      return static_cast<std::size_t>(n);
    }
    if (errno == EINTR) continue;
    const int err = errno;
    return sys_error(err == EISDIR ? norm::errc::invalid_argument : norm::errc::io_error,
                     name_, err);
  }
}

norm::status input_source::fill(std::string& buf, std::size_t target) {
  // The buffer grows in steps (64 KiB, then doubling) rather than to
  // `target` at once: a batch of small files must not zero 1 MiB each.
  constexpr std::size_t kMinStep = 64 * 1024;
  std::size_t have = buf.size();
  while (have < target) {
    if (buf.size() == have) {
      std::size_t step = std::min(target - have, std::max(kMinStep, have));
      // Room reserved by the caller (a regular file's size + 1) is used
      // before the buffer grows: no reallocation and copy to find the end.
      if (buf.capacity() > have) step = std::min(step, buf.capacity() - have);
      buf.resize(have + step);
    }
    const ssize_t n = ::read(fd_, buf.data() + have, buf.size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      buf.resize(have);
      return sys_error(err == EISDIR ? norm::errc::invalid_argument : norm::errc::io_error,
                       name_, err);
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
    bytes_read_ += static_cast<std::uint64_t>(n);
  }
  buf.resize(have);
  return {};
}

norm::status for_each_listed_path(const std::string& list,
                                  const std::function<bool(const std::string&)>& each) {
  auto in = input_source::open(list);
  if (!in) return in.error();
  constexpr std::size_t kListBlock = 64 * 1024;  // a read per 64 KiB of paths
  std::string block, partial;
  for (;;) {
    auto n = in->read_block(block, kListBlock);
    if (!n) return n.error();
    if (*n == 0) break;
    std::string_view rest = block;
    for (auto nl = rest.find('\n'); nl != std::string_view::npos; nl = rest.find('\n')) {
      partial.append(rest.substr(0, nl));
      rest.remove_prefix(nl + 1);
      if (!partial.empty() && !each(partial)) return {};
      partial.clear();
    }
    partial.append(rest);
  }
  if (!partial.empty()) each(partial);
  return {};
}

// ---- output_sink ---------------------------------------------------------

output_sink output_sink::to_stdout() {
  output_sink s;
  s.fd_ = 1;
  s.is_stdout_ = true;
  s.path_ = "-";
  return s;
}

output_sink::output_sink(output_sink&& o) noexcept
    : fd_(std::exchange(o.fd_, -1)),
      is_stdout_(o.is_stdout_),
      committed_(std::exchange(o.committed_, true)),
      path_(std::move(o.path_)),
      dir_(std::move(o.dir_)),
      temp_path_(std::move(o.temp_path_)),
      target_exists_(o.target_exists_),
      target_st_(o.target_st_),
      options_(o.options_) {
  o.temp_path_.clear();
}

output_sink::~output_sink() { abandon(); }

void output_sink::abandon() noexcept {
  if (is_stdout_) return;
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
  temp_path_.clear();
}

norm::result<output_sink> output_sink::replacing(const std::string& path,
                                                 const replace_options& options) {
  output_sink s;
  s.path_ = path;
  s.dir_ = dir_of(path);
  s.options_ = options;

  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode))
      return norm::error{norm::errc::invalid_argument, 0,
                         path + ": is a symbolic link; not replaced (name the file it points to)"};
    if (!S_ISREG(st.st_mode))
      return norm::error{norm::errc::invalid_argument, 0,
                         path + ": not a regular file; not replaced"};
    if (st.st_nlink > 1 && !options.allow_hard_links)
      return norm::error{norm::errc::invalid_argument, 0,
                         path + ": has " + std::to_string(st.st_nlink) +
                             " hard links; not replaced (--force replaces this name only)"};
    s.target_exists_ = true;
    s.target_st_ = st;
  } else if (errno != ENOENT) {
    const int err = errno;
    return sys_error(norm::errc::io_error, path, err);
  }

  // Preferred: an unnamed inode in the target's directory (same file system,
  // so rename works), which the kernel reclaims if we die before commit.
  s.fd_ = ::open(s.dir_.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  if (s.fd_ >= 0) return s;
  if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) {
    const int err = errno;
    return sys_error(norm::errc::io_error, "cannot create a temporary file in " + s.dir_, err);
  }
  const std::string base = base_of(path);
  for (int i = 0; i < kTempNameTries; ++i) {
    std::string name = temp_name(s.dir_, base);
    s.fd_ = ::open(name.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (s.fd_ >= 0) {
      s.temp_path_ = std::move(name);
      return s;
    }
    if (errno != EEXIST) break;
  }
  const int err = errno;
  return sys_error(norm::errc::io_error, "cannot create a temporary file in " + s.dir_, err);
}

bool output_sink::replaces(const struct stat& st) const noexcept {
  return target_exists_ && target_st_.st_dev == st.st_dev && target_st_.st_ino == st.st_ino;
}

norm::status output_sink::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      return sys_error(norm::errc::io_error, is_stdout_ ? "standard output" : path_, err);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

norm::status output_sink::commit() {
  if (is_stdout_) return {};
  auto fail = [&](const std::string& what, int err) -> norm::status {
    abandon();
    return sys_error(norm::errc::io_error, what, err);
  };
  if (::fsync(fd_) != 0) return fail(path_, errno);

  // Metadata: owner first (chown clears set-user-ID bits), then mode.
  if (target_exists_) {
    struct stat tmp {};
    if (::fstat(fd_, &tmp) != 0) return fail(path_, errno);
    if ((tmp.st_uid != target_st_.st_uid || tmp.st_gid != target_st_.st_gid) &&
        ::fchown(fd_, target_st_.st_uid, target_st_.st_gid) != 0 &&
        !options_.ignore_metadata_errors)
      return fail(path_ + ": cannot keep the owner (--force goes on without it)", errno);
    if (int err = copy_xattrs(path_, fd_); err != 0 && !options_.ignore_metadata_errors)
      return fail(path_ + ": cannot keep extended attributes (--force goes on without them)",
                  err);
    if (::fchmod(fd_, target_st_.st_mode & 07777) != 0) return fail(path_, errno);
  } else if (::fchmod(fd_, 0666 & ~current_umask()) != 0) {
    return fail(path_, errno);
  }

  // An O_TMPFILE inode gets its temporary name only now, just before the
  // rename: the window in which a crash leaves a temp file is two syscalls.
  if (temp_path_.empty()) {
    const std::string proc = "/proc/self/fd/" + std::to_string(fd_);
    const std::string base = base_of(path_);
    int err = EEXIST;
    for (int i = 0; i < kTempNameTries && err == EEXIST; ++i) {
      std::string name = temp_name(dir_, base);
      if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
        temp_path_ = std::move(name);
        err = 0;
      } else {
        err = errno;
      }
    }
    if (err != 0) return fail("cannot name the temporary file in " + dir_, err);
  }
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) return fail(path_, errno);
  committed_ = true;
  temp_path_.clear();
  const int close_rc = ::close(fd_);
  fd_ = -1;
  if (close_rc != 0) return sys_error(norm::errc::io_error, path_, errno);

  // The rename is durable once the directory is.
  const int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return sys_error(norm::errc::io_error, dir_, errno);
  const int rc = ::fsync(dfd);
  const int err = errno;
  ::close(dfd);
  if (rc != 0 && err != EINVAL) return sys_error(norm::errc::io_error, dir_, err);
  return {};
}

}  // namespace norm_cli
