"""Real picture files made with Pillow for the tests: photos with EXIF, flat PNGs, bombs."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import ExifTags, Image, ImageDraw


def photo(width: int = 800, height: int = 600, *, orientation: int = 1, gps: bool = True) -> bytes:
    """A noisy JPEG 'photo' with a red marker in its top-left corner, EXIF and GPS tags."""
    image = Image.effect_noise((width, height), 40).convert("RGB")
    ImageDraw.Draw(image).rectangle((0, 0, width // 4, height // 4), fill=(230, 20, 20))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "TestCam"
    exif[ExifTags.Base.Model] = "TC-1"
    if gps:
        info = exif.get_ifd(ExifTags.IFD.GPSInfo)
        info[ExifTags.GPS.GPSLatitudeRef] = "N"
        info[ExifTags.GPS.GPSLatitude] = (30.0, 15.0, 10.0)
        info[ExifTags.GPS.GPSLongitudeRef] = "E"
        info[ExifTags.GPS.GPSLongitude] = (120.0, 9.0, 5.0)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif)
    return out.getvalue()


def flat_png(width: int = 400, height: int = 300, *, transparent: bool = False) -> bytes:
    """A flat chart-like PNG (few colours), optionally with a transparent background."""
    mode = "RGBA" if transparent else "RGB"
    image = Image.new(mode, (width, height), (0, 0, 0, 0) if transparent else (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for index in range(5):
        draw.rectangle((20 + index * 70, 250 - index * 40, 70 + index * 70, 280), fill="#c00")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def png_bomb(width: int = 20000, height: int = 10000) -> bytes:
    """A tiny PNG whose header claims width×height pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + b"\x00" * (width * 3)
    data = zlib.compress(row * 8)  # a few rows only: the rest is missing
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
