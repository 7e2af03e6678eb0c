"""read_spec: the `--spec` file read and checked before the project is, errors naming file, resource and key."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from codemods.add_crud.cli import CHECKS, parser
from codemods.add_crud.config import options_of
from codemods.add_crud.spec_file import entry_argv, read_spec
from codemods.errors import ConfigError


def _read(tmp_path: Path, text: str):
    path = tmp_path / "resources.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return read_spec(path, parser(), CHECKS)


def test_defaults_apply_to_every_resource_and_a_resource_overrides_them(tmp_path: Path) -> None:
    entries = _read(tmp_path, """\
        [defaults]
        pagination = "cursor"
        methods = "crud"

        [[resources]]
        name = "Order"
        fields = ["total:decimal"]

        [[resources]]
        name = "Report"
        fields = ["title:str"]
        methods = "read-only"
    """)
    assert [(e.name, e.value("pagination"), e.value("methods")) for e in entries] == [
        ("Order", "cursor", "crud"),
        ("Report", "cursor", "read-only"),
    ]


def test_a_resource_comes_after_the_ones_it_refers_to_otherwise_in_the_file_s_order(tmp_path: Path) -> None:
    entries = _read(tmp_path, """\
        [[resources]]
        name = "Order"
        fields = ["total:decimal", "customer:fk[Customer]"]

        [[resources]]
        name = "Tag"
        fields = ["label:str"]

        [[resources]]
        name = "Review"
        fields = ["rating:int"]
        parent = "Order"

        [[resources]]
        name = "Customer"
        fields = ["name:str"]
    """)
    assert [e.name for e in entries] == ["Customer", "Order", "Tag", "Review"]


def test_options_taking_several_values_may_be_spelt_in_the_plural(tmp_path: Path) -> None:
    entries = _read(tmp_path, """\
        [[resources]]
        name = "Order"
        fields = ["total:decimal", "status:enum[pending,paid]"]
        filters = ["status", "total"]
        actions = ["pay:status=paid"]
    """)
    assert entries[0].options == (("filter", "status,total"), ("action", ["pay:status=paid"]))


def test_an_entry_is_the_command_line_of_one_resource() -> None:
    from codemods.add_crud.spec_file import Entry

    entry = Entry("Order", ("total:decimal",), (("sort", "-total"), ("action", ["cancel:status=x", "archive"]), ("as_written", True)), "")
    assert entry_argv(entry, options_of(parser())) == [
        "Order", "total:decimal", "--sort=-total", "--action", "cancel:status=x", "--action", "archive", "--as-written",
    ]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        pytest.param('[[resources]]\nname = "Order"\npaginaton = "cursor"\n', "resources.toml resource 1 (Order) paginaton: no such option", id="unknown-key"),
        pytest.param('[[resources]]\nname = "Order"\npagination = "sideways"\n', "resources.toml resource 1 (Order) pagination = \"sideways\": --pagination 'sideways': not one of", id="bad-value"),
        pytest.param('[defaults]\ncache = 3\n[[resources]]\nname = "Order"\n', "resources.toml defaults cache = 3: must be a non-empty string", id="bad-default"),
        pytest.param('[[resources]]\nfields = ["a:int"]\n', "resources.toml resource 1: name = \"Order\" is missing", id="no-name"),
        pytest.param('[[resources]]\nname = "Order"\nfields = ["total:money"]\n', "resources.toml resource 1 (Order): ", id="bad-field"),
        pytest.param('[[resources]]\nname = "Order"\ndry_run = true\n', "resources.toml resource 1 (Order) dry_run: no such option", id="run-wide-mode"),
        pytest.param('[[resources]]\nname = "Tag"\n[[resources]]\nname = "Tag"\n', "resources.toml: resource Tag is given twice", id="twice"),
        pytest.param('[[resources]]\nname = "Order"\nfilter = "a"\nfilters = ["b"]\n', "resources.toml resource 1 (Order) filters: given twice (as filter and filters)", id="singular-and-plural"),
        pytest.param('[[resources]]\nname = "Order"\nlikes = "Item"\n', "resources.toml resource 1 (Order) likes: no such option", id="plural-of-one-value"),
        pytest.param('[[resource]]\nname = "A"\n', "resources.toml: unknown table 'resource'", id="misspelt-table"),
        pytest.param('[defaults]\nmethods = "crud"\n', "resources.toml: no [[resources]]", id="no-resources"),
        pytest.param(
            '[[resources]]\nname = "Order"\nfields = ["cart:fk[Cart]"]\n[[resources]]\nname = "Cart"\nfields = ["order:fk[Order]"]\n',
            "resources.toml resource 1 (Order): the resources refer to each other in a cycle (Order -> Cart -> Order)",
            id="cycle",
        ),
        pytest.param('[[resources]]\nname = "Order"\nfields = ["a:int"]\nfrom_model = "Order"\n', "from_model reads the fields from the model", id="from-model-with-fields"),
        pytest.param('[[resources]\n', "resources.toml does not parse", id="toml"),
        # what names the resource's fields is checked against them here, not once the project is read
        pytest.param(
            '[[resources]]\nname = "Order"\nfields = ["total:decimal"]\nactions = ["ship:"]\n',
            "resources.toml resource 1 (Order) actions = [\"ship:\"]: --action 'ship:': expected ship:FIELD=VALUE with FIELD one of total",
            id="action-naming-no-field",
        ),
        pytest.param(
            '[[resources]]\nname = "Order"\nfields = ["total:decimal"]\nfilters = ["total", "nope"]\n',
            "resources.toml resource 1 (Order) filters = \"total,nope\": --filter 'total,nope': nope is not a field of Order (total)",
            id="filter-naming-no-field",
        ),
        pytest.param(
            '[defaults]\naction = "close:status=done"\n[[resources]]\nname = "Order"\nfields = ["status:enum[open,done]"]\n'
            '[[resources]]\nname = "Tag"\nfields = ["label:str"]\n',
            "resources.toml resource 2 (Tag) action (from [defaults]) = [\"close:status=done\"]: --action 'close:status=done': expected",
            id="default-action-naming-no-field-of-one",
        ),
    ],
)
def test_errors_name_the_file_the_resource_and_the_key(tmp_path: Path, text: str, error: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _read(tmp_path, text)
    assert error in str(caught.value)


def test_actions_and_filters_of_a_resource_read_from_its_model_wait_for_the_model(tmp_path: Path) -> None:
    entries = _read(tmp_path, """\
        [[resources]]
        name = "Order"
        from_model = "Order"
        actions = ["ship:status=shipped"]
        filters = ["status"]
    """)
    assert entries[0].value("action") == ["ship:status=shipped"]
