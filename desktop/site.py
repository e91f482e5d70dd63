"""The site settings that fill every page's header and footer."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from desktop.i18n import tr

# Settings with a closed set of values: the words accepted for each, and what they mean.
_YES_NO = {
    **dict.fromkeys(("yes", "y", "true", "on", "1", "是"), "yes"),
    **dict.fromkeys(("no", "n", "false", "off", "0", "否", ""), "no"),
}
_CHOICES: dict[str, dict[str, str]] = {
    "traditional": _YES_NO,
    "elder": _YES_NO,
    "allow_same_signer": _YES_NO,
    "traditional_variant": {
        **dict.fromkeys(("taiwan", "tw"), "taiwan"),
        **dict.fromkeys(("hongkong", "hong-kong", "hk"), "hongkong"),
        **dict.fromkeys(("standard", "t"), "standard"),
    },
}


@dataclass(frozen=True)
class NumberSetting:
    """A numeric setting's default and allowed range, read by the store, forms and checks."""

    default: int
    minimum: int
    maximum: int

    def allows(self, value: int) -> bool:
        """Whether ``value`` is in the allowed range."""
        return self.minimum <= value <= self.maximum


#: The widest picture kept, in pixels: wider ones are scaled down when stored. One rule for
#: the store, the site settings and the settings dialog.
PICTURE_MAX_WIDTH = NumberSetting(default=1200, minimum=320, maximum=6000)
#: Articles per list page in the export.
PAGE_SIZE = NumberSetting(default=20, minimum=1, maximum=200)
#: How many review stages (初审, 复审, 终审) the office runs before an article is approved.
REVIEW_STAGES = NumberSetting(default=3, minimum=1, maximum=3)
#: The stage an article goes back to when it is changed after a signature.
RESTART_STAGE = NumberSetting(default=1, minimum=1, maximum=3)
#: The largest file that can be attached to an article (附件), in megabytes.
ATTACHMENT_MAX_MB = NumberSetting(default=20, minimum=1, maximum=500)
#: The numeric settings, by key.
NUMBER_SETTINGS = {
    "page_size": PAGE_SIZE,
    "picture_max_width": PICTURE_MAX_WIDTH,
    "review_stages": REVIEW_STAGES,
    "review_restart_stage": RESTART_STAGE,
    "attachment_max_mb": ATTACHMENT_MAX_MB,
}
#: The settings naming who may sign each review stage.
STAGE_KEYS = ("stage1", "stage2", "stage3")
# Names in a stage list are separated by commas (full- or half-width), 、 or semicolons.
_NAME_SEPARATORS = re.compile(r"[,，、;；]+")


def split_names(text: str) -> list[str]:
    """Return the names of a stage list ("张明，李红, 王强"), trimmed, without repeats."""
    names = (n.strip() for n in _NAME_SEPARATORS.split(text))
    return list(dict.fromkeys(n for n in names if n))


#: Settings about getting the site to the server, not about what its pages show.
DELIVERY = frozenset({"upload_url", "export_target"})
#: Settings of the office's sign-off (三审三校), not about what its pages show.
REVIEW = frozenset(
    {"review_stages", "review_restart_stage", "allow_same_signer", "people", *STAGE_KEYS}
)
# One person of the office's list: "login=name" (zhangli=张丽).
_PERSON = re.compile(r"^\s*([^=＝\s]+)\s*[=＝]\s*(.+?)\s*$")


def split_people(text: str) -> dict[str, str]:
    """Read the office's people list ("zhangli=张丽，wangfang=王芳") into login → name."""
    people: dict[str, str] = {}
    for entry in _NAME_SEPARATORS.split(text):
        found = _PERSON.match(entry)
        if found is not None:
            people.setdefault(found.group(1).lower(), found.group(2))
    return people


@dataclass
class Site:
    """Settings of the organisation's website; every key can be set with ``newsroom site --set``."""

    name: str = "新闻网"  # site name in the header, the meta line and the page title
    url: str = "https://www.example.org.cn/"  # public address, used for the sitemap and feed
    sponsor: str = ""  # 主办单位
    address: str = ""  # 地址
    postcode: str = ""  # 邮编
    phone: str = ""  # 举报电话 / contact telephone
    email: str = ""  # contact e-mail shown in the footer
    icp: str = ""  # ICP 备案号, linked to the national registry
    police_icp: str = ""  # 公安备案号
    site_code: str = ""  # 网站标识码
    support: str = ""  # 技术支持
    maintainer: str = ""  # 网站维护
    copyright: str = ""  # copyright line; empty means "版权所有 © <sponsor>"
    page_size: int = PAGE_SIZE.default  # articles per list page in the export
    # pictures wider than this are scaled down when stored
    picture_max_width: int = PICTURE_MAX_WIDTH.default
    # files larger than this many megabytes cannot be attached to an article
    attachment_max_mb: int = ATTACHMENT_MAX_MB.default
    # "yes": the export adds a 繁體 edition under zh-hant/, linked from every page ("no": not).
    traditional: str = "no"
    # Which traditional Chinese the 繁體 edition uses: taiwan, hongkong or standard (OpenCC).
    traditional_variant: str = "taiwan"
    # "yes": the export adds the 长辈版 (large type, high contrast) under elder/ ("no": not).
    elder: str = "no"
    # Where the footer's 党政机关 mark links: the site's page in the registry of government and
    # public-institution websites ("" shows no mark).
    conac_url: str = ""
    # The 党政机关 mark's picture as the registry issued it to the site: the site path of a
    # stored picture (``newsroom site --set conac_image=FILE`` stores the file); "" shows the
    # mark as text.
    conac_image: str = ""
    # Where ``newsroom upload`` and File → Upload send the site: sftp://user@host[:port]/path,
    # ftps://…, ftp://… or a folder; never with the password (that is asked, or in the keychain).
    upload_url: str = ""
    # Where the last export went (folder or zip): what an upload sends unless told otherwise.
    export_target: str = ""
    # How many review stages the office runs: 1 (终审), 2 (初审, 终审) or 3 (初审, 复审, 终审).
    review_stages: int = REVIEW_STAGES.default
    # Who may sign each stage: names separated by commas, full- or half-width ("张明,李红").
    stage1: str = ""
    stage2: str = ""
    stage3: str = ""
    # "yes": one person may sign two stages (tiny offices; the sign-off sheet says so).
    allow_same_signer: str = "no"
    # The stage an article goes back to when its content changes after a signature.
    review_restart_stage: int = RESTART_STAGE.default
    # The office's people on a shared server: each server login and the name it signs with,
    # "login=name" separated by commas ("zhangli=张丽，wangfang=王芳").
    people: str = ""

    @classmethod
    def keys(cls) -> list[str]:
        """Return every setting key in display order."""
        return [f.name for f in fields(cls)]

    def with_value(self, key: str, value: str) -> Site:
        """Return a copy with one setting changed from its text form, validating the key."""
        if key not in self.keys():
            raise KeyError(
                tr(
                    "unknown site setting {key!r} (known: {keys})",
                    key=key,
                    keys=", ".join(self.keys()),
                )
            )
        current = getattr(self, key)
        if isinstance(current, int):
            try:
                number = int(value)
            except ValueError:
                raise ValueError(
                    tr("{key} must be a whole number, not {value!r}", key=key, value=value)
                ) from None
            rule = NUMBER_SETTINGS.get(key, NumberSetting(1, 1, 2**31 - 1))
            if not rule.allows(number):
                raise ValueError(
                    tr(
                        "{key} must be from {minimum} to {maximum}",
                        key=key,
                        minimum=rule.minimum,
                        maximum=rule.maximum,
                    )
                )
            converted: object = number
        elif key in _CHOICES:
            choices = _CHOICES[key]
            word = value.strip().lower()
            if word not in choices:
                known = ", ".join(sorted(set(choices.values())))
                raise ValueError(
                    tr(
                        "{key} must be one of {known}, not {value!r}",
                        key=key,
                        known=known,
                        value=value,
                    )
                )
            converted = choices[word]
        elif key in STAGE_KEYS:
            converted = ",".join(split_names(value))
        elif key == "people":
            converted = ",".join(f"{k}={v}" for k, v in split_people(value).items())
        else:
            converted = value.strip()
        data = {k: getattr(self, k) for k in self.keys()}
        data[key] = converted
        return Site(**data)

    def page_settings(self) -> dict[str, object]:
        """The settings that shape the pages (delivery settings left out, so changing where
        the site is uploaded never makes the export render pages again)."""
        return {k: v for k, v in self.to_dict().items() if k not in DELIVERY | REVIEW}

    def person(self, login: str) -> str:
        """The name a server login works and signs under (the login itself when not listed)."""
        return split_people(self.people).get(login.lower(), login)

    @property
    def has_traditional(self) -> bool:
        """Whether the export adds the 繁體 edition."""
        return self.traditional == "yes"

    @property
    def has_elder(self) -> bool:
        """Whether the export adds the 长辈版."""
        return self.elder == "yes"

    def to_dict(self) -> dict[str, object]:
        """Return the settings as a plain dict (for JSON and storage)."""
        return {k: getattr(self, k) for k in self.keys()}
