"""Signing articles off through the real flow, for tests whose articles change after approval."""

from __future__ import annotations

from desktop.review.flow import ReviewFlow
from desktop.review.state import Phase
from desktop.store import Store

#: The office of the tests: three stages, one person each, and an author who signs nothing.
OFFICE = {"stage1": "张明,李红", "stage2": "王强", "stage3": "赵书记"}
AUTHOR = "陈晓"


def set_up_office(store: Store) -> None:
    """Name the people of the three stages in the site settings (when none are named yet)."""
    site = store.site()
    if site.stage1:
        return
    for key, value in OFFICE.items():
        site = site.with_value(key, value)
    store.save_site(site.with_value("review_stages", "3"))


def sign_off(store: Store, article_id: int | None) -> None:
    """Send the article to review and have every stage sign it, as the office would."""
    assert article_id is not None
    set_up_office(store)
    author = ReviewFlow(store, AUTHOR)
    if author.state(article_id).phase is Phase.DRAFT:
        author.submit(article_id)  # a change after approval put it back in review already
    signers = {1: "张明", 2: "王强", 3: "赵书记"}
    while (stage := author.state(article_id).open_stage) in signers:
        ReviewFlow(store, signers[stage]).sign(article_id, "同意。")
