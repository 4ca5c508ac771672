"""Fault injection: make the next calls of a method fail the way Telegram can."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ApiError

# The error code of a fault that closes the connection without an answer: network trouble.
DROPPED = 0


@dataclass
class _Fault:
    error_code: int
    description: str
    retry_after: int | None
    times: int


class Faults:
    def __init__(self) -> None:
        self._planned: dict[str, list[_Fault]] = {}

    def add(
        self,
        method: str,
        error_code: int,
        description: str,
        retry_after: int | None,
        times: int,
    ) -> None:
        # retry_after only means something (and only reaches the bot) on 429 answers.
        # An error code of DROPPED closes the connection instead of answering.
        fault = _Fault(error_code, description, retry_after if error_code == 429 else None, times)
        self._planned.setdefault(method, []).append(fault)

    def take(self, method: str) -> ApiError | None:
        """The error to answer this call of `method` with, if one is planned."""
        planned = self._planned.get(method)
        if not planned:
            return None
        fault = planned[0]
        fault.times -= 1
        if fault.times <= 0:
            planned.pop(0)
        return ApiError(fault.error_code, fault.description, retry_after=fault.retry_after)
