"""Headless Chromium for the diagram tests (Debian's `chromium` package), and a small PNG reader for its shots.

Chromium starts with the flags this machine needs (no sandbox as root, no GPU, none of its background network
traffic) and a fresh profile each time. Where it is missing, the tests that need it skip and say how to get it.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--disable-extensions", "--mute-audio")
MISSING = "Debian's chromium is not installed (`apt-get install -y chromium`; .ci/run installs it in CI)"


def executable() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def run(url: str, *args: str, timeout: float = 90) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="relecloud-chromium-") as profile:
        return subprocess.run([executable() or "chromium", *FLAGS, f"--user-data-dir={profile}", *args, url],
                              capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL, check=False)


def screenshot(url: str, target: Path, width: int, height: int, scale: float = 1.0) -> Path:
    """A screenshot of a ``width`` x ``height`` window, its pixels ``scale`` times the page's."""
    result = run(url, f"--screenshot={target}", f"--window-size={width},{height}",
                 f"--force-device-scale-factor={scale}")
    assert target.exists(), result.stderr.decode(errors="replace")[-2000:]
    return target


def dump_dom(url: str) -> str:
    """The page's DOM after its scripts ran."""
    result = run(url, "--virtual-time-budget=5000", "--dump-dom")
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    return result.stdout.decode("utf-8")


class Png:
    """An 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes), as rows of (r, g, b) pixels."""

    def __init__(self, path: Path):
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
        offset, chunks, header = 8, [], b""
        while offset < len(data):
            length, kind = struct.unpack(">I4s", data[offset:offset + 8])
            body = data[offset + 8:offset + 8 + length]
            if kind == b"IHDR":
                header = body
            elif kind == b"IDAT":
                chunks.append(body)
            offset += 12 + length
        self.width, self.height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
        assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
        self.channels = 4 if colour == 6 else 3
        raw = zlib.decompress(b"".join(chunks))
        stride = self.width * self.channels
        rows: list[bytearray] = []
        previous = bytearray(stride)
        position = 0
        for _ in range(self.height):
            kind = raw[position]
            line = bytearray(raw[position + 1:position + 1 + stride])
            position += 1 + stride
            _unfilter(kind, line, previous, self.channels)
            rows.append(line)
            previous = line
        self.rows = rows

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        row = self.rows[y]
        i = x * self.channels
        return row[i], row[i + 1], row[i + 2]

    def colours(self, step: int = 1) -> set[tuple[int, int, int]]:
        """The colours of the picture (of every ``step``-th pixel across and down)."""
        found = set()
        for row in self.rows[::step]:
            found.update(zip(row[0::self.channels * step], row[1::self.channels * step], row[2::self.channels * step]))
        return found


def _unfilter(kind: int, line: bytearray, previous: bytearray, bpp: int) -> None:
    if kind == 0:
        return
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = previous[i]
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            corner = previous[i - bpp] if i >= bpp else 0
            estimate = left + up - corner
            pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
            best = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
            line[i] = (line[i] + best) & 0xFF
        else:
            raise ValueError(f"unknown PNG filter {kind}")


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def close(a: tuple[int, int, int], b: tuple[int, int, int], tolerance: int = 10) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))
