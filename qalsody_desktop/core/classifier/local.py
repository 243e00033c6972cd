"""The clinic's own classifier: every category a user corrects becomes a training example.

Stored in the data folder (``classifier/local.json``), beside the documents it was learned
from, and merged with the shipped model at classification time (``classify.LOCAL_WEIGHT``), so
the next document from the same referring office's template is classified right.

It is not exported with a case archive: it is learned from every case of the clinic (its
features include words of other patients' documents), and a case archive is one patient's
record sent elsewhere. A receiving clinic learns from its own corrections.

One example per document (keyed by content hash): correcting the same document twice replaces
its example instead of counting it twice. The oldest examples are dropped past ``MAX_EXAMPLES``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..policy.model import PolicyProfile
from .model import Counts

log = logging.getLogger(__name__)

LOCAL_FORMAT = "qalsody-classifier-local/1"
LOCAL_PATH = Path("classifier") / "local.json"
MAX_EXAMPLES = 2000
_DIGITS = re.compile(r"\d")


def local_path(root: Path) -> Path:
    return root / LOCAL_PATH


def _read(root: Path) -> dict[str, Any]:
    path = local_path(root)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("local classifier %s unreadable, ignored: %s", path.name, exc)
        return {}
    if not isinstance(data, dict) or data.get("format") != LOCAL_FORMAT:
        log.warning("local classifier %s has an unknown format, ignored", path.name)
        return {}
    examples = data.get("examples")
    return examples if isinstance(examples, dict) else {}


def load_local(root: Path) -> Counts | None:
    """The clinic's corrections as counts, or None when there are none."""
    examples = _read(root)
    if not examples:
        return None
    counts = Counts()
    for example in examples.values():
        if isinstance(example, dict) and isinstance(example.get("features"), list):
            counts.add(str(example.get("category")), example["features"])
    return counts if counts.docs else None


def learn_correction(
    root: Path,
    key: str,
    page_texts: Sequence[str],
    category: str,
    profile: PolicyProfile,
) -> bool:
    """Remember that the document ``key`` (its content hash) is of ``category``.

    Returns False (and logs) when the example could not be stored: the user's category is kept
    either way, only the learning is lost.
    """
    from ..classify import page_features  # classify imports this package's model

    text = "\n".join(page_texts)
    if not text.strip():
        return False  # nothing to learn from a page without text
    feats = sorted(f for f in page_features(text, profile) if not _DIGITS.search(f))
    examples = _read(root)
    examples.pop(key, None)
    examples[key] = {"category": category, "features": feats}
    while len(examples) > MAX_EXAMPLES:
        examples.pop(next(iter(examples)))
    path = local_path(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".local-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"format": LOCAL_FORMAT, "examples": examples}, fh)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.warning("could not store a classifier correction in %s: %s", path.name, exc)
        return False
    return True
