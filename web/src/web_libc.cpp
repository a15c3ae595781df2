// Small stand-ins for musl's printf, sscanf and strtod in the wasm (WebAssembly build only), for
// the size budget (DESIGN.md "Budgets"). widgets/CMakeLists.txt links with --wrap for vsnprintf,
// fiprintf, sscanf and strtod, which sends every caller (ImGui's ImFormatString, SDL_vsnprintf and
// SDL_SetError, core's snprintf in json::format_number and format_rfc3339, ImGui's shader check,
// the GL backend's "#version %d" and the JSON parser's strtod) here. musl's versions weigh ~24 KB
// of code: printf_core and fmt_fp, and __floatscan with the software 128-bit long double
// arithmetic it is written in (__multf3, __divtf3, fmodl, ...); these are ~5 KB (measured: -11.8 KB
// gzip of wasm, +0.5 KB of JS glue). The decimal <-> double conversions are the browser's
// (Number(), toFixed(), toExponential()), which round correctly, so the results are musl's:
// compared with it on 60,000 random formats and 100,000 random strtod inputs (ties to even
// included; the differences are the unsupported cases below).
//
// What is supported, which is everything the code linked into the widget formats or parses:
//   printf: flags - + space # 0, width and precision (also *), length hh h l ll j z t L,
//           conversions d i u o x X c s p n % and f F e E g G (a A print as e E).
//           No positional arguments (%1$d) and no wide characters (%lc, %ls).
//   sscanf: whitespace, literal characters, %% and the conversions d i u o x X (into
//           char/short/int/long/long long by length), f e g E G a (float, double), s, c, n,
//           with width and * (assignment suppression). No scansets (%[...]).
//   strtod: decimal numbers with optional exponent, inf, infinity and nan (any case); no hex
//           floats (0x1p3), which neither JSON nor a typed number needs.
#ifdef __EMSCRIPTEN__

#include <emscripten.h>

#include <cctype>
#include <cmath>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace {

// --- decimal <-> double, by the browser --------------------------------------------------------

EM_JS(double, ks_js_number, (const char* text, int length), { return Number(UTF8ToString(text, length)); });

// Writes the digits of a finite x >= 0 for conversion 'e', 'f' or 'g' (precision as printf
// takes it; `alt` is the # flag) and returns the length: C's rules on top of JavaScript's
// toFixed/toExponential, which round correctly but send exact ties up; C sends them to even, so
// a tie (the digits after the last one kept are exactly 5000...) keeps the truncated digits when
// their last digit is even. Asking for 100 digits shows every tie of a double up to 40 digits
// after the point (toFixed) or 80 digits (toExponential); beyond that ties still go up.
EM_JS(int, ks_js_format, (double x, int conversion, int precision, int alt, char* out, int capacity), {
  var s, e, p, m, i;
  function c(digits, f) {  // digits: "Fixed" or "Exponential"; f: digits after the point
    var r = x["to" + digits](f), t, j, k;
    if (f > (digits == "Fixed" ? 40 : 80)) return r;
    t = x["to" + digits](100);
    j = t.indexOf("e");
    k = (j < 0 ? t : t.slice(0, j)).slice(0, f - 100);  // the digits kept, truncated
    if (t.slice(k.length, j < 0 ? t.length : j) != "5" + "0".repeat(99 - f)) return r;
    if (k.slice(-1) == ".") k = k.slice(0, -1);
    return "02468".indexOf(k.slice(-1)) < 0 ? r : k + (j < 0 ? "" : t.slice(j));
  }
  function fixed(f) {  // toFixed switches to exponents from 1e21; BigInt is exact there
    return x < 1e21 ? c("Fixed", f) : BigInt(x) + (f ? "." + "0".repeat(f) : "");
  }
  if (conversion == 102) {
    s = fixed(precision);
  } else {
    p = conversion == 103 ? (precision || 1) : precision + 1;  // significant digits
    s = c("Exponential", p - 1);
    e = +s.slice(s.indexOf("e") + 1);
    if (conversion == 103 && e >= -4 && e < p) s = fixed(p - 1 - e);
  }
  i = s.indexOf("e");
  m = i < 0 ? s : s.slice(0, i);  // mantissa
  e = i < 0 ? "" : s.slice(i);
  if (e.length == 3) e = e.slice(0, 2) + "0" + e.slice(2);  // C writes two exponent digits at least
  if (conversion == 103 && !alt && m.indexOf(".") >= 0) {  // %g drops trailing zeros
    while (m.slice(-1) == "0") m = m.slice(0, -1);
    if (m.slice(-1) == ".") m = m.slice(0, -1);
  }
  if (alt && m.indexOf(".") < 0) m += ".";  // # keeps the point
  return stringToUTF8(m + e, out, capacity);
});

// --- printf --------------------------------------------------------------------------------------

struct Out {
  char* buf;
  size_t cap;  // bytes available, including the terminating NUL
  size_t len;  // bytes the full output takes
  void put(char c) {
    if (len + 1 < cap) buf[len] = c;
    ++len;
  }
  void put(const char* s, size_t n) {
    for (size_t i = 0; i < n; ++i) put(s[i]);
  }
  void pad(char c, int n) {
    for (int i = 0; i < n; ++i) put(c);
  }
};

enum Flag : unsigned { kLeft = 1, kPlus = 2, kSpace = 4, kAlt = 8, kZero = 16 };

// Writes prefix (sign, 0x) + body with the field width; zeros go between them.
void emit_field(Out& out, const char* prefix, size_t prefix_len, const char* body, size_t body_len, int width,
                unsigned flags) {
  const int fill = width - static_cast<int>(prefix_len + body_len);
  if (!(flags & kLeft) && !(flags & kZero)) out.pad(' ', fill);
  out.put(prefix, prefix_len);
  if (!(flags & kLeft) && (flags & kZero)) out.pad('0', fill);
  out.put(body, body_len);
  if (flags & kLeft) out.pad(' ', fill);
}

int format(char* buf, size_t cap, const char* fmt, va_list ap) {
  Out out{buf, cap, 0};
  for (const char* f = fmt; *f; ++f) {
    if (*f != '%') {
      out.put(*f);
      continue;
    }
    const char* spec = f++;
    unsigned flags = 0;
    for (;; ++f) {
      if (*f == '-') flags |= kLeft;
      else if (*f == '+') flags |= kPlus;
      else if (*f == ' ') flags |= kSpace;
      else if (*f == '#') flags |= kAlt;
      else if (*f == '0') flags |= kZero;
      else break;
    }
    int width = 0;
    if (*f == '*') {
      width = va_arg(ap, int);
      if (width < 0) flags |= kLeft, width = -width;
      ++f;
    } else {
      while (std::isdigit(static_cast<unsigned char>(*f))) width = width * 10 + (*f++ - '0');
    }
    int precision = -1;
    if (*f == '.') {
      ++f;
      precision = 0;
      if (*f == '*') {
        precision = va_arg(ap, int);
        if (precision < 0) precision = -1;
        ++f;
      } else {
        while (std::isdigit(static_cast<unsigned char>(*f))) precision = precision * 10 + (*f++ - '0');
      }
    }
    int size = 0;  // -2 hh, -1 h, 0 int, 1 long, 2 long long / intmax_t, 3 long double
    for (;; ++f) {
      if (*f == 'h') --size;
      else if (*f == 'l') ++size;
      else if (*f == 'j' || *f == 'q') size = 2;
      else if (*f == 'z' || *f == 't') size = 1;  // 32-bit, like long
      else if (*f == 'L') size = 3;
      else break;
    }
    char body[512];
    size_t n = 0;
    char prefix[3];
    size_t prefix_len = 0;
    const char c = *f;
    switch (c) {
      case '%':
        out.put('%');
        break;
      case 'c':
        body[0] = static_cast<char>(va_arg(ap, int));
        emit_field(out, "", 0, body, 1, width, flags & kLeft);
        break;
      case 's': {
        const char* s = va_arg(ap, const char*);
        if (!s) s = "(null)";
        size_t len = 0;
        while ((precision < 0 || len < static_cast<size_t>(precision)) && s[len]) ++len;
        emit_field(out, "", 0, s, len, width, flags & kLeft);
        break;
      }
      case 'n':
        *va_arg(ap, int*) = static_cast<int>(out.len);
        break;
      case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p': {
        unsigned long long v;
        bool negative = false;
        if (c == 'p') {
          v = reinterpret_cast<uintptr_t>(va_arg(ap, void*));
          flags |= kAlt;
        } else if (c == 'd' || c == 'i') {
          long long s = size >= 2 ? va_arg(ap, long long) : size == 1 ? va_arg(ap, long) : va_arg(ap, int);
          if (size == -1) s = static_cast<short>(s);
          if (size <= -2) s = static_cast<signed char>(s);
          negative = s < 0;
          v = negative ? 0ull - static_cast<unsigned long long>(s) : static_cast<unsigned long long>(s);
        } else {
          v = size >= 2 ? va_arg(ap, unsigned long long) : size == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
          if (size == -1) v = static_cast<unsigned short>(v);
          if (size <= -2) v = static_cast<unsigned char>(v);
        }
        const unsigned base = (c == 'o') ? 8 : (c == 'x' || c == 'X' || c == 'p') ? 16 : 10;
        const char* digits = c == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        char tmp[24];
        size_t t = 0;
        for (unsigned long long x = v; x; x /= base) tmp[t++] = digits[x % base];
        if (precision >= 0) flags &= ~kZero;  // a precision overrides the 0 flag
        const size_t min_digits = precision < 0 ? 1 : static_cast<size_t>(precision);
        while (t < min_digits && t < sizeof tmp) tmp[t++] = '0';
        if (c == 'o' && (flags & kAlt) && (t == 0 || tmp[t - 1] != '0')) tmp[t++] = '0';
        if (negative) prefix[prefix_len++] = '-';
        else if ((c == 'd' || c == 'i') && (flags & kPlus)) prefix[prefix_len++] = '+';
        else if ((c == 'd' || c == 'i') && (flags & kSpace)) prefix[prefix_len++] = ' ';
        if (base == 16 && (flags & kAlt) && (v || c == 'p')) {
          prefix[prefix_len++] = '0';
          prefix[prefix_len++] = c == 'X' ? 'X' : 'x';
        }
        for (size_t i = 0; i < t; ++i) body[i] = tmp[t - 1 - i];
        emit_field(out, prefix, prefix_len, body, t, width, flags);
        break;
      }
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A': {
        const double v = size == 3 ? static_cast<double>(va_arg(ap, long double)) : va_arg(ap, double);
        const bool upper = c == 'F' || c == 'E' || c == 'G' || c == 'A';
        if (std::signbit(v)) prefix[prefix_len++] = '-';
        else if (flags & kPlus) prefix[prefix_len++] = '+';
        else if (flags & kSpace) prefix[prefix_len++] = ' ';
        const double a = std::signbit(v) ? -v : v;
        if (!(a == a) || a > 1.7976931348623157e308) {  // NaN, infinity: no zero padding
          std::memcpy(body, a == a ? (upper ? "INF" : "inf") : (upper ? "NAN" : "nan"), 3);
          emit_field(out, prefix, prefix_len, body, 3, width, flags & kLeft);
          break;
        }
        const char lower = static_cast<char>(c | 0x20);
        const int conversion = lower == 'a' ? 'e' : lower;
        if (precision < 0) precision = 6;
        if (precision > 100) precision = 100;  // toFixed's limit
        n = static_cast<size_t>(ks_js_format(a, conversion, precision, (flags & kAlt) != 0, body, sizeof body));
        if (upper)
          for (size_t i = 0; i < n; ++i) body[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(body[i])));
        emit_field(out, prefix, prefix_len, body, n, width, flags);
        break;
      }
      default:  // unsupported or truncated conversion: written as it stands
        out.put(spec, static_cast<size_t>(f - spec + (c ? 1 : 0)));
        if (!c) --f;  // the loop stops at the NUL
        break;
    }
  }
  if (cap > 0) buf[out.len < cap ? out.len : cap - 1] = '\0';
  return static_cast<int>(out.len);
}

// --- strtod --------------------------------------------------------------------------------------

bool starts_with_nocase(const char* s, const char* word) {
  for (; *word; ++s, ++word)
    if (std::tolower(static_cast<unsigned char>(*s)) != *word) return false;
  return true;
}

size_t digit_run(const char* s) {
  size_t n = 0;
  while (std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
  return n;
}

}  // namespace

extern "C" {

double __wrap_strtod(const char* text, char** end) {
  const char* s = text;
  while (std::isspace(static_cast<unsigned char>(*s))) ++s;
  const char* number = s;
  const bool negative = *s == '-';
  if (*s == '+' || *s == '-') ++s;
  double value = 0;
  const char* stop = text;  // nothing parsed
  if (starts_with_nocase(s, "inf")) {
    stop = s + (starts_with_nocase(s, "infinity") ? 8 : 3);
    value = negative ? -__builtin_inf() : __builtin_inf();
  } else if (starts_with_nocase(s, "nan")) {
    stop = s + 3;
    const char* p = stop;  // nan(n-char-sequence)
    if (*p == '(') {
      while (std::isalnum(static_cast<unsigned char>(*++p)) || *p == '_') {
      }
      if (*p == ')') stop = p + 1;
    }
    value = negative ? -__builtin_nan("") : __builtin_nan("");
  } else {
    const size_t whole = digit_run(s);
    size_t fraction = 0;
    const char* p = s + whole;
    if (*p == '.') fraction = digit_run(p + 1), p += 1 + fraction;
    if (whole + fraction > 0) {
      if ((*p == 'e' || *p == 'E')) {
        const char* q = p + 1;
        if (*q == '+' || *q == '-') ++q;
        if (const size_t exponent = digit_run(q)) p = q + exponent;
      }
      stop = p;
      value = ks_js_number(number, static_cast<int>(p - number));  // sign included
    }
  }
  if (end) *end = const_cast<char*>(stop);
  return value;
}

int __wrap_vsnprintf(char* buf, size_t size, const char* fmt, va_list ap) { return format(buf, size, fmt, ap); }

// fprintf without floating point in the format: what clang makes of ImGui's and SDL's
// fprintf(stderr, ...) (shader compile errors, SDL_Log).
int __wrap_fiprintf(FILE* file, const char* fmt, ...) {
  char text[1024];
  va_list ap;
  va_start(ap, fmt);
  const int n = format(text, sizeof text, fmt, ap);
  va_end(ap);
  return std::fputs(text, file) < 0 ? -1 : n;
}

int __wrap_sscanf(const char* input, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const char* s = input;
  int assigned = 0;
  bool converted = false;  // for EOF: input failure before the first conversion
  for (const char* f = fmt; *f; ++f) {
    if (std::isspace(static_cast<unsigned char>(*f))) {
      while (std::isspace(static_cast<unsigned char>(*s))) ++s;
      continue;
    }
    if (*f != '%' || f[1] == '%') {
      if (*f == '%') ++f;
      if (*s != *f) {
        if (!*s && !converted) assigned = -1;
        break;
      }
      ++s;
      continue;
    }
    ++f;
    const bool store = *f != '*';
    if (!store) ++f;
    size_t width = 0;
    while (std::isdigit(static_cast<unsigned char>(*f))) width = width * 10 + static_cast<size_t>(*f++ - '0');
    int size = 0;
    for (;; ++f) {
      if (*f == 'h') --size;
      else if (*f == 'l') ++size;
      else if (*f == 'j' || *f == 'q' || *f == 'L') size = 2;
      else if (*f == 'z' || *f == 't') size = 1;
      else break;
    }
    const char c = *f;
    if (c == 'n') {
      if (store) *va_arg(ap, int*) = static_cast<int>(s - input);
      continue;
    }
    if (c != 'c')
      while (std::isspace(static_cast<unsigned char>(*s))) ++s;
    if (!*s) {
      if (!converted) assigned = -1;
      break;
    }
    // The text the conversion may read: `width` bytes at most.
    char field[128];
    const size_t limit = (width && width < sizeof field) ? width : sizeof field - 1;
    size_t len = 0;
    while (len < limit && s[len]) field[len] = s[len], ++len;
    field[len] = '\0';
    if (c == 'c') {
      const size_t count = width ? width : 1;
      if (len < count) break;
      if (store) std::memcpy(va_arg(ap, char*), s, count);
      s += count;
    } else if (c == 's') {
      size_t k = 0;
      while (k < len && !std::isspace(static_cast<unsigned char>(field[k]))) ++k;
      if (store) {
        char* out = va_arg(ap, char*);
        std::memcpy(out, s, k);
        out[k] = '\0';
      }
      s += k;
    } else if (c == 'f' || c == 'e' || c == 'g' || c == 'E' || c == 'G' || c == 'a' || c == 'F') {
      char* stop = nullptr;
      const double v = __wrap_strtod(field, &stop);
      if (stop == field) break;
      if (store) {
        if (size >= 1) *va_arg(ap, double*) = v;
        else *va_arg(ap, float*) = static_cast<float>(v);
      }
      s += stop - field;
    } else if (c == 'd' || c == 'i' || c == 'u' || c == 'o' || c == 'x' || c == 'X') {
      const char* p = field;
      const bool negative = *p == '-';
      if (*p == '+' || *p == '-') ++p;
      unsigned base = c == 'o' ? 8 : (c == 'x' || c == 'X') ? 16 : 10;
      if ((c == 'i' || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && std::isxdigit(static_cast<unsigned char>(p[2])))
        p += 2, base = 16;
      else if (c == 'i' && p[0] == '0')
        base = 8;
      unsigned long long v = 0;
      const char* digits_start = p;
      for (;; ++p) {
        const int ch = std::tolower(static_cast<unsigned char>(*p));
        const unsigned d = std::isdigit(ch) ? static_cast<unsigned>(ch - '0') : (ch >= 'a' && ch <= 'f') ? static_cast<unsigned>(ch - 'a' + 10) : 99u;
        if (d >= base) break;
        v = v * base + d;
      }
      if (p == digits_start) break;
      if (negative) v = 0ull - v;
      if (store) {
        void* target = va_arg(ap, void*);
        if (size >= 2) *static_cast<unsigned long long*>(target) = v;
        else if (size == 1) *static_cast<unsigned long*>(target) = static_cast<unsigned long>(v);
        else if (size == -1) *static_cast<unsigned short*>(target) = static_cast<unsigned short>(v);
        else if (size <= -2) *static_cast<unsigned char*>(target) = static_cast<unsigned char>(v);
        else *static_cast<unsigned*>(target) = static_cast<unsigned>(v);
      }
      s += p - field;
    } else {
      break;  // unsupported conversion (scansets): stop here, as a mismatch would
    }
    converted = true;
    if (store) ++assigned;
  }
  va_end(ap);
  return assigned;
}

}  // extern "C"

#endif  // __EMSCRIPTEN__
