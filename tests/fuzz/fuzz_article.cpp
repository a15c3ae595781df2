// Fuzzes the article reader (front matter + Markdown via md4c): never a crash, and every error
// names the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ketascreen/authoring.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto article = ketascreen::parse_article_file(text, "articles/fuzz.en.md");
  if (!article) {
    if (article.errors().empty()) std::abort();
    for (const auto& e : article.errors())
      if (e.file != "articles/fuzz.en.md") std::abort();
  }
  return 0;
}
