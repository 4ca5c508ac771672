"""Files the bot sends, saved in a folder so they can be opened; pictures with their size."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError


class SavedFiles:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, data: bytes, name: str | None, picture: bool) -> Path:
        """Writes under the file's own name; a name taken already gets -2, -3, ..."""
        self.folder.mkdir(parents=True, exist_ok=True)
        stem, suffix = _name(data, name, picture)
        number = 1
        while True:
            path = self.folder / (stem + (f"-{number}" if number > 1 else "") + suffix)
            try:
                # Exclusive creation: two terminals saving into one folder never overwrite.
                with path.open("xb") as file:
                    file.write(data)
            except FileExistsError:
                number += 1
                continue
            return path


def picture_size(data: bytes) -> tuple[int, int] | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except (UnidentifiedImageError, OSError):
        return None


def _name(data: bytes, name: str | None, picture: bool) -> tuple[str, str]:
    # Only the last part of a name the bot chose: a file never lands outside the folder.
    path = Path(Path(name or "").name.lstrip(".") or "wijkbot")
    suffix = path.suffix
    if picture:
        # A resident's photo comes without a name; the picture's own format decides.
        if data.startswith(b"\x89PNG"):
            suffix = ".png"
        elif data.startswith(b"\xff\xd8"):
            suffix = ".jpg"
    return path.stem, suffix
