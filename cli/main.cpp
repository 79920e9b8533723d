// norm: the command-line front of libnorm. This file only dispatches to the
// subcommands and turns every escaping exception into an exit code: nothing
// escapes main.
#include <boost/program_options/errors.hpp>

#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <string_view>

#include <norm/version.hpp>

#include "commands.hpp"
#include "io.hpp"

namespace {

using norm_cli::args_t;

struct subcommand {
  std::string_view name;
  std::string_view summary;
  int (*run)(const args_t&);
};

constexpr subcommand kSubcommands[] = {
    {"detect", "tell the encoding of files, or that they are binary", norm_cli::run_detect},
    {"convert", "convert a file from one encoding to another", norm_cli::run_convert},
    {"fix", "repair text: decode it and undo mojibake (also JSON Lines)", norm_cli::run_fix},
    {"check", "list the files that 'norm fix' would change (exit 1 if any)",
     norm_cli::run_check},
};

constexpr std::string_view kExitCodes =
    "Exit status:\n"
    "  0  success\n"
    "  1  'norm check': some input would be changed by 'norm fix'\n"
    "     ('norm fix' itself exits 0 when it changed text)\n"
    "  2  usage error, or an input that cannot be used: missing, a directory,\n"
    "     unreadable, binary (convert, fix), invalid bytes under --on-error\n"
    "     strict (convert) or without --force (fix, check), unknown encoding\n"
    "     name, a bad JSON line under 'fix --jsonl --bad-line fail'\n"
    "  3  I/O error: reading, writing, syncing or renaming failed\n";

void print_usage(std::FILE* to) {
  std::string s =
      "Usage: norm COMMAND [OPTIONS] [ARGS]\n"
      "       norm --help | --version\n"
      "Find out what encoding text is in, convert it without losing a byte in\n"
      "silence, and repair text that was decoded wrongly.\n\nCommands:\n";
  for (const subcommand& c : kSubcommands) {
    std::string line = "  " + std::string(c.name);
    line.resize(12, ' ');
    s += line + std::string(c.summary) + "\n";
  }
  s += "\n'norm COMMAND --help' describes a command. FILE '-' is standard input.\n"
       "Errors go to standard error as 'norm: FILE: message'.\n\n";
  s += kExitCodes;
  std::fputs(s.c_str(), to);
}

int dispatch(int argc, char** argv) {
  if (argc < 2) {
    print_usage(stderr);
    return norm_cli::kExitInput;
  }
  const std::string_view first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    print_usage(stdout);
    return norm_cli::kExitOk;
  }
  if (first == "--version" || first == "-V") {
    std::printf("norm (libnorm) %s\n", std::string(norm::version()).c_str());
    return norm_cli::kExitOk;
  }
  for (const subcommand& c : kSubcommands) {
    if (c.name == first) return c.run(args_t(argv + 2, argv + argc));
  }
  norm_cli::print_error(std::string(first.starts_with("-") ? "unknown option '"
                                                            : "unknown command '") +
                        std::string(first) + "'\nTry 'norm --help'.");
  return norm_cli::kExitInput;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const int rc = dispatch(argc, argv);
    if (std::fflush(stdout) != 0 && rc == norm_cli::kExitOk) {
      norm_cli::print_error("standard output: write error");
      return norm_cli::kExitIo;
    }
    return rc;
  } catch (const boost::program_options::error& e) {
    const std::string cmd = argc > 1 ? std::string(argv[1]) : std::string();
    norm_cli::print_error(cmd + ": " + e.what() + "\nTry 'norm " + cmd + " --help'.");
    return norm_cli::kExitInput;
  } catch (const std::bad_alloc&) {
    norm_cli::print_error("out of memory");
    return norm_cli::kExitIo;
  } catch (const std::exception& e) {
    norm_cli::print_error(std::string("internal error: ") + e.what());
    return norm_cli::kExitIo;
  } catch (...) {
    norm_cli::print_error("internal error: unknown exception");
    return norm_cli::kExitIo;
  }
}
