"""Build a case's submission bundle: choose, lay out, write, fit the route, record.

Files are written as temporary files in the target folder and moved into place only when
every part is complete, so a cancel or a crash leaves no partial bundle. A document that fails
while being written is left out (with its reason) and the layout is redone without it: one bad
file never costs the others. The GUI drives the same ``BundleBuilder`` with a progress
callback and a cancel check, as it drives the ``Attacher``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ... import APP_NAME, __version__
from ..document.output import document_date, source_date
from ..errors import QalsodyError
from ..evidence.kit import load_kit
from ..paths import note_output_folder, private_temp_dir
from ..policy.model import PolicyProfile
from ..policy.profile import load_default_profile
from ..storage import Store
from ..storage.blobs import atomic_write, fsync_dir, sha256_file
from ..storage.exports import ExportRepository
from ..storage.prefs import CasePrefs
from .assembly import Assembly
from .collect import collect
from .crosswalk import PageSources
from .gates import foreign_pages, load_decisions, screen
from .letter import choose_letter
from .manifest import OutputFile, build_manifest, manifest_bytes, manifest_path, route_json
from .model import (
    APPEAL_PACKETS,
    EXPORT_KIND,
    PACKETS,
    BundleCancelled,
    BundleOptions,
    Cancelled,
    Part,
    Progress,
)
from .settings import check_settings, load_settings
from .sources import DAMAGED, quiet_pypdf
from .writer import PartStats


@dataclass
class BundleResult:
    files: list[Path]
    manifest_path: Path
    manifest: dict[str, Any]
    export_id: str | None

    @property
    def left_out(self) -> list[dict[str, Any]]:
        return list(self.manifest["left_out"])

    @property
    def held_back(self) -> list[dict[str, Any]]:
        """Documents a gate kept out (another patient's, unreviewed, unchecked, conflicting)."""
        return list(self.manifest["held_back"])

    @property
    def warnings(self) -> list[str]:
        return list(self.manifest["warnings"])

    @property
    def pages(self) -> int:
        return int(self.manifest["pages"])


def part_path(out: Path, number: int, of: int) -> Path:
    return out if of == 1 else out.with_name(f"{out.stem}-part-{number}-of-{of}{out.suffix}")


class BundleBuilder:
    def __init__(
        self, store: Store, profile: PolicyProfile | None = None, *, today: date | None = None
    ):
        self.store = store
        self.profile = profile or load_default_profile()
        self.today = today

    def build(
        self,
        case_id: str,
        out: Path,
        options: BundleOptions | None = None,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> BundleResult:
        options = options or BundleOptions()
        out = Path(out)
        if out.suffix.lower() != ".pdf":
            raise QalsodyError(f"{out.name}: the bundle file name must end in .pdf")
        if not out.parent.is_dir():
            raise QalsodyError(f"folder {out.parent} does not exist")
        created = document_date()
        # the cover's date is the user's calendar day (or the reproducible one)
        today = self.today or (created.date() if source_date() else date.today())
        settings = load_settings(CasePrefs(self.store.db), case_id).with_changes(
            route=options.route, bates_prefix=options.bates_prefix, bates_start=options.bates_start
        )
        check_settings(settings, self.profile)
        kit = load_kit(self.store, case_id, self.profile, today=today)
        prefs = CasePrefs(self.store.db)
        screened = screen(kit, self.profile, load_decisions(prefs, case_id), settings.excluded)
        held = {s.attachment.id: s for s in screened if s.held}
        admitted = [s for s in screened if not s.held and s.used_decisions]
        blocked = (*settings.excluded, *held)  # neither may lead the packet nor be enclosed
        foreign = {
            s.attachment.id: pages
            for s in admitted
            if (pages := foreign_pages(kit.reviews.get(s.attachment.id), s.attachment.pages))
        }
        route = self.profile.route(settings.route) if settings.route else None

        def check() -> None:
            if cancelled and cancelled():
                raise BundleCancelled("the bundle was cancelled; no file was written")

        # PHI: a private temp folder in the data folder, swept at the next start if killed
        with quiet_pypdf(), private_temp_dir(self.store.root, "bundle-") as work:
            note_output_folder(self.store.root, out.parent)  # parts are written beside `out`
            check()
            if options.letter_kind not in PACKETS:
                known = ", ".join(PACKETS)
                raise QalsodyError(f"unknown letter {options.letter_kind!r}; one of: {known}")
            letter = choose_letter(
                self.store,
                case_id,
                kit.attachments,
                self.profile,
                work,
                today=today,
                excluded=blocked,
                kind=options.letter_kind,
                kit=kit,
            )
            if options.letter_kind in APPEAL_PACKETS and not any(
                a.category == "denial_letter" and a.id not in blocked for a in kit.attachments
            ):
                letter.warnings.append(
                    "no denial letter is attached (or it is excluded): an appeal should enclose it"
                )
            names = [a.file_name for a in kit.attachments]
            done = 0

            def tick(name: str) -> None:
                nonlocal done
                check()
                if progress:
                    progress(done, max(len(names), 1), f"reading {name}")
                done += 1

            chosen = collect(
                kit.attachments,
                self.profile,
                settings,
                self.store.blobs,
                work,
                letter=letter.signed,
                generated_letter=letter.generated,
                tick=tick,
                letter_title=PACKETS[options.letter_kind][1],
                held=held,
                foreign_pages=foreign,
            )
            check()
            assembly = Assembly(
                kit=kit,
                profile=self.profile,
                collected=chosen,
                settings=settings,
                route=route,
                out=out,
                created=created,
                today=today,
                producer=f"{APP_NAME} {__version__}",
                progress=progress,
                cancelled=cancelled,
                regenerate_letter=letter.regenerate,
                packet_title=PACKETS[options.letter_kind][0],
                page_sources=PageSources(
                    # only text a reader of the PDF finds too (not OCR of a scanned page)
                    texts={
                        a.id: self.store.attachments.page_texts(a.id)
                        for a in kit.attachments
                        if a.has_text_layer or a.kind == "docx"
                    },
                    facts={a.id: a.analysis.get("facts", []) for a in kit.attachments},
                    reviews=kit.reviews,
                ),
            )
            written: list[tuple[Path, PartStats]] = []
            try:
                written = assembly.run()
                # a document prepare() already left out is not reported a second time
                kept = {id(d) for sec in assembly.sections for d in sec.docs}
                damaged = [d for d in chosen.verifier.damaged() if id(d) in kept]
                if damaged:  # rare: a stored file changed on disk; build again without it
                    assembly.discard(written)
                    for doc in damaged:
                        assembly.drop(doc, DAMAGED)
                    written = assembly.run()
                check()
                outputs = _move_into_place(written, assembly.layout.parts, out)
            except BaseException:
                assembly.discard(written)
                raise
            finally:
                assembly.close()
                chosen.verifier.close()
                for section in chosen.sections:
                    for doc in section.docs:
                        doc.close()
        warnings = [
            *letter.warnings,
            *assembly.warnings(),
            *(
                f"{s.attachment.file_name}: in the bundle by decision ({d.action}"
                + (f": {d.reason}" if d.reason else "")
                + ")"
                for s in admitted
                for d in s.used_decisions
            ),
        ]
        manifest = build_manifest(
            case_id=case_id,
            app={"name": APP_NAME, "version": __version__},
            profile=self.profile,
            created_at=created.strftime("%Y-%m-%dT%H:%M:%SZ"),
            outputs=outputs,
            sections=assembly.sections,
            crosswalk=assembly.crosswalk,
            route=route_json(route, assembly.actions),
            bates=assembly.bates_json(),
            warnings=warnings,
            left_out=chosen.left_out,
            excluded=chosen.excluded,
            held_back=[s.to_json() for s in chosen.held_back],
            decisions=[
                {**d.to_json(), "file": s.attachment.file_name}
                for s in admitted
                for d in s.used_decisions
            ],
        )
        manifest["letter_kind"] = options.letter_kind
        where = manifest_path(out)
        atomic_write(where, manifest_bytes(manifest))
        export_id = self._record(case_id, outputs, where, manifest) if options.record else None
        return BundleResult([o.path for o in outputs], where, manifest, export_id)

    def _record(
        self, case_id: str, outputs: list[OutputFile], where: Path, manifest: dict[str, Any]
    ) -> str:
        """One export row: the PDF and its hash, or for a split bundle the manifest (which
        lists every part's hash) and its hash."""
        single = len(outputs) == 1
        record = ExportRepository(self.store.db).add(
            case_id,
            EXPORT_KIND,
            str((outputs[0].path if single else where).resolve()),
            outputs[0].sha256 if single else sha256_file(where),
            int(manifest["pages"]),
            manifest,
            created_at=manifest["created_at"],
        )
        return record.id


def _move_into_place(
    written: list[tuple[Path, PartStats]], parts: list[Part], out: Path
) -> list[OutputFile]:
    """Rename the finished temporary files to their final names (all were written first)."""
    outputs = [
        OutputFile(part_path(out, part.number, part.of), stats.sha256, stats.size, part)
        for part, (_, stats) in zip(parts, written, strict=True)
    ]
    for (tmp_path, _), output in zip(written, outputs, strict=True):
        os.chmod(tmp_path, 0o600)
        os.replace(tmp_path, output.path)
    fsync_dir(out.parent)
    return outputs
