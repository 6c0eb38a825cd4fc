"""Packaging hook: put the bundled folders into the wheel.

``templates/``, ``schemas/`` and ``scenarios/`` live at the top of the source tree (easy to read and review),
outside the package. A source checkout or an editable install finds them there; a regular install (pip
install ., and pre-commit, which installs hook repositories that way) needs a copy inside the package, at
``relecloud_templates/data/<folder>``, where ``relecloud_templates.resources`` looks first.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED_FOLDERS = ("templates", "schemas", "scenarios")


class BuildPyWithBundledFolders(build_py):
    def run(self):
        # setuptools copies into build/lib and never removes there: a module or template deleted or renamed since an
        # earlier build would ride along into the wheel. The package is built afresh every time.
        shutil.rmtree(Path(self.build_lib) / "relecloud_templates", ignore_errors=True)
        super().run()
        source = Path(__file__).resolve().parent
        for name in BUNDLED_FOLDERS:
            if (source / name).is_dir():
                target = Path(self.build_lib) / "relecloud_templates" / "data" / name
                shutil.copytree(source / name, target, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithBundledFolders})
