"""Pictures on the way in: upright, without EXIF/GPS, page-sized, and bad files refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from desktop.pictures import PictureError, make_thumbnail, process_picture
from tests.pictures.images import flat_png, photo, png_bomb


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_photo_is_rotated_stripped_and_downscaled() -> None:
    original = photo(2400, 1800, orientation=6)
    assert opened(original).getexif().get_ifd(0x8825)  # the fixture really has GPS
    result = process_picture(original, "a.jpg", max_width=1200)
    image = opened(result.data)
    assert result.extension == "jpg" and image.format == "JPEG"
    assert (image.width, image.height) == (result.width, result.height) == (1200, 1600)
    assert not image.getexif()  # no orientation, camera or GPS left
    assert "exif" not in image.info and image.info.get("progressive")
    red, green, _ = image.convert("RGB").getpixel((image.width - 20, 20))  # type: ignore[misc]
    assert red > 180 and green < 80  # the top-left marker turned to the top-right
    assert len(result.data) < len(original)


def test_small_photo_keeps_its_size() -> None:
    result = process_picture(photo(640, 480, orientation=1), "b.jpg")
    assert (result.width, result.height) == (640, 480)


def test_flat_or_transparent_png_stays_png() -> None:
    assert process_picture(flat_png(), "chart.png").extension == "png"
    transparent = process_picture(flat_png(transparent=True), "logo.png")
    assert transparent.extension == "png" and opened(transparent.data).mode == "RGBA"


def test_photographic_png_becomes_jpeg() -> None:
    out = io.BytesIO()
    opened(photo(800, 600)).save(out, "PNG")
    assert process_picture(out.getvalue(), "shot.png").extension == "jpg"


def test_same_input_gives_same_bytes() -> None:
    data = photo(900, 700)
    assert process_picture(data, "a").data == process_picture(data, "b").data


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (photo(800, 600)[:2500], "truncated"),
        (b"\xe4\xbc\x9a\xe8\xae\xae\xe7\xba\xaa\xe8\xa6\x81" * 50, "not a picture"),
        (png_bomb(), "decompression bomb"),
        (b"", "not a picture"),
    ],
    ids=["truncated", "text-renamed-jpg", "bomb-20000x10000", "empty"],
)
def test_bad_files_get_a_clear_message(data: bytes, problem: str) -> None:
    with pytest.raises(PictureError) as caught:
        process_picture(data, "现场照片.jpg")
    assert "现场照片.jpg" in str(caught.value) and problem in str(caught.value)


def test_thumbnail_is_cropped_to_four_by_three() -> None:
    thumb = opened(make_thumbnail(process_picture(photo(1200, 500), "wide.jpg").data))
    assert (thumb.width, thumb.height) == (320, 240) and thumb.format == "JPEG"
