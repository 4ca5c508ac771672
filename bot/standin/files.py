"""Files the stand-in knows: uploads by the bot and media fabricated for simulated users."""

from __future__ import annotations

import json
import mimetypes
import secrets
import struct
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# Folder Telegram uses in file_path for each kind of file.
_FOLDERS = {
    "photo": "photos",
    "document": "documents",
    "voice": "voice",
    "sticker": "stickers",
    "thumbnail": "thumbnails",
}


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    kind: str
    data: bytes
    filename: str | None
    mime_type: str | None
    path: str

    def file_api(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.path,
        }

    def photo_sizes(self) -> list[dict[str, Any]]:
        width, height = image_size(self.data)
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "width": width,
                "height": height,
                "file_size": len(self.data),
            }
        ]

    def document_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.filename:
            data["file_name"] = self.filename
        if self.mime_type:
            data["mime_type"] = self.mime_type
        return data


class FileStore:
    """Files by id and by download path; kept in a folder too when one is given.

    Telegram keeps a file id valid for good, and a bot stores such ids (a resident's photo) to
    send them again later. With a folder, ids outlive the process, as they do on Telegram.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._counter = 0
        self._folder = folder

    def add(
        self,
        kind: str,
        data: bytes,
        filename: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        self._counter += 1
        if mime_type is None or mime_type == "application/octet-stream":
            mime_type = (filename and mimetypes.guess_type(filename)[0]) or mime_type
        extension = _extension(filename, mime_type, kind)
        unique = f"u{self._counter}{secrets.token_hex(4)}"
        stored = StoredFile(
            # Telegram's ids are opaque; a readable prefix helps when debugging.
            file_id=f"{kind}-{self._counter}-{secrets.token_hex(8)}",
            file_unique_id=unique,
            kind=kind,
            data=data,
            filename=filename,
            mime_type=mime_type,
            # The unique id keeps paths apart from those of files kept by an earlier process.
            path=f"{_FOLDERS.get(kind, kind)}/file_{unique}{extension}",
        )
        self._remember(stored)
        if self._folder is not None:
            self._folder.mkdir(parents=True, exist_ok=True)
            (self._folder / stored.file_id).write_bytes(data)
            about = {k: v for k, v in asdict(stored).items() if k != "data"}
            (self._folder / f"{stored.file_id}.json").write_text(json.dumps(about))
        return stored

    def _remember(self, stored: StoredFile) -> None:
        self._by_id[stored.file_id] = stored
        self._by_path[stored.path] = stored

    def get(self, file_id: str) -> StoredFile | None:
        if file_id not in self._by_id and self._folder is not None:
            self._load(file_id)
        return self._by_id.get(file_id)

    def _load(self, file_id: str) -> None:
        assert self._folder is not None
        # Ids come from bots; only a plain name can be a file of ours.
        if not file_id or Path(file_id).name != file_id or file_id.startswith("."):
            return
        about, content = self._folder / f"{file_id}.json", self._folder / file_id
        if about.is_file() and content.is_file():
            self._remember(StoredFile(data=content.read_bytes(), **json.loads(about.read_text())))

    def by_path(self, path: str) -> StoredFile | None:
        return self._by_path.get(path)


def _extension(filename: str | None, mime_type: str | None, kind: str) -> str:
    if kind == "photo":
        return ".jpg"  # Telegram stores every photo as a JPEG
    if filename and "." in filename:
        return "." + filename.rsplit(".", 1)[1]
    guessed = mimetypes.guess_extension(mime_type) if mime_type else None
    return guessed or ""


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG or JPEG; a plausible default for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data) and data[i] == 0xFF:
            marker, length = data[i + 1], struct.unpack(">H", data[i + 2 : i + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return width, height
            i += 2 + length
    return 1280, 960


def fabricate_png(width: int = 4, height: int = 3) -> bytes:
    """A small valid PNG with random pixels, so every fabricated photo is unique."""
    row_bytes = width * 3
    raw = b"".join(b"\x00" + secrets.token_bytes(row_bytes) for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
