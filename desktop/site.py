"""The site settings that fill every page's header and footer."""

from __future__ import annotations

from dataclasses import dataclass, fields


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
    page_size: int = 20  # articles per list page in the export
    picture_max_width: int = 1200  # pictures wider than this are scaled down when stored

    @classmethod
    def keys(cls) -> list[str]:
        """Return every setting key in display order."""
        return [f.name for f in fields(cls)]

    def with_value(self, key: str, value: str) -> Site:
        """Return a copy with one setting changed from its text form, validating the key."""
        if key not in self.keys():
            raise KeyError(f"unknown site setting {key!r} (known: {', '.join(self.keys())})")
        current = getattr(self, key)
        if isinstance(current, int):
            try:
                number = int(value)
            except ValueError:
                raise ValueError(f"{key} must be a whole number, not {value!r}") from None
            if number < 1:
                raise ValueError(f"{key} must be at least 1")
            converted: object = number
        else:
            converted = value.strip()
        data = {k: getattr(self, k) for k in self.keys()}
        data[key] = converted
        return Site(**data)

    def to_dict(self) -> dict[str, object]:
        """Return the settings as a plain dict (for JSON and storage)."""
        return {k: getattr(self, k) for k in self.keys()}
