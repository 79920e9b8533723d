// cli/options.hpp -- the option parsing every subcommand shares: the
// visible options plus positional FILE arguments (a hidden "file" option).
// Boost's exceptions propagate to main(), which reports them as usage
// errors (exit 2).
//
//   po::options_description opts("norm detect options");
//   opts.add_options()("json", po::bool_switch(&json), "...");
//   std::vector<std::string> files;
//   po::variables_map vm = parse_command(args, opts, files, -1);
//   if (vm.count("help")) ...
#pragma once

#include <boost/program_options.hpp>

#include "commands.hpp"

namespace norm_cli {

namespace po = boost::program_options;

// `files`: where the positional arguments go (a string or a vector of
// strings); `max_files`: how many are allowed (-1: any number).
template <class Files>
po::variables_map parse_command(const args_t& args, const po::options_description& visible,
                                Files& files, int max_files) {
  po::options_description hidden;
  hidden.add_options()("file", po::value(&files));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description pos;
  pos.add("file", max_files);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
  po::notify(vm);
  return vm;
}

}  // namespace norm_cli
