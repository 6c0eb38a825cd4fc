"""``relecloud init DIR``: start a new estate from a commented manifest, never overwriting a file."""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

import click

from relecloud_templates.console import common_options, get_console
from relecloud_templates.diagnostics import CommandError
from relecloud_templates.resources import scenarios_dir

MANIFEST_NAME = "relecloud.yaml"
STARTERS = {True: "minimal.yaml", False: "relecloud.yaml"}  # keyed by --minimal/--from-bundled


@click.command(name="init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--minimal/--from-bundled",
    default=True,
    show_default=True,
    help="Start from a small estate (one landing zone, one integration, one product), "
    "or from a copy of the bundled Relecloud scenario.",
)
@common_options
def command(directory: Path, minimal: bool) -> None:
    """Write a commented starter manifest to DIRECTORY/relecloud.yaml.

    DIRECTORY is created when missing. An existing relecloud.yaml is never overwritten (exit 2).
    """
    console = get_console()
    target = directory / MANIFEST_NAME
    starter = scenarios_dir() / STARTERS[minimal]
    try:
        directory.mkdir(parents=True, exist_ok=True)
        write_new_file(target, starter.read_bytes())
    except FileExistsError:
        raise CommandError(f"{target} already exists; relecloud init never overwrites a file",
                           hints=["choose a new directory, or remove the file first"]) from None
    except OSError as exc:
        raise CommandError(f"cannot write {target}: {exc.strerror or exc}") from None
    console.success(f"wrote {target} ({'minimal starter' if minimal else 'copy of the bundled Relecloud scenario'})")
    console.info(
        "next:\n"
        f"  edit {target}: the subscription IDs, prefix and location\n"
        f"  relecloud validate {target}\n"
        f"  relecloud render {target} -o {directory / 'out'}"
    )


def write_new_file(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all, and only if it does not exist yet (FileExistsError otherwise).

    The content goes to a temporary file first; a hard link then publishes it, which, unlike a rename, fails
    when another process created ``path`` in the meantime.
    """
    # os.open rather than mkstemp: the file gets the user's umask (mkstemp would make it private, 0600).
    tmp = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            # A file system without hard links: check, then rename. A writer racing us between the two could
            # be overwritten; nothing is ever left half-written.
            if path.exists() or path.is_symlink():
                raise FileExistsError(errno.EEXIST, "file exists", str(path)) from None
            os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
