"""Lay out and write the bundle's parts, fitting the delivery route's limits.

Page limits are met by splitting; a size limit first by recompressing images, then, if that is
not enough, by splitting at measured page sizes (re-measured until every part fits). Every
step taken is recorded as an action the user sees in the manifest.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..checklist import OPEN_STATUSES
from ..evidence.kit import Kit
from ..policy.model import PolicyProfile, Route
from ..storage.blobs import sha256_file
from .collect import Collected
from .contents import FrontRenderer
from .crosswalk import CrosswalkLine, PageSources, crosswalk_lines
from .frontmatter import cover_info, cover_page, patient_name
from .letter import Regenerate
from .model import Cancelled, DocSpec, LeftOut, PageRef, Part, Progress, Section
from .plan import Layout, Limit, lay_out
from .recompress import ImageCache
from .settings import BundleSettings
from .sources import prepare
from .stamp import StampInfo
from .writer import DocumentFailed, PartStats, WriteOptions, write_part

MB = 1_000_000  # a portal's "25 MB" is read in the stricter, decimal sense
SIZE_MARGIN = 0.97
SPLIT_ATTEMPTS = 5
LETTER_ROUNDS = 3


class Assembly:
    def __init__(
        self,
        *,
        kit: Kit,
        profile: PolicyProfile,
        collected: Collected,
        settings: BundleSettings,
        route: Route | None,
        out: Path,
        created: datetime,
        today: date,
        producer: str,
        progress: Progress | None,
        cancelled: Cancelled | None,
        regenerate_letter: Regenerate | None = None,
        packet_title: str | None = None,
        page_sources: PageSources | None = None,
    ):
        self.kit = kit
        self.profile = profile
        self.collected = collected
        self.sections: list[Section] = collected.sections
        self.settings = settings
        self.route = route
        self.out = out
        self.created = created
        self.producer = producer
        self.progress = progress
        self.cancelled = cancelled
        self.actions: list[str] = []
        self.crosswalk: list[CrosswalkLine] = []
        self.page_sources = page_sources or PageSources(reviews=kit.reviews)
        self.layout = Layout([], [], [])
        self.cover = cover_info(kit.case, profile, today.isoformat(), packet_title)
        self.over_limit: list[str] = []
        self.regenerate_letter = regenerate_letter
        self.images = ImageCache()
        self._letters: dict[tuple[tuple[str, int, int], ...] | None, Path] = {}

    # -- the whole run ---------------------------------------------------------------------

    def run(self) -> list[tuple[Path, PartStats]]:
        """Temporary files (in the target folder) and what was written, one per part."""
        self.actions, self.over_limit = [], []
        limits = self._page_limits()
        written = self._build(limits, small=False)
        if self.route and self.route.max_pages and len(self.layout.parts) > 1:
            self.actions.append(
                f"{self.layout.total} pages is over the route's {self.route.max_pages}-page limit:"
                f" split into {len(self.layout.parts)} parts, each with its own cover sheet"
            )
        limit = self._byte_limit()
        if limit is not None and self._largest(written) > limit:
            before = self._largest(written)
            self.discard(written)
            written = self._build(limits, small=True)
            after = self._largest(written)
            self.actions.append(
                f"{_mb(before)} is over the route's {_mb(limit)} limit: images recompressed"
                f" to at most 150 dpi ({_mb(after)})"
            )
            if after > limit:
                written = self._split_by_size(written, limits, limit)
        self._check_limits(written)
        return written

    def _split_by_size(
        self, written: list[tuple[Path, PartStats]], limits: list[Limit], limit: int
    ) -> list[tuple[Path, PartStats]]:
        costs = _Costs(self.layout, written)
        budget = limit * SIZE_MARGIN
        for _ in range(SPLIT_ATTEMPTS):
            self.discard(written)
            written = self._build([*limits, costs.limit(budget)], small=True)
            largest = self._largest(written)
            if largest <= limit:
                break
            budget = budget * limit / largest * SIZE_MARGIN
        self.actions.append(
            f"still over {_mb(limit)} after recompression: split into {len(self.layout.parts)}"
            " parts, each with its own cover sheet"
        )
        return written

    def _check_limits(self, written: list[tuple[Path, PartStats]]) -> None:
        if self.route is None:
            return
        for part, (_, stats) in zip(self.layout.parts, written, strict=True):
            if self.route.max_file_mb and stats.size > self.route.max_file_mb * MB:
                self.over_limit.append(
                    f"part {part.number} is {_mb(stats.size)}, over the route's"
                    f" {self.route.max_file_mb:g} MB limit (a single page is too large)"
                )
            if self.route.max_pages and len(part.pages) > self.route.max_pages:
                self.over_limit.append(
                    f"part {part.number} has {len(part.pages)} pages, over the route's"
                    f" {self.route.max_pages}-page limit"
                )

    # -- one layout, written ---------------------------------------------------------------

    def _build(self, limits: list[Limit], *, small: bool) -> list[tuple[Path, PartStats]]:
        """Lay out and write; a document failing on the way is dropped and the build redone."""
        while True:
            self.layout = self._lay_out(limits)
            try:
                return self._write_all(small)
            except DocumentFailed as failed:
                self.drop(failed.doc, failed.reason)

    def _lay_out(self, limits: list[Limit]) -> Layout:
        """Lay out; a generated letter is rendered again to list its enclosures' bundle pages
        (and the layout redone if that changed the letter's length)."""
        self.crosswalk = crosswalk_lines(
            self.kit.checklist, self.sections, self.profile, self.page_sources
        )
        render = FrontRenderer(self.sections, self.crosswalk, self.profile)
        layout = lay_out(self.sections, render, limits)
        letter = next((d for s in self.sections for d in s.docs if d.generated), None)
        if letter is None or self.regenerate_letter is None:
            return layout
        for attempt in range(LETTER_ROUNDS + 1):
            pages = None if attempt == LETTER_ROUNDS else self._enclosure_pages()
            if not self._use_letter(letter, pages):
                return layout
            layout = lay_out(self.sections, render, limits)
            if attempt == LETTER_ROUNDS:
                return layout
        return layout  # pragma: no cover

    def _enclosure_pages(self) -> dict[str, tuple[int, int]]:
        return {
            d.key: (d.output_pages[0], d.output_pages[-1])
            for s in self.sections
            for d in s.docs
            if not d.generated and d.output_pages
        }

    def _use_letter(self, letter: DocSpec, pages: dict[str, tuple[int, int]] | None) -> bool:
        """Render the letter for ``pages``; True when its page count changed."""
        assert self.regenerate_letter is not None
        key = tuple(sorted((k, a, b) for k, (a, b) in pages.items())) if pages is not None else None
        if key not in self._letters:
            try:
                self._letters[key] = self.regenerate_letter(pages)
            except Exception:  # keep the letter already rendered, without page numbers
                letter.warnings.append("the enclosures could not be given their bundle pages")
                self.regenerate_letter = None
                return False
        path = self._letters[key]
        if path == letter.path:
            return False
        before = letter.source_pages
        letter.path, letter.sha256 = path, sha256_file(path)
        prepare(letter)
        return letter.source_pages != before

    def _write_all(self, small: bool) -> list[tuple[Path, PartStats]]:
        written: list[tuple[Path, PartStats]] = []
        total = self.layout.total
        done = 0

        def on_page(name: str) -> None:
            nonlocal done
            done += 1
            if self.progress:
                self.progress(done, total, f"writing {name}")

        options = self._options(small, on_page)
        try:
            for part in self.layout.parts:
                fd, name = tempfile.mkstemp(
                    dir=self.out.parent, prefix=".tmp-bundle-", suffix=".pdf"
                )
                os.close(fd)
                path = Path(name)
                written.append((path, PartStats()))
                written[-1] = (path, write_part(path, part, options))
        except BaseException:
            self.discard(written)
            raise
        return written

    def _options(self, small: bool, on_page: Callable[[str], None]) -> WriteOptions:
        layout, cover = self.layout, self.cover
        total = layout.total
        case = self.kit.case
        stamp = StampInfo(
            patient=patient_name(case),
            dob=case.patient.date_of_birth.isoformat() if case.patient.date_of_birth else "-",
            member_id=case.insurance.member_id or "-",
            total=total,
            parts=len(layout.parts),
            bates_prefix=self.settings.bates_prefix,
            bates_start=self.settings.bates_start,
        )

        def cover_for(part: Part) -> bytes:
            return cover_page(
                cover, part.number, part.of, len(part.pages), part.first, part.last, total
            )

        return WriteOptions(
            stamp=stamp,
            cover=cover_for,
            contents=layout.contents,
            crosswalk=layout.crosswalk,
            sections=self.sections,
            title=f"{self.profile.drug}: prior authorization submission to {self.profile.payer}",
            created=self.created,
            producer=self.producer,
            small_images=self.images if small else None,
            cancelled=self.cancelled,
            on_page=on_page,
        )

    def drop(self, doc: DocSpec, reason: str) -> None:
        for section in self.sections:
            if doc in section.docs:
                section.docs.remove(doc)
        self.sections[:] = [s for s in self.sections if s.docs]
        key = None if doc.generated else doc.key
        self.collected.left_out.append(LeftOut(doc.file_name, reason, key, doc.category))

    @staticmethod
    def discard(written: list[tuple[Path, PartStats]]) -> None:
        for path, _ in written:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)

    @staticmethod
    def _largest(written: list[tuple[Path, PartStats]]) -> int:
        return max((stats.size for _, stats in written), default=0)

    def _page_limits(self) -> list[Limit]:
        if self.route is None or not self.route.max_pages:
            return []
        return [Limit(lambda _ref: 1.0, float(self.route.max_pages), lambda c, x: 1.0 + c + x, 1.0)]

    def _byte_limit(self) -> int | None:
        if self.route is None or not self.route.max_file_mb:
            return None
        return int(self.route.max_file_mb * MB)

    def close(self) -> None:
        self.images.close()

    # -- what the manifest reports ---------------------------------------------------------

    def warnings(self) -> list[str]:
        out: list[str] = []
        checklist = self.kit.checklist
        if not checklist.ready:
            open_items = [
                i.title for i in checklist.items if i.blocks_ready and i.status in OPEN_STATUSES
            ]
            out.append(
                f"the checklist is not ready ({len(open_items)} criteria not met, missing or"
                " without their document)"
            )
        out.extend(checklist.notes)
        contact = self.profile.payer_contact
        if contact is None or not contact.is_configured:
            out.append(
                "the payer's fax number is not configured in the policy profile (a placeholder):"
                " the cover sheet leaves it blank"
            )
        if self.route is not None and not self.route.limits_verified:
            out.append(f"route {self.route.id}: its limits are unverified assumptions")
        out.extend(f"route {self.route.id}: {a}" for a in self.actions if self.route)
        out.extend(self.over_limit)
        out.extend(
            f"crosswalk: no enclosed page shows '{line.title}' ({line.note})"
            for line in self.crosswalk
            if not line.citations
        )
        for section in self.sections:
            out.extend(f"{doc.file_name}: {w}" for doc in section.docs for w in doc.warnings)
        return out

    def bates_json(self) -> dict[str, Any] | None:
        prefix = self.settings.bates_prefix
        if prefix is None:
            return None
        stamp = StampInfo(
            "",
            "",
            "",
            self.layout.total,
            bates_prefix=prefix,
            bates_start=self.settings.bates_start,
        )
        return {"prefix": prefix, "first": stamp.bates(1), "last": stamp.bates(self.layout.total)}


class _Costs:
    """Bytes each page added to the file, measured on a build, for splitting by size."""

    def __init__(self, layout: Layout, written: list[tuple[Path, PartStats]]):
        self.pages: dict[tuple[int, int], float] = {}
        front: list[float] = []
        covers: list[float] = []
        bases: list[float] = []
        for part, (_, stats) in zip(layout.parts, written, strict=True):
            for ref, cost in zip(part.pages, stats.page_costs, strict=True):
                if ref.doc is not None:
                    self.pages[(id(ref.doc), ref.index)] = float(cost)
                else:
                    (covers if ref.kind == "cover" else front).append(float(cost))
            bases.append(float(stats.size - sum(stats.page_costs)))
        self.base = max(bases, default=4096.0)
        self.cover = max(covers, default=4096.0)
        self.front_page = max(front, default=4096.0)
        self.average = sum(self.pages.values()) / len(self.pages) if self.pages else 4096.0

    def weight(self, ref: PageRef) -> float:
        return self.pages.get((id(ref.doc), ref.index), self.average)

    def limit(self, budget: float) -> Limit:
        def front(contents: int, crosswalk: int) -> float:
            return self.base + self.cover + self.front_page * (contents + crosswalk)

        return Limit(self.weight, budget, front, self.base + self.cover)


def _mb(size: float) -> str:
    return f"{size / MB:.1f} MB"
