"""What of a module could be a registry of resources, read once per module."""

from __future__ import annotations

from detectors.project import ModuleInfo
from detectors.registries import ClassMembers, collection_literals, top_level_classes

SOURCE = '''\
import enum


class Permission(str, enum.Enum):
    VIEW_ITEMS = "view_items"
    VIEW_USERS: str = "view_users"


class UnitOfWork:
    def items(self):
        return self._items

    def for_owner(self, owner_id):
        return owner_id

    def every(self, *names):
        return names


ROUTES = {
    "items": "/items",
}
LIMIT = 10
'''


def _module() -> ModuleInfo:
    return ModuleInfo("app/registry.py", "app.registry", SOURCE)


def test_each_top_level_class_comes_with_its_members_and_whether_it_is_an_enum() -> None:
    assert top_level_classes(_module()) == (
        ClassMembers("Permission", True, (("VIEW_ITEMS", "assign"), ("VIEW_USERS", "assign"))),
        ClassMembers("UnitOfWork", False, (("items", "accessor"), ("for_owner", "other"), ("every", "other"))),
    )


def test_only_collection_literals_bound_at_the_top_level_are_read_with_their_text() -> None:
    assert collection_literals(_module()) == ('ROUTES = {\n    "items": "/items",\n}',)


def test_the_facts_are_kept_with_the_module() -> None:
    info = _module()
    assert top_level_classes(info) is top_level_classes(info)
