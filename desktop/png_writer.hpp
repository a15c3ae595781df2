#pragma once
// Writes RGBA pixels as a PNG file (uncompressed deflate blocks: screenshots are for looking at,
// and this needs no image library).

#include <string>
#include <vector>

namespace ketascreen::desktop {

bool write_png(const std::string& path, const std::vector<unsigned char>& rgba, int width, int height,
               std::string& error);

}  // namespace ketascreen::desktop
