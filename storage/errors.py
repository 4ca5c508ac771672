"""Errors the repositories raise for callers to handle."""


class NotFoundError(LookupError):
    """The row an update was meant for does not exist."""
