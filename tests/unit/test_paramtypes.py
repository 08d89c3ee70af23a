"""The parameter types (wgdraft.paramtypes): each type's reading of YAML values and of
typed text, its messages, its printing, its JSON Schema and its input; and the form
path agreeing with the YAML path."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wgdraft import draftfile, forms, yamlio
from wgdraft.dates import Month
from wgdraft.models import Param
from wgdraft.paramtypes import TYPES, get


def param(kind: str, example: Any, **extra: Any) -> Param:
    return Param.model_validate({"type": kind, "description": "d", "example": example, **extra})


def yaml_value(text: str) -> Any:
    """A value as the project's YAML reader gives it (YAML 1.1: yes is true)."""
    return yamlio.load_text(f"v: {text}\n", None)["v"]


def printed(kind: str, value: Any, choices: list[str] | None = None) -> str:
    return str(get(kind).printed(get(kind).coerce(value, choices)))


def test_every_type_is_registered_with_an_input_the_tui_has() -> None:
    from tui.inputs import INPUTS

    expected = {
        "text": "line",
        "names": "lines",
        "date": "line",
        "month": "line",
        "symbol": "line",
        "number": "line",
        "choice": "select",
        "yesno": "switch",
    }
    assert {name: TYPES[name].input for name in expected} == expected
    assert all(kind.input in INPUTS for kind in TYPES.values())


def test_unknown_type_names_the_types() -> None:
    with pytest.raises(ValueError, match="unknown parameter type 'colour'; one of 'text'"):
        get("colour")


# --- reading YAML values: the messages drafters see ------------------------------------

REFUSED = [
    ("text", ["a"], "expected text"),
    ("text", True, "expected text"),
    ("names", "a, b", "expected a list of names, one per line starting with '- '"),
    ("names", [1], "expected a list of names"),
    ("date", "15 March 2024", "expected a date as YYYY-MM-DD, got '15 March 2024'"),
    ("date", 2024, "expected a date as YYYY-MM-DD"),
    ("month", "August 2021", "expected a month as YYYY-MM (e.g. 2021-08), got 'August 2021'"),
    ("month", "2021-13", "expected a month as YYYY-MM (e.g. 2021-08), got '2021-13'"),
    ("month", 2021, "expected a month as YYYY-MM (e.g. 2021-08)"),
    ("symbol", "s/2022/1", "expected a UN document symbol such as S/2022/856, got 's/2022/1'"),
    ("number", "3", "expected a whole number, got '3'"),
    ("number", True, "expected a whole number, got True"),
    ("yesno", "maybe", "expected yes or no (true or false), got 'maybe'"),
    ("yesno", 1, "expected yes or no (true or false), got 1"),
]


@pytest.mark.parametrize(("kind", "value", "message"), REFUSED)
def test_refused_values_say_why(kind: str, value: Any, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        get(kind).coerce(value)
    assert str(caught.value) == message


def test_a_choice_names_its_choices() -> None:
    with pytest.raises(ValueError, match=r"^expected one of plain, serial, got 'other'$"):
        get("choice").coerce("other", ["plain", "serial"])
    assert get("choice").coerce("serial", ["plain", "serial"]) == "serial"


ACCEPTED = [
    ("text", "3 March", "3 March"),
    ("text", "519300", "519300"),  # unquoted YAML numbers are text where text is asked
    ("names", "[the army, the police]", ["the army", "the police"]),
    ("date", "2024-03-05", dt.date(2024, 3, 5)),
    ("month", "2021-08", Month(2021, 8)),
    ("month", "2021-08-15", Month(2021, 8)),  # a full date is taken as its month
    ("symbol", "S/2022/856", "S/2022/856"),
    ("number", "250000", 250000),
    ("yesno", "true", True),
    ("yesno", "false", False),
    ("yesno", "yes", True),  # YAML 1.1, as drafters write it
    ("yesno", "no", False),
    ("yesno", "'yes'", True),  # quoted: text, read the same
    ("yesno", "'No'", False),
]


@pytest.mark.parametrize(("kind", "yaml", "expected"), ACCEPTED)
def test_yaml_values(kind: str, yaml: str, expected: Any) -> None:
    assert get(kind).coerce(yaml_value(yaml)) == expected


def test_checking_twice_changes_nothing() -> None:
    for kind, yaml, _expected in ACCEPTED:
        once = get(kind).coerce(yaml_value(yaml))
        assert get(kind).coerce(once) == once
        assert get(kind).coerce(get(kind).stored(once)) == once


# --- typed text ------------------------------------------------------------------------

TYPED = [
    ("text", " the Government ", "the Government"),
    ("names", "the army\n\n  the police \n", ["the army", "the police"]),
    ("date", "15 March 2024", "2024-03-15"),
    ("date", "15/3/2024", "2024-03-15"),
    ("month", "August 2021", "2021-08"),
    ("month", "Aug 2021", "2021-08"),
    ("month", "Aug. 2021", "2021-08"),
    ("month", "8/2021", "2021-08"),
    ("month", "2021-08", "2021-08"),
    ("month", "15 August 2021", "2021-08"),
    ("symbol", "S/2022/856", "S/2022/856"),
    ("number", "250,000", 250000),
    ("yesno", "yes", True),
    ("yesno", "no", False),
]


@pytest.mark.parametrize(("kind", "typed", "stored"), TYPED)
def test_typed_text_is_stored_as_yaml_writes_it(kind: str, typed: str, stored: Any) -> None:
    assert forms.parse(param(kind, get(kind).stored(get(kind).parse(typed))), typed) == stored


TYPED_REFUSED = [
    ("number", "many", "'many' is not a whole number"),
    ("date", "May 2015", "'May 2015' is not a full date: give the day too"),
    ("month", "13/2021", "'13/2021' is not a month (month/year): there is no month 13"),
    ("month", "Augst 2021", "'Augst 2021' is not a month: 'Augst' is not the name of a month"),
    ("month", "August 21", "'August 21': write the year in full (four digits)"),
    ("month", "soon", "'soon' is not a month (month year, e.g. August 2021 or 8/2021)"),
    ("month", "2021", "'2021' is not a month: give the month too"),
    ("symbol", "S 2022", "expected a UN document symbol such as S/2022/856, got 'S 2022'"),
    ("yesno", "perhaps", "expected yes or no (true or false), got 'perhaps'"),
]


@pytest.mark.parametrize(("kind", "typed", "message"), TYPED_REFUSED)
def test_typed_text_refused_says_why(kind: str, typed: str, message: str) -> None:
    example = {"number": 1, "date": "2024-01-01", "month": "2021-08", "symbol": "S/1/2"}
    with pytest.raises(ValueError) as caught:
        forms.parse(param(kind, example.get(kind, True)), typed)
    assert str(caught.value).startswith(message)


def test_empty_text_is_not_given() -> None:
    assert forms.parse(param("month", "2021-08"), "   ") is None


# --- what forms show and templates print -----------------------------------------------


def test_field_text_and_note() -> None:
    assert get("names").text(["the army", "the police"]) == "the army\nthe police"
    assert get("date").text("2024-03-15") == "2024-03-15"
    assert get("month").text("2021-08") == "2021-08"
    assert get("yesno").text(True) == "yes" and get("yesno").text(False) == "no"
    assert get("names").text("not a list") == "not a list"  # shown as written, to fix
    assert forms.note(param("date", "2024-01-01"), "2024-03-15") == "→ 15 March 2024"
    assert forms.note(param("month", "2021-08"), "2021-08") == "→ August 2021"
    assert forms.note(param("number", 1), 3) == ""


def test_printed_values() -> None:
    assert printed("date", "2024-03-05") == "5 March 2024"
    assert printed("month", "2021-08") == "August 2021"
    month = get("month").printed(Month(2021, 8))
    assert (month.year, month.month, month.month_year, month.iso) == (
        2021,
        "August",
        "August 2021",
        "2021-08",
    )
    assert get("yesno").printed(get("yesno").coerce("no")) is False
    assert printed("names", ["a", "b"]) == "['a', 'b']"


def test_json_schema_fragments() -> None:
    assert get("names").schema() == {"type": "array", "items": {"type": "string"}}
    assert get("number").schema() == {"type": "integer"}
    assert get("date").schema() == {"type": "string", "format": "date"}
    assert get("month").schema()["pattern"] == r"^\d{4}-\d{2}(-\d{2})?$"
    assert get("yesno").schema() == {"anyOf": [{"type": "boolean"}, {"enum": ["yes", "no"]}]}


# --- the parameter declaration --------------------------------------------------------


def test_param_checks_its_example_and_default_and_writes_them_back() -> None:
    declared = param("month", "2021-08-15", default="2020-01")
    assert declared.example == Month(2021, 8)
    assert declared.model_dump(mode="json") == {
        "type": "month",
        "description": "d",
        "example": "2021-08",
        "choices": None,
        "default": "2020-01",
    }
    assert param("yesno", "yes", default=False).model_dump(mode="json")["example"] is True
    with pytest.raises(ValueError, match="expected yes or no"):
        param("yesno", "include")
    with pytest.raises(ValueError, match="a choice parameter needs 'choices'"):
        param("choice", "a")
    with pytest.raises(ValueError, match="'choices' is only for type 'choice'"):
        param("yesno", True, choices=["a"])


# --- the form path and the YAML path agree ---------------------------------------------

AGREE = [
    # (type, typed into the form, written by hand in YAML)
    ("names", "the army\nthe police", "[the army, the police]"),
    ("date", "5 March 2024", "2024-03-05"),
    ("month", "August 2021", "2021-08"),
    ("month", "8/2021", "2021-08"),
    ("number", "1,000", "1000"),
    ("symbol", "S/2022/856", "S/2022/856"),
    ("text", "the Government", "the Government"),
    ("yesno", "yes", "yes"),
    ("yesno", "no", "false"),
]


@pytest.mark.parametrize(("kind", "typed", "written"), AGREE)
def test_form_and_yaml_agree(kind: str, typed: str, written: str) -> None:
    declared = param(kind, yaml_value(written))
    from_form = forms.parse(declared, typed)
    # what the TUI writes into the draft reads back, with the project's reader, as the
    # same value the drafter would write by hand
    saved = draftfile.dumps({"v": from_form})
    read_back = yamlio.load_text(saved, None)["v"]
    by_hand = yaml_value(written)
    assert get(kind).coerce(read_back) == get(kind).coerce(by_hand)
    assert printed(kind, read_back) == printed(kind, by_hand)
    # and the field shows it again as text the form reads back to the same value
    assert forms.parse(declared, get(kind).text(by_hand)) == from_form


def test_schema_command_shows_every_type(cli: Any) -> None:
    import json

    result = cli("schema", "clause")
    assert result.code == 0
    declared = json.loads(result.out)["$defs"]["Param"]
    assert declared["properties"]["type"]["enum"] == list(TYPES)
    by_type = {
        rule["if"]["properties"]["type"]["const"]: rule["then"] for rule in declared["allOf"]
    }
    assert by_type["yesno"]["properties"]["example"] == get("yesno").schema()
    assert by_type["month"]["properties"]["default"] == get("month").schema()
    assert set(by_type) == set(TYPES)
