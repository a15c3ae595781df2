#!/usr/bin/python3
"""Builds the compact font the widget embeds from one of Debian's static Inter OTFs (CFF).

    make-font.py SOURCE.otf OUTPUT.otf --unicodes 0x20-0x7E,0xA0-0xFF,0x2013 [--upem 256]

Run at build time by cmake/fonts.cmake; the output is never committed. Every byte counts (the
first visit has a gzip budget, DESIGN.md), and the only reader is stb_truetype inside Dear ImGui
1.86, so the output keeps exactly what stb_truetype reads and drops the rest:

- only the glyphs of --unicodes (plus an empty .notdef); code points whose glyphs are identical
  (U+00A0 and U+0020, U+00AD and U+002D) share one glyph;
- outlines rescaled to --upem units per em and rounded. 256 keeps every point within 1/512 em
  (0.14 px at the largest size drawn, 24 px x devicePixelRatio 3): no visible change, and
  coordinates then mostly fit CFF's one-byte operands: a fifth less gzip than at 2816;
- CFF charstrings without subroutines (gzip finds the repeats better than subroutines do: an
  accented letter repeats its base letter's outline verbatim) and without hints (stb_truetype
  does not hint);
- no charstring widths and zero left side bearings: stb_truetype takes advances from hmtx and
  places glyphs by their outline's bounding box;
- tables: CFF, cmap, head, hhea, hmtx, maxp, post (format 3), name (copyright and the license
  notice only, which the SIL Open Font License asks every copy to carry). No OS/2, no GSUB,
  GPOS, GDEF or kern: ImGui 1.86 does not shape or kern.

Glyph names are Adobe's standard CFF names where there is one, which cost nothing (CFF has them
built in).
"""
import argparse
import sys

try:
    from fontTools.agl import UV2AGL
    from fontTools.cffLib import cffStandardStrings
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.pens.t2CharStringPen import T2CharStringPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.ttLib import TTFont
except ImportError as e:  # pragma: no cover
    sys.exit(f"make-font.py: fontTools is missing ({e}); install Debian's python3-fonttools")

STANDARD_NAMES = set(cffStandardStrings)


def parse_unicodes(spec):
    out = []
    for part in spec.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        lo, _, hi = part.partition("-")
        lo = int(lo, 16)
        hi = int(hi, 16) if hi else lo
        if hi < lo:
            sys.exit(f"make-font.py: bad range '{part}'")
        out.extend(range(lo, hi + 1))
    return sorted(set(out))


def glyph_name(cp):
    name = UV2AGL.get(cp)
    return name if name in STANDARD_NAMES else "uni%04X" % cp


def build(source, unicodes, upem):
    src = TTFont(source)
    if "CFF " not in src:
        sys.exit(f"make-font.py: {source} has no CFF table (expected Debian's fonts-inter OTFs)")
    cmap = src.getBestCmap()
    glyphs = src.getGlyphSet()
    hmtx = src["hmtx"].metrics
    scale = upem / src["head"].unitsPerEm

    missing = [cp for cp in unicodes if cp not in cmap]
    if missing:
        sys.exit("make-font.py: %s lacks %s" % (source, ", ".join("U+%04X" % cp for cp in missing)))

    order = [".notdef"]
    charstrings = {".notdef": T2CharStringPen(None, None).getCharString()}
    metrics = {".notdef": (round(hmtx[".notdef"][0] * scale), 0)}
    mapping = {}
    by_content = {}  # (advance, outline) -> glyph name, to share identical glyphs
    for cp in unicodes:
        src_name = cmap[cp]
        advance = round(hmtx[src_name][0] * scale)
        recording = RecordingPen()
        glyphs[src_name].draw(TransformPen(recording, (scale, 0, 0, scale, 0, 0)))
        pen = T2CharStringPen(None, None)  # rounds each absolute point, so no drift
        recording.replay(pen)
        charstring = pen.getCharString()
        key = (advance, tuple(charstring.program))
        if key in by_content:
            mapping[cp] = by_content[key]
            continue
        name = glyph_name(cp)
        order.append(name)
        charstrings[name] = charstring
        metrics[name] = (advance, 0)
        mapping[cp] = by_content[key] = name

    fb = FontBuilder(upem, isTTF=False)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(mapping)
    fb.setupCFF(src["name"].getDebugName(6) or "Font", {}, charstrings, {})
    fb.setupHorizontalMetrics(metrics)
    hhea = src["hhea"]
    fb.setupHorizontalHeader(ascent=round(hhea.ascent * scale), descent=round(hhea.descent * scale),
                             lineGap=round(hhea.lineGap * scale))
    names = {i: src["name"].getDebugName(i) for i in (0, 13)}
    fb.setupNameTable({i: v for i, v in names.items() if v}, mac=False)
    fb.setupPost(keepGlyphNames=False)
    fb.setupHead(unitsPerEm=upem)
    return fb.font


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source")
    ap.add_argument("output")
    ap.add_argument("--unicodes", required=True, help="hex code points and ranges: 0x20-0x7E,0x2013")
    ap.add_argument("--upem", type=int, default=256)
    args = ap.parse_args()
    font = build(args.source, parse_unicodes(args.unicodes), args.upem)
    font.save(args.output)


if __name__ == "__main__":
    main()
