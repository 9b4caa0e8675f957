"""The one error type content loaders raise, carrying every problem found, each with its file."""


class ContentError(Exception):
    """One or more content files are broken; `problems` holds one "path: what is wrong" per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
