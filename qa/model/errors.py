"""User-facing errors. Each message says what went wrong and what to do about it."""


class QAError(Exception):
    """Base class: the API maps these to 4xx responses, the CLI prints them and exits 2."""

    status_code = 400


class EmptyQuestion(QAError):
    def __init__(self) -> None:
        super().__init__("The question is empty: type a question about the article's figures.")


class QuestionTooLong(QAError):
    status_code = 413

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(
            f"The question is {length:,} characters long; the limit is {limit:,}. Ask something shorter."
        )


class BadQuestion(QAError):
    def __init__(self, reason: str) -> None:
        super().__init__(f"The question could not be read: {reason}.")


class BadHistory(QAError):
    def __init__(self, reason: str) -> None:
        super().__init__(f"The conversation history could not be read: {reason}.")


class BadFigures(QAError):
    """The figures table is wrong; the message names the row."""


class BadDocument(QAError):
    pass


class CalculationError(QAError):
    """An operation the calculator refuses (mixed units, division by zero...)."""


class BadSetting(QAError):
    pass


class UnknownBackend(QAError):
    def __init__(self, kind: str, name: str, valid: list[str]) -> None:
        super().__init__(f"Unknown {kind} {name!r}; valid choices: {', '.join(valid)}.")


class ModelMissing(QAError):
    status_code = 503
