"""Did-you-mean suggestions for names, shared by the manifest checks and the lint rules."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The candidate most like ``word`` (case-insensitively), or None when nothing is close."""
    pool = sorted(set(candidates))
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:
        return lowered[word.lower()]
    import difflib  # here: only a name that is not known needs it, and every validate imports this module

    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[match[0]] if match else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A hint sentence: ``did you mean 'x'?`` or the list of what is known, kept short."""
    pool = sorted(set(candidates))
    best = closest(word, pool)
    if best is not None and best != word:
        return f"did you mean {best!r}?"
    if not pool:
        return ""
    shown = ", ".join(repr(c) for c in pool[:8])
    more = f" and {len(pool) - 8} more" if len(pool) > 8 else ""
    return f"known: {shown}{more}"
