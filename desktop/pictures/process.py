"""Pictures on their way in: checked, turned upright, stripped of metadata, resized, re-encoded.

Qt-free (Pillow). Every picture that reaches the store passes :func:`process_picture`, so a
photo from a phone loses its EXIF block (camera, time and GPS position) before it can be
published, and a 6000-pixel original becomes a page-sized file.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from desktop.i18n import tr
from desktop.site import PICTURE_MAX_WIDTH

#: Widest picture kept unless the site says otherwise (the page body is about 900 px wide;
#: this leaves room for high-density screens without storing camera originals).
DEFAULT_MAX_WIDTH = PICTURE_MAX_WIDTH.default
#: Anything larger is refused before it is decoded: a decompression bomb, not a photo.
#: 80 megapixels admits every common camera (phones bin their 108 MP sensors to 12 MP).
MAX_PIXELS = 80_000_000
#: Larger files are refused unread.
MAX_PICTURE_BYTES = 60 * 1024 * 1024
#: JPEG quality of re-encoded photos: visually lossless for news photos, a fraction of the size.
JPEG_QUALITY = 85
#: A PNG with at most this many colours is a chart, logo or screenshot: it stays PNG.
FLAT_COLOURS = 256
#: Cover thumbnails: the list template's 4:3 box, 320 px wide.
THUMB_WIDTH = 320
THUMB_RATIO = (4, 3)

_FORMATS = {"JPEG", "PNG", "GIF", "BMP", "WEBP", "TIFF"}  # JPEG also opens MPO
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError)


class PictureError(ValueError):
    """A file that cannot become a picture; the message names the file and the problem."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}" if name else problem)
        self.name = name
        self.problem = problem


@dataclass(frozen=True)
class ProcessedPicture:
    """A picture ready for the store: encoded bytes and what they are."""

    data: bytes
    extension: str  # "jpg" or "png"
    width: int
    height: int


def _open(data: bytes, name: str) -> Image.Image:
    """Open and identify a picture, refusing bombs before any pixel is decoded."""
    if len(data) > MAX_PICTURE_BYTES:
        raise PictureError(name, tr("is too large ({count} MB)", count=len(data) // 1_048_576))
    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice it; a warning here is a refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=sorted(_FORMATS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PictureError(
                name, tr("is far too large in pixels (a decompression bomb?)")
            ) from None
        except UnidentifiedImageError:
            raise PictureError(
                name, tr("is not a picture (JPEG, PNG, GIF, BMP, WebP or TIFF)")
            ) from None
        except _DECODE_ERRORS as exc:
            raise PictureError(name, tr("is damaged ({exc})", exc=exc)) from None
    if image.width * image.height > MAX_PIXELS:
        raise PictureError(
            name,
            tr(
                "is {width}×{height} pixels, more than {megapixels} megapixels (a decompression "
                "bomb?)",
                width=image.width,
                height=image.height,
                megapixels=MAX_PIXELS // 1_000_000,
            ),
        )
    return image


def _decode(image: Image.Image, name: str, max_width: int) -> Image.Image:
    """Decode the first frame, upright, at no more than max_width."""
    orientation = image.getexif().get(274, 1) if hasattr(image, "getexif") else 1
    if image.format in ("JPEG", "MPO"):
        # JPEG can decode at 1/2, 1/4 or 1/8 scale: a 48 MP photo never exists in full.
        sideways = orientation in (5, 6, 7, 8)
        image.draft("RGB", (1, max_width) if sideways else (max_width, 1))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PictureError(name, tr("is far too large in pixels (a decompression bomb?)")) from None
    except _DECODE_ERRORS as exc:
        raise PictureError(name, tr("is truncated or damaged ({exc})", exc=exc)) from None
    if upright.width > max_width:
        height = max(1, round(upright.height * max_width / upright.width))
        upright = upright.resize((max_width, height), Image.Resampling.LANCZOS)
    return upright


def _has_transparency(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA"):
        alpha = image.getchannel("A").getextrema()
        return bool(alpha[0] < 255)  # type: ignore[operator]
    return image.mode == "P" and "transparency" in image.info


def process_picture(
    data: bytes, name: str = "", *, max_width: int = DEFAULT_MAX_WIDTH
) -> ProcessedPicture:
    """Check, orient, strip, downscale and re-encode a picture; raise PictureError if it is bad."""
    if max_width < 16:
        raise ValueError(
            tr("max_width must be at least 16 pixels, not {max_width}", max_width=max_width)
        )
    image = _open(data, name)
    source_format = image.format
    icc = image.info.get("icc_profile")  # colour, not metadata: kept so photos look the same
    picture = _decode(image, name, max_width)
    keep_png = (
        source_format != "JPEG"
        and source_format != "MPO"
        and (_has_transparency(picture) or picture.getcolors(FLAT_COLOURS) is not None)
    )
    out = io.BytesIO()
    # No exif= and no pnginfo: nothing of the original's metadata is written.
    if keep_png:
        if picture.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
            picture = picture.convert("RGBA")
        picture.save(out, "PNG", optimize=True)
        extension = "png"
    else:
        if picture.mode in ("RGBA", "LA", "PA", "P"):
            picture = _on_white(picture)
        elif picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        options: dict[str, object] = {
            "quality": JPEG_QUALITY,
            "optimize": True,
            "progressive": True,
        }
        if icc:
            options["icc_profile"] = icc
        picture.save(out, "JPEG", **options)
        extension = "jpg"
    return ProcessedPicture(out.getvalue(), extension, picture.width, picture.height)


def _on_white(image: Image.Image) -> Image.Image:
    """Flatten a picture with (possible) transparency onto white, as the page shows it."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def make_thumbnail(
    data: bytes, *, width: int = THUMB_WIDTH, ratio: tuple[int, int] = THUMB_RATIO
) -> bytes:
    """Return a JPEG thumbnail of a stored picture, centre-cropped to ratio, width px wide."""
    image = _open(data, "thumbnail")
    height = max(1, round(width * ratio[1] / ratio[0]))
    if image.format == "JPEG":
        image.draft("RGB", (width, height))
    image.load()
    if image.mode not in ("RGB", "L"):
        image = _on_white(image)
    # Cropping a little above centre keeps heads in group photos.
    thumb = ImageOps.fit(image, (width, height), Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    out = io.BytesIO()
    thumb.save(out, "JPEG", quality=80, optimize=True, progressive=True)
    return out.getvalue()
