"""BackRelations: the models the clone points at get the reverse side of its relationships."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.back_relations import BackRelations
from codemods.names import ResourceNames

ITEM, ORDER = ResourceNames.parse("Item"), ResourceNames.parse("Order")


def code(text: str) -> str:
    return textwrap.dedent(text)


def back_relations(before: str, classes: frozenset[str] = frozenset({"User"})) -> str:
    """Cloning Item as Order, in the classes named `classes`."""
    transformer = BackRelations(ITEM, ORDER, set(classes), "kebab")
    return cst.parse_module(code(before)).visit(transformer).code


def test_the_reverse_relationship_is_added_right_after_the_exemplars() -> None:
    before = """\
        class User(Base):
            id = Column(Integer, primary_key=True)
            items = relationship("Item", back_populates="owner")
            email = Column(String)
    """
    after = """\
        class User(Base):
            id = Column(Integer, primary_key=True)
            items = relationship("Item", back_populates="owner")
            orders = relationship("Order", back_populates="owner")
            email = Column(String)
    """
    assert back_relations(before) == code(after)


def test_the_reverse_relationship_is_written_the_way_the_exemplars_is() -> None:
    before = """\
        class User(Base):
            items = relationship("Item",
                back_populates="owner")
    """
    after = """\
        class User(Base):
            items = relationship("Item",
                back_populates="owner")
            orders = relationship("Order",
                back_populates="owner")
    """
    assert back_relations(before) == code(after)


def test_an_annotated_relationship_is_repeated_with_its_annotation() -> None:
    before = """\
        class User(SQLModel, table=True):
            items: list["Item"] = Relationship(back_populates="owner")
    """
    after = """\
        class User(SQLModel, table=True):
            items: list["Item"] = Relationship(back_populates="owner")
            orders: list["Order"] = Relationship(back_populates="owner")
    """
    assert back_relations(before) == code(after)


def test_the_reverse_relationship_does_not_take_the_exemplars_leading_blank_lines() -> None:
    before = """\
        class User(Base):
            id = Column(Integer, primary_key=True)

            items = relationship("Item", back_populates="owner")
    """
    after = """\
        class User(Base):
            id = Column(Integer, primary_key=True)

            items = relationship("Item", back_populates="owner")
            orders = relationship("Order", back_populates="owner")
    """
    assert back_relations(before) == code(after)


def test_the_reverse_relationship_is_not_added_twice() -> None:
    after = """\
        class User(Base):
            items = relationship("Item", back_populates="owner")
            orders = relationship("Order", back_populates="owner")
    """
    assert back_relations(after) == code(after)


def test_an_attribute_of_that_name_however_formatted_is_not_added_again() -> None:
    before = """\
        class User(Base):
            items: Mapped[list["Item"]] = relationship(back_populates="owner")
            orders = relationship(
                "Order", back_populates="owner"
            )
    """
    assert back_relations(before) == code(before)


def test_an_attribute_of_that_name_that_is_not_a_relationship_also_blocks_it() -> None:
    before = """\
        class User(Base):
            items = relationship("Item", back_populates="owner")
            orders = 0
    """
    assert back_relations(before) == code(before)


def test_a_relationship_not_to_the_exemplar_is_not_repeated() -> None:
    before = """\
        class User(Base):
            teams = relationship("Team", back_populates="members")
            item_count = Column(Integer)
    """
    assert back_relations(before) == code(before)


def test_other_classes_are_untouched() -> None:
    before = """\
        class Team(Base):
            items = relationship("Item", back_populates="team")


        class User(Base):
            items = relationship("Item", back_populates="owner")
    """
    after = """\
        class Team(Base):
            items = relationship("Item", back_populates="team")


        class User(Base):
            items = relationship("Item", back_populates="owner")
            orders = relationship("Order", back_populates="owner")
    """
    assert back_relations(before) == code(after)


def test_methods_of_the_class_and_module_functions_are_untouched() -> None:
    before = """\
        class User(Base):
            items = relationship("Item", back_populates="owner")

            def load(self):
                items = relationship("Item")
                return items


        def helper():
            items = relationship("Item")
            return items
    """
    after = """\
        class User(Base):
            items = relationship("Item", back_populates="owner")
            orders = relationship("Order", back_populates="owner")

            def load(self):
                items = relationship("Item")
                return items


        def helper():
            items = relationship("Item")
            return items
    """
    assert back_relations(before) == code(after)


def test_a_module_without_the_named_classes_is_unchanged() -> None:
    before = """\
        class Team(Base):
            items = relationship("Item", back_populates="team")
    """
    assert back_relations(before) == code(before)
