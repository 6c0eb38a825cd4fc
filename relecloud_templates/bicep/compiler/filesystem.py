"""Where the compiler reads the files a Bicep file names (modules, ``using`` targets, load functions): the disk, or
files held in memory (a render checked before it is written). The local module cache is always read from disk."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


class FileSystem:
    """The disk."""

    def is_file(self, path: Path) -> bool:
        return path.is_file()

    def is_dir(self, path: Path) -> bool:
        return path.is_dir()

    def read_bytes(self, path: Path) -> bytes:
        return path.read_bytes()

    def files_in(self, folder: Path) -> list[Path]:
        return [p for p in folder.iterdir() if p.is_file()]

    def read_text(self, path: Path) -> str:
        return self.read_bytes(path).decode("utf-8-sig")


DISK = FileSystem()


class MemoryFiles(FileSystem):
    """Files in memory, by POSIX path relative to ``root``; nothing else exists."""

    def __init__(self, files: Mapping[str, bytes], root: Path) -> None:
        self.root = Path(os.path.abspath(root))
        self.files = {self._key(self.root / name): data for name, data in files.items()}
        self.folders = {os.path.dirname(key) for key in self.files}
        for folder in list(self.folders):
            while folder and folder != os.path.dirname(folder):
                folder = os.path.dirname(folder)
                self.folders.add(folder)

    @staticmethod
    def _key(path: Path) -> str:
        return os.path.normpath(os.path.abspath(path))

    def is_file(self, path: Path) -> bool:
        return self._key(path) in self.files

    def is_dir(self, path: Path) -> bool:
        return self._key(path) in self.folders

    def read_bytes(self, path: Path) -> bytes:
        try:
            return self.files[self._key(path)]
        except KeyError:
            raise FileNotFoundError(f"{path} does not exist") from None

    def files_in(self, folder: Path) -> list[Path]:
        key = self._key(folder)
        return [Path(name) for name in self.files if os.path.dirname(name) == key]
