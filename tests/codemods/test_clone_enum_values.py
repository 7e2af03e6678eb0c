"""EnumValues: an enum field shared with the exemplar, with other values, takes the new values."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.enum_values import EnumChange, EnumValues

STATUS = EnumChange("status", ("created", "shipped", "delivered"), ("pending", "paid"))


def code(text: str) -> str:
    return textwrap.dedent(text)


def enum_values(before: str, *changes: EnumChange) -> str:
    transformer = EnumValues(changes or (STATUS,), "Order")
    return cst.parse_module(code(before)).visit(transformer).code


# -- EnumChange -------------------------------------------------------------------------------


def test_an_old_value_maps_to_the_new_value_in_the_same_position() -> None:
    assert STATUS.value("created") == "pending"
    assert STATUS.value("shipped") == "paid"


def test_old_values_beyond_the_new_list_map_to_the_last_new_value() -> None:
    assert STATUS.value("delivered") == "paid"


# -- the enum class -----------------------------------------------------------------------------


def test_upper_case_members_are_rewritten_as_upper_case_members() -> None:
    before = """\
        class OrderStatus(str, Enum):
            CREATED = "created"
            SHIPPED = "shipped"
            DELIVERED = "delivered"
    """
    after = """\
        class OrderStatus(str, Enum):
            PENDING = "pending"
            PAID = "paid"
    """
    assert enum_values(before) == code(after)


def test_lower_case_members_are_rewritten_as_lower_case_members_in_the_same_quotes() -> None:
    before = """\
        class OrderStatus(str, enum.Enum):
            created = 'created'
            shipped = 'shipped'
            delivered = 'delivered'
    """
    after = """\
        class OrderStatus(str, enum.Enum):
            pending = 'pending'
            paid = 'paid'
    """
    assert enum_values(before) == code(after)


def test_more_new_values_than_old_ones_all_become_members() -> None:
    before = """\
        class OrderStatus(str, Enum):
            CREATED = "created"
            SHIPPED = "shipped"
    """
    after = """\
        class OrderStatus(str, Enum):
            PENDING = "pending"
            PAID = "paid"
            REFUNDED = "refunded"
    """
    change = EnumChange("status", ("created", "shipped"), ("pending", "paid", "refunded"))
    assert enum_values(before, change) == code(after)


def test_the_rest_of_the_enum_class_body_stays() -> None:
    before = """\
        class OrderStatus(str, Enum):
            \"\"\"Where an order is.\"\"\"
            CREATED = "created"
            SHIPPED = "shipped"
            DELIVERED = "delivered"

            def label(self):
                return self.value.title()
    """
    after = """\
        class OrderStatus(str, Enum):
            \"\"\"Where an order is.\"\"\"
            PENDING = "pending"
            PAID = "paid"

            def label(self):
                return self.value.title()
    """
    assert enum_values(before) == code(after)


def test_members_after_a_blank_line_are_written_one_per_line_as_the_exemplars() -> None:
    before = """\
        class OrderStatus(str, Enum):
            \"\"\"Where an order is.\"\"\"

            CREATED = "created"
            SHIPPED = "shipped"
            DELIVERED = "delivered"
    """
    after = """\
        class OrderStatus(str, Enum):
            \"\"\"Where an order is.\"\"\"

            PENDING = "pending"
            PAID = "paid"
    """
    assert enum_values(before) == code(after)


def test_a_class_whose_members_are_not_the_old_values_keeps_its_members() -> None:
    before = """\
        class Color(str, Enum):
            RED = "red"
            BLUE = "blue"
    """
    assert enum_values(before) == code(before)


# -- uses of the members and values -----------------------------------------------------------


def test_member_references_in_the_same_module_follow_by_position() -> None:
    before = """\
        class OrderStatus(str, Enum):
            CREATED = "created"
            SHIPPED = "shipped"
            DELIVERED = "delivered"


        def ship(order):
            order.status = OrderStatus.SHIPPED
            if order.status == OrderStatus.DELIVERED:
                order.status = OrderStatus.CREATED
    """
    after = """\
        class OrderStatus(str, Enum):
            PENDING = "pending"
            PAID = "paid"


        def ship(order):
            order.status = OrderStatus.PAID
            if order.status == OrderStatus.PAID:
                order.status = OrderStatus.PENDING
    """
    assert enum_values(before) == code(after)


def test_member_references_before_the_class_follow_too() -> None:
    before = """\
        def default():
            return OrderStatus.created


        class OrderStatus(str, Enum):
            created = "created"
            shipped = "shipped"
            delivered = "delivered"
    """
    after = """\
        def default():
            return OrderStatus.pending


        class OrderStatus(str, Enum):
            pending = "pending"
            paid = "paid"
    """
    assert enum_values(before) == code(after)


def test_the_resources_enum_imported_from_another_module_is_mapped_by_position() -> None:
    before = """\
        from app.models import OrderStatus


        def test_ship(client):
            order = make_order(status=OrderStatus.CREATED)
            assert ship(order).status == OrderStatus.DELIVERED
            assert OrderStatus.shipped.value
    """
    after = """\
        from app.models import OrderStatus


        def test_ship(client):
            order = make_order(status=OrderStatus.PENDING)
            assert ship(order).status == OrderStatus.PAID
            assert OrderStatus.paid.value
    """
    assert enum_values(before) == code(after)


def test_the_imported_enum_of_a_multi_word_field_is_known_by_its_pascal_name() -> None:
    before = """\
        from app.models import OrderPaymentStatus

        state = OrderPaymentStatus.SHIPPED
    """
    after = """\
        from app.models import OrderPaymentStatus

        state = OrderPaymentStatus.PAID
    """
    change = EnumChange("payment_status", STATUS.old, STATUS.new)
    assert enum_values(before, change) == code(after)


def test_members_of_other_enums_are_untouched() -> None:
    before = """\
        def test_create_order(client):
            response = client.post("/orders")
            assert response.status_code == HTTPStatus.CREATED
            assert ItemStatus.CREATED
    """
    assert enum_values(before) == code(before)


def test_string_literals_equal_to_old_values_take_the_new_values() -> None:
    before = """\
        def test_ship(client):
            r = client.post("/orders", json={"status": "shipped"})
            assert r.json()["status"] == 'created'
    """
    after = """\
        def test_ship(client):
            r = client.post("/orders", json={"status": "paid"})
            assert r.json()["status"] == 'pending'
    """
    assert enum_values(before) == code(after)


def test_strings_that_only_contain_an_old_value_are_untouched() -> None:
    before = """\
        message = "created at noon"
        key = "status"
    """
    assert enum_values(before) == code(before)
