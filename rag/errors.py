"""The two families of errors: what the user must fix, and what failed at run time."""


class RagError(Exception):
    """Base class. `str(error)` is a complete one-line message meant for the user."""


class ConfigError(RagError):
    """Bad settings, bad input or a missing file: the user can fix it."""


class BackendError(RagError):
    """A model or the store failed or is unreachable while running."""


class NotFoundError(ConfigError):
    """A named thing (document, job) does not exist."""
