"""Pictures: processing on the way in (Pillow) and the picture tables of the store. No Qt."""

from desktop.pictures.library import (
    MEDIA_DIR,
    THUMBS_DIR,
    PictureInfo,
    add_picture,
    max_width,
    media_path,
    original_bytes,
    picture_bytes,
    picture_info,
    picture_loader,
    pictures_used,
    save_processed,
    thumbnail_path,
)
from desktop.pictures.process import (
    DEFAULT_MAX_WIDTH,
    PictureError,
    ProcessedPicture,
    make_thumbnail,
    process_picture,
)

__all__ = [
    "DEFAULT_MAX_WIDTH",
    "MEDIA_DIR",
    "THUMBS_DIR",
    "PictureError",
    "PictureInfo",
    "ProcessedPicture",
    "add_picture",
    "make_thumbnail",
    "max_width",
    "media_path",
    "original_bytes",
    "picture_bytes",
    "picture_info",
    "picture_loader",
    "pictures_used",
    "process_picture",
    "save_processed",
    "thumbnail_path",
]
