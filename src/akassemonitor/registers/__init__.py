"""The registers stage: read, check, quarantine and pseudonymise (SPEC §2, §6, §7).

The CLI calls :func:`load_registers` and prints an :class:`InputError`'s message
without a traceback (exit status 2).
"""

from akassemonitor.registers.errors import InputError
from akassemonitor.registers.load import LoadedRegisters, load_registers

__all__ = ["InputError", "LoadedRegisters", "load_registers"]
