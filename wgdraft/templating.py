"""The sandboxed Jinja2 environment, its filters, and the values templates see.

Templates come from files a team shares, so nothing in one may harm the person who
runs it. They run in Jinja2's ``ImmutableSandboxedEnvironment``: no access to Python
internals, files or the network, and no changing the values they are given. Each
render has a budget (:data:`MAX_STEPS` steps, :data:`MAX_SECONDS` seconds,
:data:`MAX_SIZE` characters for any string, list or output), so a template that
never ends or builds a huge string stops with a clear message instead of hanging.
Undefined names are errors (``StrictUndefined``). Only data is cached on disk (the
names each template uses), never compiled code.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import re
import threading
import time
import types
from collections.abc import Callable, Iterable, Iterator
from functools import cache, wraps
from typing import Any

from jinja2 import (
    StrictUndefined,
    Template,
    TemplateAssertionError,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
    meta,
    nodes,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, modifies_known_mutable

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SMALL_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

#: Names every template may use without declaring them: the draft's situation.
SITUATION_NAMES = frozenset(
    {
        "country",
        "government",
        "meeting",
        "report",
        "representative",
        "parties",
        "resolutions",
        "previous_conclusions",
        "document",
    }
)


class UNDate(str):
    """A date that prints in UN style ("31 March 2023") and offers its parts."""

    __slots__ = ("iso", "month", "month_year", "year")

    def __new__(cls, value: dt.date) -> UNDate:
        self = super().__new__(cls, f"{value.day} {_MONTHS[value.month - 1]} {value.year}")
        self.iso = value.isoformat()
        self.year = value.year
        self.month = _MONTHS[value.month - 1]
        self.month_year = f"{self.month} {value.year}"
        return self


class UNMonth(str):
    """A month without a day ("August 2021"), printed as :class:`UNDate` prints a date's
    month and year, with the same parts (``.year``, ``.month``, ``.month_year``, ``.iso``)."""

    __slots__ = ("iso", "month", "month_year", "year")
    iso: str
    month: str
    month_year: str
    year: int

    def __new__(cls, value: dt.date) -> UNMonth:
        date: Any = UNDate(value.replace(day=1))
        self = super().__new__(cls, date.month_year)
        self.iso = date.iso[:7]
        self.year = date.year
        self.month = date.month
        self.month_year = date.month_year
        return self


class CountryName(str):
    """A country as written in running text ("the Sudan"), with its parts."""

    __slots__ = ("The", "adjective", "article", "name")

    def __new__(cls, name: str, article: str = "", adjective: str | None = None) -> CountryName:
        full = f"{article} {name}" if article else name
        self = super().__new__(cls, full)
        self.name = name
        self.article = article
        self.adjective = adjective or name
        self.The = full[:1].upper() + full[1:]
        return self


def un_date(value: Any) -> Any:
    """Filter: a date as "31 March 2023"."""
    if isinstance(value, dt.date):
        return UNDate(value)
    return value


def join_and(values: Iterable[Any], last: str = " and ", sep: str = ", ") -> str:
    """Filter: "a, b and c" (no serial comma, as in UN editorial style)."""
    items = [str(v) for v in values]
    if len(items) <= 1:
        return "".join(items)
    return sep.join(items[:-1]) + last + items[-1]


def words(value: int) -> str:
    """Filter: numbers under ten in words, others in figures with thousands separated
    by commas ("519,300"), as UN editorial style has them."""
    if isinstance(value, int) and 0 <= value < 10:
        return _SMALL_NUMBERS[value]
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def capfirst(value: str) -> str:
    """Filter: capitalize the first letter only."""
    text = str(value)
    return text[:1].upper() + text[1:]


# --- the render budget -------------------------------------------------------------

# Measured on the examples and the trial render of every clause and channel: the
# largest real render takes 13 steps, writes 1,682 characters and runs in under 1 ms
# once compiled. The budgets below leave a margin of several orders of magnitude.

#: Steps (calls, attribute and item look-ups, operators, loop turns) one render may
#: take; a runaway loop reaches this in about half a second.
MAX_STEPS = 1_000_000
#: Seconds one render may take, whatever it does.
MAX_SECONDS = 2.0
#: Characters (or items) in any string, list or output a render builds.
MAX_SIZE = 100_000
#: Work one filter or method call may be asked for, estimated before it runs as the
#: product of its two largest inputs (so "big"|replace("x", big) stops before it runs).
MAX_WORK = 10_000_000
#: Bits in a number a template computes (about 3,000 digits).
MAX_BITS = 10_000

_TOO_LONG = (
    f"the template runs too long (over {MAX_SECONDS:g} s or {MAX_STEPS:,} steps)"
    " — look for a loop or a macro that calls itself"
)
_TOO_BIG = (
    f"the template builds a text or list over {MAX_SIZE:,} characters"
    " — look for a loop that doubles a text or a large repetition ('x' * n)"
)
_TOO_LARGE_NUMBER = (
    f"the template computes a number over {MAX_BITS * 3 // 10:,} digits — look for ** or *"
)


class TemplateLimit(Exception):
    """A render went over its budget (time, steps or size)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Budget(threading.local):
    """The budget of the render running in this thread (none outside renders)."""

    steps = 0
    deadline: float | None = None

    def step(self) -> None:
        if self.deadline is None:
            return
        self.steps += 1
        if self.steps > MAX_STEPS or (not self.steps & 127 and time.monotonic() > self.deadline):
            raise TemplateLimit(_TOO_LONG)


_BUDGET = _Budget()


def _size(value: Any, limit: int = MAX_SIZE) -> int:
    """Characters and items in ``value`` and what it holds (counting stops past ``limit``)."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list | tuple | set | frozenset):
        total = len(value)
        for item in value:
            if total > limit:
                break
            if isinstance(item, str | bytes):
                total += len(item)
            elif isinstance(item, list | tuple | set | frozenset | dict):
                total += _size(item, limit - total)
        return total
    return 0


def _checked(value: Any) -> Any:
    if _size(value) > MAX_SIZE:
        raise TemplateLimit(_TOO_BIG)
    return value


#: Filters and str methods whose number arguments are widths or counts of output.
_WIDTHS = frozenset(
    {"center", "indent", "truncate", "wordwrap", "slice", "batch", "ljust", "rjust", "zfill"}
    | {"expandtabs", "tojson", "pprint"}
)
_PERCENT = re.compile(r"%[-#0 +]*(?:\*|\d{6,})|%[-#0 +]*\d*\.(?:\*|\d{6,})")
_BRACES = re.compile(r"\{[^{}]*:[^{}]*(?:\{|\d{6,})")


def _check_format(fmt: str, percent: bool) -> None:
    if (_PERCENT if percent else _BRACES).search(fmt):
        raise TemplateLimit(
            f"the template formats a field wider than {MAX_SIZE:,} characters"
            " or with a computed width — give a fixed, smaller width"
        )


def _measure(name: str, value: Any) -> int:
    if isinstance(value, bool):
        return 1
    if isinstance(value, int):
        return abs(value) if name in _WIDTHS else abs(value).bit_length() // 3 + 1
    return max(_size(value, MAX_WORK), 1)


def _prepared(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse a call whose output would be too large before it runs. Iterators among the
    arguments are read into lists first (so their size counts), which ``range`` bounds."""
    args = tuple(list(a) if isinstance(a, Iterator) else a for a in args)
    sizes = sorted(_measure(name, v) for v in (*args, *kwargs.values()))
    if sizes and sizes[-1] * (sizes[-2] if len(sizes) > 1 else 1) > MAX_WORK:
        raise TemplateLimit(_TOO_BIG)
    return args


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _BUDGET.step()
        if name == "format" and args and isinstance(args[0], str):
            _check_format(args[0], percent=True)
        return _checked(func(*_prepared(name, args, kwargs), **kwargs))

    return guarded


def _loop_guard(iterable: Any) -> Iterator[Any]:
    """Wrapped around every ``{% for %}`` iterable: each turn of a loop is a step."""
    for item in iterable:
        _BUDGET.step()
        yield item


_LOOP_FILTER = "wgdraft loop guard"  # a name no template can write


def _check_binop(operator: str, left: Any, right: Any) -> None:
    ints = isinstance(left, int) and isinstance(right, int)
    if operator == "**" and ints and right > 0 and abs(left) > 1:
        if left.bit_length() * right > MAX_BITS:
            raise TemplateLimit(_TOO_LARGE_NUMBER)
    elif operator == "*" and ints:
        if left.bit_length() + right.bit_length() > MAX_BITS:
            raise TemplateLimit(_TOO_LARGE_NUMBER)
    elif operator == "*":
        count, sized = (left, right) if isinstance(left, int) else (right, left)
        if isinstance(count, int) and count * max(_size(sized), 1) > MAX_SIZE:
            raise TemplateLimit(_TOO_BIG)
    elif operator == "+" and not ints:
        if _size(left) + _size(right) > MAX_SIZE:
            raise TemplateLimit(_TOO_BIG)
    elif operator == "%" and isinstance(left, str):
        _check_format(left, percent=True)


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox with a budget: every call, look-up, operator and loop turn is a step;
    every value built is measured; ``*``, ``**``, ``+`` and ``%`` are checked before
    they run (which also keeps Jinja from folding ``10**10**10`` while compiling)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse; refuse what no template may do (private attributes, other files) and
        wrap the iterable of every loop in the loop guard, in one pass over the tree."""
        tree = super()._parse(source, name, filename)
        loops = []
        for node in tree.find_all(_WATCHED):
            if isinstance(node, nodes.For):
                loops.append(node)
            elif isinstance(node, _OTHER_FILES):
                raise TemplateProblem(
                    "a template cannot include, import or extend other files"
                    " ({% include %}, {% import %}, {% extends %}): write the text here",
                    node.lineno,
                )
            elif private := _private_name(node):
                raise TemplateProblem(
                    f"access to {private!r} is not allowed in a template", node.lineno
                )
            elif unknown := self._unknown(node):  # Jinja leaves those under {% if %} to run time
                raise TemplateProblem(f"template syntax error: {unknown}", node.lineno)
        for loop in loops:
            loop.iter = nodes.Filter(
                loop.iter, _LOOP_FILTER, [], [], None, None, lineno=loop.lineno
            )
        return tree

    def _unknown(self, node: nodes.Node) -> str | None:
        """What is wrong with a filter or test that does not exist, if ``node`` is one."""
        if isinstance(node, nodes.Filter) and node.name not in self.filters:
            return f"unknown filter {node.name!r} ({_suggest(node.name, self.filters)})"
        if isinstance(node, nodes.Test) and node.name not in self.tests:
            return f"unknown test {node.name!r} after 'is' ({_suggest(node.name, self.tests)})"
        return None

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _BUDGET.step()
        name = getattr(__obj, "__name__", "")
        if isinstance(__obj, types.BuiltinMethodType) and isinstance(__obj.__self__, str):
            args = _prepared(name, (__obj.__self__, *args), kwargs)[1:]
        elif name in ("format", "format_map"):  # str.format, wrapped by the sandbox
            args = _prepared(name, args, kwargs)
        return _checked(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        _BUDGET.step()
        if attribute in ("format", "format_map") and isinstance(obj, str):
            _check_format(obj, percent=False)
        return _checked(super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        _BUDGET.step()
        return _checked(super().getitem(obj, argument))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _BUDGET.step()
        _check_binop(operator, left, right)
        return _checked(super().call_binop(context, operator, left, right))


@cache
def environment() -> _Sandbox:
    """The one sandboxed environment used for every template."""
    env = _Sandbox(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        cache_size=0,
    )
    env.globals.pop("lipsum", None)  # lipsum(10**9) would run unchecked inside Jinja
    env.filters.update(un_date=un_date, join_and=join_and, words=words, capfirst=capfirst)
    env.filters = {name: _guard_filter(name, f) for name, f in env.filters.items()}
    env.filters[_LOOP_FILTER] = _loop_guard
    return env


# --- checking and compiling ----------------------------------------------------------


def _private_name(node: nodes.Node) -> str | None:
    """The name of a private attribute the node reaches for, if any: ``x.__class__``,
    ``x['_y']``, ``x | attr('__class__')``."""
    if isinstance(node, nodes.Getattr):
        name = node.attr
    elif isinstance(node, nodes.Filter):
        if node.name != "attr" or not node.args or not isinstance(node.args[0], nodes.Const):
            return None
        name = node.args[0].value
    elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        name = node.arg.value
    else:
        return None
    return name if isinstance(name, str) and name.startswith("_") else None


_OTHER_FILES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
_WATCHED = (nodes.For, nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Test, *_OTHER_FILES)


class TemplateProblem(Exception):
    """A template that cannot be used; ``line`` counts from the template's first line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


_TAGS = "if, elif, else, for, set, macro, call, filter, raw"


def _suggest(name: str, known: Iterable[str]) -> str:
    known = sorted(k for k in known if k != _LOOP_FILTER)
    close = difflib.get_close_matches(name, known, n=1)
    return f"did you mean {close[0]!r}?" if close else f"available: {', '.join(known)}"


def syntax_message(exc: TemplateError) -> str:
    """What is wrong with a template that cannot be compiled, and what to do."""
    msg = exc.message or str(exc)
    inner = re.search(r"innermost block that needs to be closed is '(\w+)'", msg)
    unknown = re.match(r"Encountered unknown tag '(\w+)'", msg)
    if msg.startswith("Missing end of raw directive"):
        return "{% raw %} is not closed: add {% endraw %}"
    if msg.startswith("Missing end of comment tag"):
        return "a comment '{#' is not closed: add '#}'"
    if unknown and inner:
        return (
            f"{{% {unknown[1]} %}} does not match the open {{% {inner[1]} %}}:"
            f" close that first with {{% end{inner[1]} %}}"
        )
    if inner:
        return f"a {{% {inner[1]} %}} is not closed: add {{% end{inner[1]} %}}"
    if unknown and unknown[1].startswith("end"):
        return f"{{% {unknown[1]} %}} closes nothing: remove it or open {{% {unknown[1][3:]} %}}"
    if unknown:
        return f"unknown tag {{% {unknown[1]} %}} (tags: {_TAGS})"
    if msg.startswith("unexpected end of template") and "print statement" in msg:
        return "'{{' is not closed by '}}'"
    if msg == "unexpected '}'":
        return "'{{' is not closed by '}}' (a single '}' was found)"
    if msg.startswith("unexpected end of template") and "statement block" in msg:
        return "'{%' is not closed by '%}'"
    if found := re.match(r"No filter named '([^']*)'", msg):
        return f"unknown filter {found[1]!r} ({_suggest(found[1], environment().filters)})"
    if found := re.match(r"No test named '([^']*)'", msg):
        return f"unknown test {found[1]!r} after 'is' ({_suggest(found[1], environment().tests)})"
    if found := re.match(r"block '([^']*)' defined twice", msg):
        return f"{{% block {found[1]} %}} appears twice: templates here need no blocks, remove them"
    if (found := re.match(r"unexpected char (.)(.)\1", msg)) and found[2] in "'\"":
        return f"a text in quotes is not closed: add the closing {found[2]}"
    if found := re.match(r"expected token 'end of print statement', got '([^']*)'", msg):
        return f"{found[1]!r} is unexpected inside {{{{ }}}}: is a '}}}}', '|' or operator missing?"
    return f"{msg.rstrip('.')} (check the {{{{ }}}} and {{% %}} around it)"


def _compile(source: str, names: bool = True) -> tuple[Template, set[str]]:
    """Compile a template after the checks the sandbox would make at render anyway;
    with ``names``, also list the names it uses (a second pass over the template)."""
    env = environment()
    try:
        tree = env.parse(source)  # with the checks of _Sandbox._parse
        used = set(meta.find_undeclared_variables(tree)) if names else set()
        return env.from_string(tree), used
    except TemplateProblem:
        raise
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise TemplateProblem(f"template syntax error: {syntax_message(exc)}", line) from None
    except (RecursionError, SyntaxError, MemoryError):
        raise TemplateProblem(
            "the template is nested too deeply to read: use fewer nested brackets or blocks"
        ) from None
    except ValueError as exc:  # e.g. a number literal of thousands of digits
        raise TemplateProblem(f"the template cannot be read: {exc}") from None


# compiled templates of this run, by source (never written to disk: see module doc)
_TEMPLATES: dict[str, Template] = {}


def _compiled(source: str) -> Template:
    template = _TEMPLATES.get(source)
    if template is None:
        template, _names = _compile(source, names=False)
        _TEMPLATES[source] = template
    return template


#: Changes when the checks :func:`inspect` makes change, so that a source that passed
#: fewer checks before is checked again (2: unknown filters and tests under {% if %}).
_CHECKS_VERSION = "2"


def _digest(source: str) -> str:
    return hashlib.sha1(f"{_CHECKS_VERSION}\n{source}".encode()).hexdigest()


class _NamesCache:
    """The names each template source uses, kept on disk between runs: checking
    thousands of clause bodies at every start is the largest cost of loading a big
    library. The file is data only and is trusted for nothing: a malformed one is
    ignored, and a source found in it is still compiled, checked and run in the
    sandbox with its budget when it is rendered."""

    def __init__(self) -> None:
        self.entries: dict[str, list[str]] | None = None
        self.changed = False

    @property
    def file(self):  # type: ignore[no-untyped-def]
        from .paths import cache_dir

        return cache_dir() / "template-names.json"

    def _read(self) -> dict[str, list[str]]:
        try:
            raw = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(raw, dict):
            return {}
        return {
            key: value
            for key, value in raw.items()
            if isinstance(key, str)
            and isinstance(value, list)
            and all(isinstance(name, str) for name in value)
        }

    def get(self, digest: str) -> list[str] | None:
        if self.entries is None:
            self.entries = self._read()
        return self.entries.get(digest)

    def put(self, digest: str, names: set[str]) -> None:
        if self.entries is None:
            self.entries = self._read()
        self.entries[digest] = sorted(names)
        self.changed = True

    def save(self) -> None:
        if not self.changed or self.entries is None:
            return
        from .atomic import write_text

        try:
            write_text(self.file, json.dumps(self.entries))
            self.changed = False
        except OSError:
            pass  # a cache: never fail the user's work for it


NAMES_CACHE = _NamesCache()


def inspect(source: str) -> set[str]:
    """Check that a template compiles; return the names it uses. Raise TemplateProblem
    for anything compiling reports, for reaching into private attributes and for
    including other files. Only sources that compiled are cached."""
    digest = _digest(source)
    cached = NAMES_CACHE.get(digest)
    if cached is not None:
        return set(cached)
    template, names = _compile(source)
    _TEMPLATES[source] = template
    NAMES_CACHE.put(digest, names)
    return names


def render(source: str, context: dict[str, Any]) -> str:
    """Render one template string in the sandbox, within its budget. Raises
    TemplateProblem if it does not compile, TemplateLimit if it goes over budget, and
    whatever the template's own expressions raise (see :func:`explain`)."""
    template = _compiled(source)
    budget = _BUDGET
    outer = budget.deadline, budget.steps
    budget.deadline, budget.steps = time.monotonic() + MAX_SECONDS, 0
    try:
        parts: list[str] = []
        size = 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_SIZE:
                raise TemplateLimit(_TOO_BIG)
            parts.append(chunk)
        return "".join(parts)
    finally:
        budget.deadline, budget.steps = outer


def explain(exc: BaseException) -> str:
    """What went wrong when a template ran, in the drafter's words."""
    if isinstance(exc, TemplateLimit | TemplateProblem):
        return exc.message
    if isinstance(exc, UndefinedError):
        msg = exc.message or str(exc)
        if found := re.match(r"'([^']*)' is undefined", msg):
            return f"'{found[1]}' has no value: give it in the draft's situation or under 'values'"
        if found := re.match(r"'(.*)' has no attribute '([^']*)'", msg):
            return f"{found[1]} has no {found[2]!r}: check the spelling, or give it in the draft"
        return f"{msg} (give it in the draft's situation or values)"
    if isinstance(exc, SecurityError):
        msg = str(exc)
        if found := re.match(r"access to attribute '([^']*)' of '([^']*)' object is unsafe", msg):
            sample = {"list": [], "dict": {}, "set": set()}.get(found[2])
            if sample is not None and modifies_known_mutable(sample, found[1]):
                return (
                    f"a template cannot change the values it is given"
                    f" ('{found[1]}' of a {found[2]}): build a new value instead"
                )
            return f"access to {found[1]!r} is not allowed in a template"
        return f"not allowed in a template: {msg}"
    if isinstance(exc, TemplateAssertionError | TemplateSyntaxError):
        return f"template syntax error: {syntax_message(exc)}"
    if isinstance(exc, RecursionError):
        return "a macro calls itself too deeply — look for a macro that calls itself"
    if isinstance(exc, MemoryError):
        return _TOO_BIG
    if isinstance(exc, OverflowError) and "range" in str(exc).lower():
        return "range() is limited to 100,000 numbers"
    if isinstance(exc, TemplateError):
        return f"the template fails when it runs: {exc.message or exc}"
    # the Python name of the error is kept as a hint for whoever maintains the template
    return f"the template fails when it runs: {exc} ({type(exc).__name__})"


#: What a template is never allowed to do, whatever values it is given.
TEMPLATE_FAULTS = (
    TemplateLimit,
    TemplateProblem,
    SecurityError,
    TemplateAssertionError,
    TemplateSyntaxError,
    RecursionError,
    MemoryError,
)


def template_line(exc: BaseException) -> int | None:
    """The line of the template (counted from 1) that a compile error names, if any."""
    if isinstance(exc, TemplateProblem):
        return exc.line
    return exc.lineno if isinstance(exc, TemplateSyntaxError) else None


def normalize_space(text: str) -> str:
    """Fold the white space of a rendered template into single spaces."""
    return " ".join(text.split())
