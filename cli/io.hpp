// cli/io.hpp -- the norm command's contact with the file system: inputs read
// in bounded blocks (a file or stdin), and outputs that replace a file
// atomically (temp file beside it, fsync, rename, fsync of the directory) so
// that a reader never sees a truncated or partial file, even when the output
// names the input. See ../../shared/RELIABILITY.md, "In-place rewrite".
//
//   auto in = norm_cli::input_source::open("notes.txt");     // or "-"
//   if (!in) return fail(in.error());
//   auto out = norm_cli::output_sink::replacing("notes.txt", {});
//   std::string block;
//   while (in->read_block(block, 64 * 1024).value() > 0) out->write(block);
//   out->commit();   // otherwise the destructor removes the temp file
//
// Errors are norm::error values: code io_error means the system failed
// (exit 3); any other code means the input or the request is unusable
// (exit 2). Messages name the file; the caller prefixes "norm: ".
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <norm/result.hpp>

namespace norm_cli {

// Exit codes of the norm command (documented in --help and README.md).
enum exit_code : int {
  kExitOk = 0,        // done
  kExitFindings = 1,  // `norm check`: some input would be changed by fix
  kExitInput = 2,     // usage error, or an input that cannot be used
  kExitIo = 3,        // the system failed to read or write
};

// io_error -> 3, everything else -> 2.
int exit_code_for(const norm::error& e) noexcept;

// Prints "norm: MESSAGE" on stderr (stdout is flushed first so that the two
// streams interleave in order on a terminal).
void print_error(std::string_view message);

class input_source {
 public:
  // "-" is standard input. Refuses directories; FIFOs, terminals and
  // character devices are read like files (`norm detect <(cmd)` works).
  static norm::result<input_source> open(const std::string& path);
  input_source(input_source&& other) noexcept;
  input_source& operator=(input_source&&) = delete;
  ~input_source();

  // Replaces `block` with the next bytes, at most `max` (fewer only at end
  // of input). Returns the count; 0 means end of input. Retries EINTR and
  // short reads (pipes deliver 64 KiB at a time).
  norm::result<std::size_t> read_block(std::string& block, std::size_t max);

  // One read(2) of at most `max` bytes into `dst` (EINTR retried): what is
  // available now, so a filter over a pipe passes lines on as they come.
  // Returns the count; 0 means end of input.
  norm::result<std::size_t> read_some(char* dst, std::size_t max);

  // Appends bytes to `buf` until it holds `target` bytes or input ends.
  norm::status fill(std::string& buf, std::size_t target);

  const std::string& name() const noexcept { return name_; }  // "-" for stdin
  bool is_stdin() const noexcept { return fd_ == 0; }
  const struct stat& info() const noexcept { return st_; }
  std::uint64_t bytes_read() const noexcept { return bytes_read_; }

 private:
  input_source(int fd, std::string name, const struct stat& st);
  int fd_ = -1;
  std::string name_;
  struct stat st_ {};
  std::uint64_t bytes_read_ = 0;
};

// Reads paths one per line from `list` ("-": standard input) and calls
// `each` for every non-empty one ('\n' is the only separator: a path may
// hold any other byte). Streamed: a list of a million paths costs one
// 64 KiB block. Stops early when `each` returns false. Errors (the list
// cannot be opened or read) are returned, not printed.
norm::status for_each_listed_path(const std::string& list,
                                  const std::function<bool(const std::string&)>& each);

struct replace_options {
  // Replace an output that has several hard links (the other names keep the
  // old contents: rename gives this name a new inode).
  bool allow_hard_links = false;
  // Keep going when mode, owner or extended attributes cannot be copied.
  bool ignore_metadata_errors = false;
};

// Where converted bytes go: standard output, or a file replaced atomically.
class output_sink {
 public:
  static output_sink to_stdout();

  // Prepares to replace (or create) `path`:
  //  * refuses a symbolic link, a directory or any non-regular file at
  //    `path`, and a regular file with more than one hard link (unless
  //    options.allow_hard_links);
  //  * creates the temp file in the directory of `path`: an unnamed
  //    O_TMPFILE inode where the file system supports it (nothing is left
  //    behind even after SIGKILL), else `.NAME.norm-XXXXXX` with O_EXCL.
  static norm::result<output_sink> replacing(const std::string& path,
                                            const replace_options& options);
  output_sink(output_sink&& other) noexcept;
  output_sink& operator=(output_sink&&) = delete;
  // Without commit(): closes and removes the temp file; `path` untouched.
  ~output_sink();

  norm::status write(std::string_view bytes);

  // stdout: nothing more to do. File: fsync(temp); copy mode, owner and
  // extended attributes (ACLs included) of the file being replaced (a new
  // file gets 0666 & ~umask); give the temp file its name; rename it over
  // `path` (never unlink first); fsync(directory).
  norm::status commit();

  // True when `path` already exists and is the same inode as `st`
  // (the output names the input: an in-place rewrite).
  bool replaces(const struct stat& st) const noexcept;
  const std::string& name() const noexcept { return path_; }

 private:
  output_sink() = default;
  void abandon() noexcept;

  int fd_ = -1;
  bool is_stdout_ = false;
  bool committed_ = false;
  std::string path_;        // final name
  std::string dir_;         // its directory
  std::string temp_path_;   // named temp file, empty while unnamed (O_TMPFILE)
  bool target_exists_ = false;
  struct stat target_st_ {};
  replace_options options_{};
};

}  // namespace norm_cli
