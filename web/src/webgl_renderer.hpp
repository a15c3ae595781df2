// The widget's own ImGui renderer for WebGL2 (the browser host), in place of ImGui's stock
// OpenGL3 backend, which the desktop preview keeps.
//
// Why not the stock backend: it is written to live inside someone else's GL engine, so every
// frame it reads back ~20 pieces of GL state (glGetIntegerv, glIsEnabled) to restore them
// afterwards, and at start it asks GL for its version and extensions and checks each shader.
// In a browser each of those reads is a synchronous round trip to the GPU process, which waits
// for everything queued before it; with a busy or software GPU (SwiftShader, many phones) one
// such wait took ~1 s at start-up in bench/RESULTS.md. The widget owns its WebGL context, so
// there is nothing to restore, and this renderer makes no GL call that waits for an answer:
// - attribute locations are fixed in the shader (layout(location = N));
// - the projection is a constant vertex attribute (glVertexAttrib4f), so no uniform has to be
//   looked up; the sampler uniform keeps its default, texture unit 0;
// - the font atlas is uploaded as one 8-bit channel (a quarter of ImGui's RGBA32 copy).
// Whether the shaders compiled is asked later, when nothing is waiting for it (linked()).
#pragma once

struct ImDrawData;

namespace ketascreen::web::webgl {

// Creates the program, buffers and vertex array in the current context; never waits for GL.
void init();
void shutdown();
// The font atlas as a texture (again after the fonts were re-rasterised).
void create_fonts_texture();
void destroy_fonts_texture();
void render(const ImDrawData* draw_data);
// Asks GL whether the program linked: a synchronous call, for a moment when nothing waits on it.
bool linked();

}  // namespace ketascreen::web::webgl
