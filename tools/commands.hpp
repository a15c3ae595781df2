#pragma once
// The `ketascreen` subcommands. Each returns the process exit code:
// 0 ok, 1 invalid input (content, bundle, answers, unreadable files), 2 usage; main() adds 3 for
// out of memory.

#include <string>
#include <vector>

namespace ketascreen::cli {

enum ExitCode { kOk = 0, kInvalidInput = 1, kUsage = 2, kOutOfMemory = 3 };

int run(const std::vector<std::string>& args);
void print_help();

}  // namespace ketascreen::cli
