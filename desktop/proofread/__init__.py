"""Proofreading without Qt: typography, word lists, garbled text and privacy checks.

``check_article(article, settings)`` returns problems with offsets into each field's text;
``apply_fix`` and ``fix_all`` put suggestions in place; ``statistics`` counts 字数.
"""

from desktop.proofread.checker import (
    Check,
    ProofreadSettings,
    check_article,
    check_text,
    field_text,
    has_serious,
    line_and_column,
)
from desktop.proofread.problem import (
    Field,
    Problem,
    ProblemKind,
    Severity,
    StaleProblem,
    apply_fix,
    fix_all,
)
from desktop.proofread.statistics import ArticleStatistics, statistics
from desktop.proofread.wordlist import WordEntry, WordList, WordListError, starter_word_list

__all__ = [
    "ArticleStatistics",
    "Check",
    "Field",
    "Problem",
    "ProblemKind",
    "ProofreadSettings",
    "Severity",
    "StaleProblem",
    "WordEntry",
    "WordList",
    "WordListError",
    "apply_fix",
    "check_article",
    "check_text",
    "field_text",
    "fix_all",
    "has_serious",
    "line_and_column",
    "starter_word_list",
    "statistics",
]
