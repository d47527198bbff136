"""One exception tree for crosswire. Every message says what went wrong and how to fix it.

    CrosswireError
    ├── ConfigError            bad setting, unknown model or engine name
    ├── IngestError            a file or record could not be read (carries `source` and `record`)
    │   ├── UnsupportedInput   a format crosswire does not read
    │   └── EmptyInput         nothing but whitespace / no article text
    ├── ExtractError           the NLP model is missing or failed
    ├── StoreError             the database could not be opened, migrated or written
    ├── NotFound               an article, event or entity id that is not in the store
    └── ExportError            an export that does not validate against the schema

The CLI maps them to exit codes: 1 for partial failure of a batch, 2 for usage/config errors,
3 for store errors, 4 for not found.
"""

from __future__ import annotations


class CrosswireError(Exception):
    """Base of every error crosswire raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message if not hint else f"{message} (hint: {hint})")


class ConfigError(CrosswireError):
    exit_code = 2


class IngestError(CrosswireError):
    """A file or a record could not be turned into an article."""

    def __init__(
        self, message: str, *, source: str = "", record: str | None = None, hint: str | None = None
    ) -> None:
        self.source = source
        self.record = record
        where = source + (f" [{record}]" if record else "")
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.reason = message


class UnsupportedInput(IngestError):
    pass


class EmptyInput(IngestError):
    pass


class ExtractError(CrosswireError):
    exit_code = 2


class StoreError(CrosswireError):
    exit_code = 3


class NotFound(CrosswireError):
    exit_code = 4


class ExportError(CrosswireError):
    exit_code = 3
