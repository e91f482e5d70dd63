"""The site's editions: the simplified pages at the root, the 繁體 mirror under ``zh-hant/``
and the large-type, high-contrast 长辈版 (适老化) under ``elder/``.

Each further edition repeats the simplified layout one folder down (``zh-hant/index.html``,
``elder/news/2024/05/12.html``, …); the stylesheet, pictures, sitemap, feed and 404 page are
shared, so its pages reach them with one more ``../``. Every page links to its counterparts in
the other editions the site publishes.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.site import Site
from desktop.traditional import Variant

#: Folder of the traditional edition in the bundle (ASCII, like every path).
TRADITIONAL_FOLDER = "zh-hant"
#: Folder of the elder-friendly edition (长辈版).
ELDER_FOLDER = "elder"


@dataclass(frozen=True)
class Edition:
    """One edition of the site: where its pages live, its language, and its switch link."""

    prefix: str  # "" for the simplified edition, "zh-hant/" or "elder/" for the others
    lang: str  # the <html lang> of its pages
    variant: Variant | None  # None: simplified, no conversion
    label: str  # how the other editions' pages name this one in their header links
    elder: bool = False  # large type and high contrast (the body carries class "elder")

    @property
    def traditional(self) -> bool:
        """Whether the pages of this edition are converted to traditional Chinese."""
        return self.variant is not None

    def path(self, site_path: str) -> str:
        """Return where a simplified page's counterpart lives in this edition."""
        return self.prefix + site_path

    def key(self) -> str:
        """Return a short text that tells editions apart in fingerprints."""
        return f"{self.prefix}|{self.variant.value if self.variant else ''}|{self.elder}"

    def label_from(self, other: Edition) -> str:
        """Return how a page of ``other`` names this edition in its header link."""
        if self.prefix == "" and other.elder:
            return "标准版"  # from the 长辈版 back to the ordinary pages
        return self.label


#: The simplified edition (the site as typed); the 繁體 pages link back to it as "简体".
SIMPLIFIED = Edition("", "zh-CN", None, "简体")
#: The 长辈版: the simplified site in large type and high contrast.
ELDER = Edition(f"{ELDER_FOLDER}/", "zh-CN", None, "长辈版", elder=True)


def traditional_edition(variant: Variant) -> Edition:
    """Return the 繁體 edition in ``variant`` (its pages name the simplified one "简体")."""
    return Edition(f"{TRADITIONAL_FOLDER}/", "zh-Hant", variant, "繁體")


def site_variant(site: Site) -> Variant:
    """Return the OpenCC variant the site settings ask for."""
    return {
        "taiwan": Variant.TAIWAN,
        "hongkong": Variant.HONG_KONG,
        "standard": Variant.STANDARD,
    }.get(site.traditional_variant, Variant.TAIWAN)


def site_editions(site: Site) -> list[Edition]:
    """Return the editions the site publishes: simplified, then 繁體 and 长辈版 when set."""
    editions = [SIMPLIFIED]
    if site.has_traditional:
        editions.append(traditional_edition(site_variant(site)))
    if site.has_elder:
        editions.append(ELDER)
    return editions


def other_editions(site: Site, edition: Edition) -> list[Edition]:
    """Return the editions a page of ``edition`` links to, in the header's order."""
    return [other for other in site_editions(site) if other.prefix != edition.prefix]


def simplified_path(path: str) -> str:
    """Return the simplified edition's path of a page of any edition."""
    for folder in (TRADITIONAL_FOLDER, ELDER_FOLDER):
        prefix = f"{folder}/"
        if path.startswith(prefix):
            return path[len(prefix) :]
    return path
