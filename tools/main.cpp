// ketascreen: the command line for content editors and CI.
#include <exception>
#include <iostream>
#include <new>

#include "commands.hpp"

int main(int argc, char** argv) {
  try {
    return ketascreen::cli::run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::bad_alloc&) {
    // Not the input's fault as far as we can tell (inputs are capped at 4 MB): say what happened.
    std::cerr << "ketascreen: out of memory\n";
    return ketascreen::cli::kOutOfMemory;
  } catch (const std::exception& e) {
    // The core does not throw on bad input and file problems are reported as such; this is a bug.
    std::cerr << "ketascreen: internal error: " << e.what() << '\n';
    return 1;
  }
}
