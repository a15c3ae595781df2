// ketascreen: the command line for content editors and CI.
#include <exception>
#include <iostream>

#include "commands.hpp"

int main(int argc, char** argv) {
  try {
    return ketascreen::cli::run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    // The core does not throw on bad input; this only catches resource failures (bad_alloc).
    std::cerr << "ketascreen: internal error: " << e.what() << '\n';
    return 1;
  }
}
