"""Clipboard HTML from Word, WPS and browsers, with the Markdown each must paste as."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from tests.pictures.images import flat_png, photo

FIXTURES = Path(__file__).parent / "paste_fixtures"
NAMES = sorted(path.stem for path in FIXTURES.glob("*.html"))
#: A stored picture's path, with its content hash.
MEDIA = re.compile(r"media/[0-9a-f]{64}")


def fixture_html(name: str, tmp_path: Path) -> str:
    """A fixture with its placeholders filled: Word's clipboard folder and a data: picture."""
    clip_dir = tmp_path / "Temp" / "msohtmlclip1" / "01"
    clip_dir.mkdir(parents=True, exist_ok=True)
    (clip_dir / "clip_image002.jpg").write_bytes(photo(900, 600))
    data_uri = "data:image/png;base64," + base64.b64encode(flat_png()).decode("ascii")
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    return html.replace("{CLIP_DIR}", clip_dir.as_posix().lstrip("/")).replace(
        "{PNG_DATA_URI}", data_uri
    )


def expected_markdown(name: str) -> str:
    """The Markdown a fixture pastes as, stored pictures written ``media/PICTURE``."""
    return (FIXTURES / f"{name}.md").read_text(encoding="utf-8")
