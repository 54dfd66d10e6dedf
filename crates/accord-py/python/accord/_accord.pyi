"""The compiled core of the accord package (a Rust extension)."""

from typing import Any, Callable, final

__all__ = [
    "AccordError",
    "RequestError",
    "Report",
    "ScenarioError",
    "Session",
    "compare",
    "forecast",
    "import_genius",
    "import_geniusweb",
    "load",
    "merge",
    "parse",
    "shard",
    "tournament",
    "tournament_shard",
    "validate",
    "__version__",
]

__version__: str

class AccordError(Exception):
    """Any failure of an accord question."""

    message: str
    file: str | None
    line: int | None
    column: int | None
    hint: str | None
    problems: list[dict[str, Any]]

class ScenarioError(AccordError):
    """An invalid scenario, deal or actor file, located."""

class RequestError(AccordError):
    """A question that cannot apply."""

@final
class Report:
    """An answer, rendered as the CLI renders it."""

    @property
    def command(self) -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_frame(self, library: str = "pandas") -> Any: ...
    def text(self, width: int = 100) -> str: ...
    def html(self) -> str: ...
    def svg(self, x: str | None = None, y: str | None = None) -> str: ...
    def csv(self) -> str: ...
    def _repr_html_(self) -> str: ...

@final
class Session:
    """A scenario, loaded and compiled once."""

    @property
    def source(self) -> str: ...
    def run(
        self, request: str, progress: Callable[[int, int], Any] | None = None
    ) -> Report: ...
    @property
    def sets(self) -> list[str]: ...
    def forecast(self, request: str) -> Report: ...
    def text(self) -> str: ...
    def text_name(self) -> str: ...
    def export_genius(self) -> tuple[list[tuple[str, str]], list[str]]: ...

def load(path: str, set: list[str] | None = None) -> Session: ...
def parse(text: str, format: str = "toml", set: list[str] | None = None) -> Session: ...
def tournament(
    paths: list[str],
    request: str,
    set: list[str] | None = None,
    progress: Callable[[int, int], Any] | None = None,
) -> Report: ...
def compare(paths: list[str], set: list[str] | None = None) -> Report: ...
def forecast(path: str, request: str, set: list[str] | None = None) -> Report: ...
def validate(actors: str, outcomes: str, request: str) -> Report: ...
def shard(
    text: str,
    name: str,
    source: str,
    request: str,
    k: int,
    n: int,
    set: list[str] | None = None,
) -> str: ...
def merge(parts: list[str]) -> Report: ...
def import_genius(domain: str, profiles: list[str], real_steps: int = 10) -> str: ...
def import_geniusweb(profiles: list[str], real_steps: int = 10) -> str: ...
def tournament_shard(
    scenarios: list[tuple[str, str, str]],
    request: str,
    k: int,
    n: int,
    set: list[str] | None = None,
) -> str: ...
