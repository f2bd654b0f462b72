# Makes the default theme's static/favicon.ico (python3 favicon.py static/favicon.ico): a 32x32 PNG (2-bit palette) in an ICO,
# drawn as favicon.svg is (a white page with three lines on a red rounded square).
import struct, zlib, sys
N = 32
def colour(x, y):
    cx, cy = x + .5, y + .5
    # rounded square, radius 6
    r = 6
    dx = max(r - cx, 0, cx - (N - r)); dy = max(r - cy, 0, cy - (N - r))
    if dx * dx + dy * dy > r * r: return 0
    inpage = 9 <= cx <= 25 and 5 <= cy <= 27 and not (cx - 19 > cy - 5)
    if not inpage: return 1
    for top, right in ((14, 22), (18, 22), (22, 19)):
        if top <= cy < top + 2 and 12 <= cx < right: return 1
    return 2
raw = b""
for y in range(N):
    row = [colour(x, y) for x in range(N)]
    b = bytes(sum(row[i + k] << (6 - 2 * k) for k in range(4)) for i in range(0, N, 4))
    raw += b"\0" + b
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 2, 3, 0, 0, 0)) \
    + chunk(b"PLTE", bytes([0, 0, 0, 0x8b, 0, 0, 255, 255, 255])) + chunk(b"tRNS", b"\0") \
    + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
ico = struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", N, N, 0, 0, 1, 32, len(png), 22) + png
open(sys.argv[1], "wb").write(ico)
