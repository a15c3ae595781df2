#!/usr/bin/env python3
"""Tells a PNG drawn for a 2x screen from a 1x drawing blown up: prints the share of aligned 2x2
pixel blocks that are not one flat colour (0 for an upscaled image; text and edges drawn at the
device's own density give many). Reads the unfiltered RGBA PNGs the preview writes.
  usage: pixel_density.py shot.png"""
import struct
import sys
import zlib


def read_rgba(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit(f'{path}: not a PNG')
    pos, idat, width, height = 8, b'', 0, 0
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, colour = struct.unpack('>IIBB', body[:10])
            if depth != 8 or colour != 6:
                sys.exit(f'{path}: expected 8-bit RGBA')
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 4 + 1
    rows = []
    for y in range(height):
        line = raw[y * stride:(y + 1) * stride]
        if line[0] != 0:
            sys.exit(f'{path}: row {y} uses PNG filter {line[0]} (the preview writes filter 0)')
        rows.append(line[1:])
    return width, height, rows


def main():
    width, height, rows = read_rgba(sys.argv[1])
    blocks = busy = 0
    for y in range(0, height - 1, 2):
        top, bottom = rows[y], rows[y + 1]
        for x in range(0, (width - 1) * 4, 8):
            blocks += 1
            a = top[x:x + 4]
            if a != top[x + 4:x + 8] or a != bottom[x:x + 4] or a != bottom[x + 4:x + 8]:
                busy += 1
    print(f'{width}x{height} {busy / max(blocks, 1):.4f}')


main()
