// See webgl_renderer.hpp for why the widget draws ImGui's lists itself in the browser.
#ifdef __EMSCRIPTEN__

#include "webgl_renderer.hpp"

#include <GLES3/gl3.h>
#include <imgui.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace ketascreen::web::webgl {

namespace {

constexpr GLuint kPosition = 0, kUv = 1, kColor = 2, kProjection = 3;

// Projection.xy scales ImGui's pixels to clip space, Projection.zw moves them there.
constexpr const char* kVertexShader = R"(#version 300 es
layout(location = 0) in vec2 Position;
layout(location = 1) in vec2 UV;
layout(location = 2) in vec4 Color;
layout(location = 3) in vec4 Projection;
out vec2 Frag_UV;
out vec4 Frag_Color;
void main() {
  Frag_UV = UV;
  Frag_Color = Color;
  gl_Position = vec4(Position * Projection.xy + Projection.zw, 0.0, 1.0);
})";

// The atlas holds coverage only (ImGui's RGBA32 copy is white with that alpha).
constexpr const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D Texture;
in vec2 Frag_UV;
in vec4 Frag_Color;
layout(location = 0) out vec4 Out_Color;
void main() {
  Out_Color = vec4(Frag_Color.rgb, Frag_Color.a * texture(Texture, Frag_UV).r);
})";

struct State {
  GLuint program = 0;
  GLuint vertex_array = 0;
  GLuint vertices = 0;
  GLuint indices = 0;
  GLuint font_texture = 0;
  unsigned vertex_offset = ~0u;  // the ImDrawCmd::VtxOffset the attribute pointers start at
};
State g;

// WebGL2 has no glDrawElementsBaseVertex: a command's VtxOffset (ImGui starts one every 65,536
// vertices of a list, because indices are 16-bit) moves where the attributes start instead.
void point_attributes_at(unsigned vertex_offset) {
  if (vertex_offset == g.vertex_offset) return;
  g.vertex_offset = vertex_offset;
  const auto at = [vertex_offset](size_t member) {
    return reinterpret_cast<const void*>(static_cast<size_t>(vertex_offset) * sizeof(ImDrawVert) + member);
  };
  glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(kColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, col)));
}

GLuint compile(GLenum kind, const char* source) {
  const GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  return shader;
}

}  // namespace

void init() {
  ImGuiIO& io = ImGui::GetIO();
  io.BackendRendererName = "ketascreen_webgl2";
  // Screens of more than 65,536 vertices (a long article) stay 16-bit: see point_attributes_at.
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;

  const GLuint vs = compile(GL_VERTEX_SHADER, kVertexShader);
  const GLuint fs = compile(GL_FRAGMENT_SHADER, kFragmentShader);
  g.program = glCreateProgram();
  glAttachShader(g.program, vs);
  glAttachShader(g.program, fs);
  glLinkProgram(g.program);
  glDetachShader(g.program, vs);
  glDetachShader(g.program, fs);
  glDeleteShader(vs);  // freed with the program
  glDeleteShader(fs);

  // The vertex array remembers the buffers and the layout of ImDrawVert for every frame.
  glGenVertexArrays(1, &g.vertex_array);
  glGenBuffers(1, &g.vertices);
  glGenBuffers(1, &g.indices);
  glBindVertexArray(g.vertex_array);
  glBindBuffer(GL_ARRAY_BUFFER, g.vertices);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g.indices);
  glEnableVertexAttribArray(kPosition);
  glEnableVertexAttribArray(kUv);
  glEnableVertexAttribArray(kColor);
  g.vertex_offset = ~0u;
  point_attributes_at(0);
  glBindVertexArray(0);
}

bool linked() {
  GLint status = GL_FALSE;
  if (g.program) glGetProgramiv(g.program, GL_LINK_STATUS, &status);
  return status == GL_TRUE;
}

void shutdown() {
  destroy_fonts_texture();
  if (g.vertex_array) glDeleteVertexArrays(1, &g.vertex_array);
  if (g.vertices) glDeleteBuffers(1, &g.vertices);
  if (g.indices) glDeleteBuffers(1, &g.indices);
  if (g.program) glDeleteProgram(g.program);
  g = State{};
  ImGui::GetIO().BackendFlags &= ~ImGuiBackendFlags_RendererHasVtxOffset;
}

void create_fonts_texture() {
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  glGenTextures(1, &g.font_texture);
  glBindTexture(GL_TEXTURE_2D, g.font_texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(g.font_texture)));
}

void destroy_fonts_texture() {
  if (!g.font_texture) return;
  glDeleteTextures(1, &g.font_texture);
  g.font_texture = 0;
  ImGui::GetIO().Fonts->SetTexID(nullptr);
}

namespace {

// The whole state, every frame: it costs nothing to set (no call waits) and so nothing has to
// be remembered between frames.
void set_up_state(const ImDrawData* draw_data, int fb_width, int fb_height) {
  const ImVec2 pos = draw_data->DisplayPos, size = draw_data->DisplaySize;
  glViewport(0, 0, fb_width, fb_height);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_SCISSOR_TEST);
  glUseProgram(g.program);
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(g.vertex_array);
  glBindBuffer(GL_ARRAY_BUFFER, g.vertices);
  // x' = 2 (x - left) / width - 1, y' = 1 - 2 (y - top) / height
  glVertexAttrib4f(kProjection, 2.0f / size.x, -2.0f / size.y, -1.0f - 2.0f * pos.x / size.x, 1.0f + 2.0f * pos.y / size.y);
}

}  // namespace

void render(const ImDrawData* draw_data) {
  const ImVec2 pos = draw_data->DisplayPos, size = draw_data->DisplaySize, scale = draw_data->FramebufferScale;
  const int fb_width = static_cast<int>(size.x * scale.x), fb_height = static_cast<int>(size.y * scale.y);
  if (fb_width <= 0 || fb_height <= 0 || !g.program) return;
  set_up_state(draw_data, fb_width, fb_height);

  for (int n = 0; n < draw_data->CmdListsCount; ++n) {
    const ImDrawList* list = draw_data->CmdLists[n];
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(list->VtxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawVert)),
                 list->VtxBuffer.Data, GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(list->IdxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawIdx)),
                 list->IdxBuffer.Data, GL_STREAM_DRAW);
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {  // the widget adds none; honour them as ImGui documents
        if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
          set_up_state(draw_data, fb_width, fb_height);
        } else {
          cmd.UserCallback(list, &cmd);
        }
        continue;
      }
      // Clipped to the framebuffer: the canvas may show only a slice of a long screen.
      const float fw = static_cast<float>(fb_width), fh = static_cast<float>(fb_height);
      const float x0 = std::max(0.0f, (cmd.ClipRect.x - pos.x) * scale.x), y0 = std::max(0.0f, (cmd.ClipRect.y - pos.y) * scale.y);
      const float x1 = std::min(fw, (cmd.ClipRect.z - pos.x) * scale.x), y1 = std::min(fh, (cmd.ClipRect.w - pos.y) * scale.y);
      if (x1 <= x0 || y1 <= y0) continue;
      point_attributes_at(cmd.VtxOffset);
      glScissor(static_cast<int>(x0), static_cast<int>(static_cast<float>(fb_height) - y1), static_cast<int>(x1 - x0),
                static_cast<int>(y1 - y0));
      glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<intptr_t>(cmd.GetTexID())));
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount),
                     sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                     reinterpret_cast<const void*>(static_cast<uintptr_t>(cmd.IdxOffset) * sizeof(ImDrawIdx)));
    }
  }
  // The next frame's glClear must reach the whole canvas.
  glDisable(GL_SCISSOR_TEST);
  glBindVertexArray(0);
}

}  // namespace ketascreen::web::webgl

#endif  // __EMSCRIPTEN__
