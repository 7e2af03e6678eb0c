"""Which of another resource's modules the exemplar is wired into: those holding a registry of
it (`_has_registry`), told once per module for every resource a batch clones it for."""

from __future__ import annotations

from codemods.clone import plan
from codemods.clone.plan import _has_registry
from codemods.names import ResourceNames, spelling_pattern
from detectors.project import ModuleInfo

ITEM = ResourceNames.parse("Item")
RESOURCES = tuple(spelling_pattern(ResourceNames.parse(n)) for n in ("Item", "User", "Order"))

ENUM = '''\
import enum


class Permission(str, enum.Enum):
    VIEW_ITEMS = "view_items"
    VIEW_USERS = "view_users"
'''

LITERAL = '''\
ROUTES = {
    "items": "/items",
}
'''

NOTHING_OF_IT = '''\
import enum


class Permission(str, enum.Enum):
    VIEW_USERS = "view_users"
    VIEW_ORDERS = "view_orders"


ROUTES = {"users": "/users"}
'''

ALONE = '''\
import enum


class Permission(str, enum.Enum):
    VIEW_ITEMS = "view_items"
    EXPORT = "export"
'''


def _module(source: str) -> ModuleInfo:
    return ModuleInfo("app/users/permissions.py", "app.users.permissions", source)


def test_a_class_keeping_a_member_per_resource_is_a_registry_of_the_exemplar() -> None:
    assert _has_registry(_module(ENUM), ITEM, RESOURCES)


def test_a_literal_spelling_the_exemplar_is_one_too() -> None:
    assert _has_registry(_module(LITERAL), ITEM, RESOURCES)


def test_a_module_spelling_only_other_resources_is_none() -> None:
    assert not _has_registry(_module(NOTHING_OF_IT), ITEM, RESOURCES)


def test_a_member_of_the_exemplar_with_no_twin_of_another_resource_is_none() -> None:
    assert not _has_registry(_module(ALONE), ITEM, RESOURCES)


def test_a_module_holding_nothing_of_the_exemplar_is_told_so_once_whatever_the_resources(monkeypatch) -> None:
    info = _module(NOTHING_OF_IT)
    assert not _has_registry(info, ITEM, RESOURCES)

    def read_again(_info):
        raise AssertionError("the module's classes were read again")

    # the next resource of a batch adds its spelling: the module still holds nothing of Item,
    # and is not read again to say so
    monkeypatch.setattr(plan, "top_level_classes", read_again)
    monkeypatch.setattr(plan, "collection_literals", read_again)
    assert not _has_registry(info, ITEM, (*RESOURCES, spelling_pattern(ResourceNames.parse("Thing"))))


def test_the_answer_is_the_exemplars_own() -> None:
    info = _module(NOTHING_OF_IT)
    assert not _has_registry(info, ITEM, RESOURCES)
    # Users are kept per resource here: cloned from User, the module is its registry
    assert _has_registry(info, ResourceNames.parse("User"), RESOURCES)
