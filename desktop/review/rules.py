"""The office's review stages and the people who may sign each, from the site settings."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.site import STAGE_KEYS, Site, split_names

#: Names of the stages by how many the office runs: the last one is always the final sign-off.
STAGE_NAMES: dict[int, tuple[str, ...]] = {
    1: ("终审",),
    2: ("初审", "终审"),
    3: ("初审", "复审", "终审"),
}


@dataclass(frozen=True)
class ReviewRules:
    """How many stages the office runs, who may sign each, and what a change after one does."""

    stages: int = 3
    people: tuple[tuple[str, ...], ...] = ((), (), ())
    allow_same_signer: bool = False
    restart_stage: int = 1

    @classmethod
    def of(cls, site: Site) -> ReviewRules:
        """Read the rules from the site settings."""
        stages = max(1, min(3, site.review_stages))
        people = tuple(tuple(split_names(getattr(site, key))) for key in STAGE_KEYS[:stages])
        return cls(
            stages=stages,
            people=people,
            allow_same_signer=site.allow_same_signer == "yes",
            restart_stage=max(1, min(stages, site.review_restart_stage)),
        )

    def stage_name(self, stage: int) -> str:
        """Return the stage's name (初审, 复审, 终审) for this office's number of stages."""
        names = STAGE_NAMES[self.stages]
        return names[stage - 1] if 1 <= stage <= len(names) else f"第{stage}审"

    def may_sign(self, user: str, stage: int) -> bool:
        """Whether ``user`` is named for ``stage``."""
        return 1 <= stage <= self.stages and user in self.people[stage - 1]

    def signers(self, stage: int) -> tuple[str, ...]:
        """Return the people who may sign ``stage``."""
        return self.people[stage - 1] if 1 <= stage <= self.stages else ()

    def everyone(self) -> list[str]:
        """Return every person named for any stage, in stage order."""
        return list(dict.fromkeys(name for names in self.people for name in names))

    def is_reviewer(self, user: str) -> bool:
        """Whether ``user`` may sign any stage."""
        return any(user in names for names in self.people)

    def is_approver(self, user: str) -> bool:
        """Whether ``user`` may sign the final stage (and so override or withdraw any article)."""
        return self.may_sign(user, self.stages)
