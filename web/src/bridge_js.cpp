// ketascreen-bridge: prints the bridge (bridge.hpp) for the build, which has no C++ parser.
//   ketascreen-bridge           the JavaScript the host and the loader read: {"calls": {name:
//                               kinds}, "events": [name]} (build-wasm.sh fills it in for
//                               @KETASCREEN_BRIDGE@)
//   ketascreen-bridge --exports emcc's EXPORTED_FUNCTIONS: every call's export, malloc and free
#include <iostream>
#include <string_view>

#include "bridge.hpp"

int main(int argc, char** argv) {
  using namespace ketascreen::web;
  if (argc > 1 && std::string_view(argv[1]) == "--exports") {
    for (const auto& call : kBridgeCalls) std::cout << "_ketascreen_" << call.name << ',';
    std::cout << "_malloc,_free\n";
    return 0;
  }
  std::cout << "{\"calls\":{";
  const char* comma = "";
  for (const auto& call : kBridgeCalls) std::cout << comma << '"' << call.name << "\":\"" << call.kinds << '"', comma = ",";
  std::cout << "},\"events\":[";
  comma = "";
  for (const auto& event : kBridgeEvents) std::cout << comma << '"' << event.name << '"', comma = ",";
  std::cout << "]}\n";
  return 0;
}
