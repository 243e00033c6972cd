"""Clinic settings: the practice's letterhead and the people who sign its letters.

One JSON document in the ``settings`` table (the clinic is one per data folder, not per case);
the logo and signature images live in the blob store by SHA-256, so a letter can be rebuilt from
the database alone. Images are checked with Pillow on the way in: only real PNG or JPEG files,
of a sane size, are kept.
"""

from __future__ import annotations

import io
import json
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import QalsodyError
from ..userfile import UserFileError, read_limited
from ..validation import npi_is_valid
from .blobs import BlobStore
from .db import Database

SETTINGS_KEY = "clinic"
IMAGE_FORMATS = ("PNG", "JPEG")
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000


class ClinicSettingsError(QalsodyError):
    """A setting or image the clinic must fix; names the file or field, never a patient."""


@dataclass
class Signer:
    name: str
    credentials: str | None = None
    npi: str | None = None
    signature_sha256: str | None = None


@dataclass
class ClinicSettings:
    practice_name: str = ""
    address_lines: list[str] = field(default_factory=list)
    phone: str | None = None
    fax: str | None = None
    logo_sha256: str | None = None
    signers: list[Signer] = field(default_factory=list)

    @property
    def is_configured(self) -> bool:
        """A letterhead needs at least the practice name."""
        return bool(self.practice_name.strip())

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClinicSettings:
        signers = [
            Signer(
                name=str(s.get("name") or ""),
                credentials=s.get("credentials") or None,
                npi=s.get("npi") or None,
                signature_sha256=s.get("signature_sha256") or None,
            )
            for s in data.get("signers") or []
        ]
        return cls(
            practice_name=str(data.get("practice_name") or ""),
            address_lines=[str(a) for a in data.get("address_lines") or [] if str(a).strip()],
            phone=data.get("phone") or None,
            fax=data.get("fax") or None,
            logo_sha256=data.get("logo_sha256") or None,
            signers=signers,
        )


def validate_settings(settings: ClinicSettings) -> None:
    """Raise ClinicSettingsError for the first problem (an NPI failing its check digit...)."""
    for index, signer in enumerate(settings.signers, start=1):
        if not signer.name.strip():
            raise ClinicSettingsError(f"signer {index}: the name is required")
        if signer.npi and not npi_is_valid(signer.npi):
            raise ClinicSettingsError(
                f"signer {index}: {signer.npi!r} is not a valid NPI"
                " (10 digits with a correct check digit)"
            )


def check_image(data: bytes, what: str) -> str:
    """The Pillow format name (PNG or JPEG) of ``data``; ClinicSettingsError otherwise."""
    if not data:
        raise ClinicSettingsError(f"{what} is empty")
    if len(data) > MAX_IMAGE_BYTES:
        raise ClinicSettingsError(f"{what} is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS)) as im:
                fmt = str(im.format)
                width, height = im.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ClinicSettingsError(f"{what} has too many pixels ({width}x{height})")
                im.load()  # decodes every byte: a truncated file fails here
    except ClinicSettingsError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ClinicSettingsError(f"{what} is not a readable PNG or JPEG image") from exc
    return fmt


def as_png(data: bytes) -> bytes:
    """PNG bytes of a stored PNG or JPEG (JPEG turned upright and converted for letters)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return data
    with Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS)) as im:
        upright = ImageOps.exif_transpose(im)
        out = io.BytesIO()
        converted = (
            upright if upright.mode in ("RGB", "RGBA", "L", "LA") else upright.convert("RGB")
        )
        converted.save(out, "PNG")
    return out.getvalue()


class ClinicSettingsRepository:
    """Read and write the clinic settings; every write is one transaction."""

    def __init__(self, db: Database, blobs: BlobStore):
        self.db = db
        self.blobs = blobs

    def get(self) -> ClinicSettings:
        row = self.db.conn.execute(
            "SELECT value FROM settings WHERE key = ?", (SETTINGS_KEY,)
        ).fetchone()
        if row is None:
            return ClinicSettings()
        try:
            data = json.loads(row[0])
        except json.JSONDecodeError:
            return ClinicSettings()
        return ClinicSettings.from_json(data if isinstance(data, dict) else {})

    def save(self, settings: ClinicSettings) -> None:
        validate_settings(settings)
        for sha in [settings.logo_sha256, *(s.signature_sha256 for s in settings.signers)]:
            if sha and not self.blobs.has(sha):
                raise ClinicSettingsError(f"image {sha[:12]} is not in the file store")
        value = json.dumps(settings.to_json(), sort_keys=True, ensure_ascii=False)
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (SETTINGS_KEY, value),
            )

    def store_image(self, path: Path, what: str) -> str:
        """Check ``path`` is a PNG or JPEG and keep it in the blob store; its SHA-256."""
        try:
            data = read_limited(path, MAX_IMAGE_BYTES, what="for an image")
        except UserFileError as exc:
            raise ClinicSettingsError(str(exc)) from None
        check_image(data, f"{what} {Path(path).name}")
        return self.blobs.put_bytes(data)

    def set_logo(self, path: Path) -> ClinicSettings:
        sha = self.store_image(path, "logo")
        settings = self.get()
        settings.logo_sha256 = sha
        self.save(settings)
        return settings

    def set_signature(self, index: int, path: Path) -> ClinicSettings:
        """Attach a signature image to signer ``index`` (0-based)."""
        settings = self.get()
        if not 0 <= index < len(settings.signers):
            raise ClinicSettingsError(
                f"no signer {index + 1}; the settings have {len(settings.signers)} signer(s)"
            )
        settings.signers[index].signature_sha256 = self.store_image(path, "signature")
        self.save(settings)
        return settings

    def image_png(self, sha256: str | None) -> bytes | None:
        """A stored image as PNG (what letters embed), or None when unset or unreadable."""
        if not sha256:
            return None
        try:
            return as_png(self.blobs.read(sha256))
        except (OSError, ValueError, UnidentifiedImageError):
            return None
