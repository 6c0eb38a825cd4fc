"""A local ARM emulator for the deploy tests: HTTPS on 127.0.0.1, the real SDK and credentials talk to it."""

from arm_emulator.server import ArmEmulator, Fault  # noqa: F401
from arm_emulator.state import Failure  # noqa: F401
