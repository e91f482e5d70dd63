"""The site's editions: the simplified pages at the root and the 繁體 mirror under ``zh-hant/``.

The traditional edition repeats the simplified layout one folder down (``zh-hant/index.html``,
``zh-hant/news/2024/05/12.html``, ``zh-hant/columns/<slug>/index.html``); the stylesheet,
pictures, sitemap, feed and 404 page are shared, so its pages reach them with one more ``../``.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.site import Site
from desktop.traditional import Variant

#: Folder of the traditional edition in the bundle (ASCII, like every path).
TRADITIONAL_FOLDER = "zh-hant"


@dataclass(frozen=True)
class Edition:
    """One edition of the site: where its pages live, its language, and its switch link."""

    prefix: str  # "" for the simplified edition, "zh-hant/" for the traditional one
    lang: str  # the <html lang> of its pages
    variant: Variant | None  # None: simplified, no conversion
    other_label: str  # how its pages name the other edition in the header link
    other_lang: str

    @property
    def traditional(self) -> bool:
        """Whether the pages of this edition are converted to traditional Chinese."""
        return self.variant is not None

    def path(self, site_path: str) -> str:
        """Return where a simplified page's counterpart lives in this edition."""
        return self.prefix + site_path

    def key(self) -> str:
        """Return a short text that tells editions apart in fingerprints."""
        return f"{self.prefix}|{self.variant.value if self.variant else ''}"


#: The simplified edition (the site as typed); its link names the other edition "繁體".
SIMPLIFIED = Edition("", "zh-CN", None, "繁體", "zh-Hant")


def traditional_edition(variant: Variant) -> Edition:
    """Return the 繁體 edition in ``variant``; its link back reads "简体" (left unconverted)."""
    return Edition(f"{TRADITIONAL_FOLDER}/", "zh-Hant", variant, "简体", "zh-CN")


def site_variant(site: Site) -> Variant:
    """Return the OpenCC variant the site settings ask for."""
    return {
        "taiwan": Variant.TAIWAN,
        "hongkong": Variant.HONG_KONG,
        "standard": Variant.STANDARD,
    }.get(site.traditional_variant, Variant.TAIWAN)


def site_editions(site: Site) -> list[Edition]:
    """Return the editions the site publishes: simplified, then 繁體 when the setting is on."""
    if not site.has_traditional:
        return [SIMPLIFIED]
    return [SIMPLIFIED, traditional_edition(site_variant(site))]


def other_edition(site: Site, edition: Edition) -> Edition | None:
    """Return the edition a page of ``edition`` links to, or None when there is only one."""
    editions = site_editions(site)
    if len(editions) < 2:
        return None
    return editions[1] if edition.prefix == "" else editions[0]


def simplified_path(path: str) -> str:
    """Return the simplified edition's path of a page of either edition."""
    prefix = f"{TRADITIONAL_FOLDER}/"
    return path[len(prefix) :] if path.startswith(prefix) else path
