"""detect_response: envelopes, the shape of list responses and what delete returns."""

from __future__ import annotations

import pytest

from detectors.response import detect_response
from tests.detectors._project import assert_finding

SCHEMAS = """
    from pydantic import BaseModel


    class ItemOut(BaseModel):
        id: int


    class ItemsPublic(BaseModel):
        data: list[ItemOut]
        count: int


    class Message(BaseModel):
        message: str
"""


def router(*endpoints: str) -> dict[str, str]:
    head = """
from fastapi import APIRouter, status

from app.schemas import ItemOut, ItemsPublic, Message

router = APIRouter()
"""
    return {"app/schemas.py": SCHEMAS, "app/routers/items.py": head + "\n".join(endpoints)}


LIST = """
@router.get("/items", response_model=list[ItemOut])
def list_items():
    return []
"""
LIST_ANNOTATED = """
@router.get("/others")
def list_others() -> list[ItemOut]:
    return []
"""
OBJECT = """
@router.get("/items", response_model=ItemsPublic)
def list_items():
    return ItemsPublic(data=[], count=0)
"""
DELETE_204 = """
@router.delete("/items/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item(item_id: int) -> None:
    return None
"""
DELETE_200 = """
@router.delete("/items/{item_id}", response_model=Message)
def delete_item(item_id: int):
    return Message(message="deleted")
"""

ENVELOPE = {
    "app/schemas.py": """
        from typing import Generic, TypeVar

        from pydantic import BaseModel

        T = TypeVar("T")


        class PageMeta(BaseModel):
            total: int
            page: int
            size: int


        class ApiResponse(BaseModel, Generic[T]):
            success: bool = True
            data: T | None = None
            meta: PageMeta | None = None


        class ItemOut(BaseModel):
            id: int
    """,
    "app/routers/items.py": """
        from fastapi import APIRouter

        from app.schemas import ApiResponse, ItemOut

        router = APIRouter()


        @router.get("/items", response_model=ApiResponse[list[ItemOut]])
        def list_items():
            return ApiResponse(data=[])


        @router.get("/items/{item_id}", response_model=ApiResponse[ItemOut])
        def read_item(item_id: int):
            return ApiResponse(data=None)


        @router.delete("/items/{item_id}", status_code=200, response_model=ApiResponse[None])
        def delete_item(item_id: int):
            return ApiResponse()
    """,
}

CASES = [
    pytest.param(
        router(LIST, DELETE_204),
        {
            "wrapper": "none",
            "list_shape": "list",
            "list_keys": (),
            "delete_status": 204,
            "delete_returns": None,
            "mixed": False,
        },
        id="list-delete-204",
    ),
    pytest.param(
        router(OBJECT, DELETE_200),
        {
            "wrapper": "none",
            "list_shape": "object",
            "list_keys": ("data", "count"),
            "delete_status": 200,
            "delete_returns": "Message",
        },
        id="object-delete-200-returns-message",
    ),
    pytest.param(
        ENVELOPE,
        {
            "wrapper": "envelope",
            "model": "ApiResponse",
            "model_module": "app.schemas",
            "keys": ("success", "data", "meta"),
            "list_shape": "envelope",
            "meta_model": "PageMeta",
            "delete_status": 200,
        },
        id="envelope-generic-model",
    ),
    pytest.param(
        {
            "app/schemas.py": """
                from pydantic import BaseModel


                class Envelope[T](BaseModel):
                    data: T


                class ItemOut(BaseModel):
                    id: int
            """,
            "app/routers/items.py": """
                from fastapi import APIRouter

                from app.schemas import Envelope, ItemOut

                router = APIRouter()


                @router.get("/items")
                def list_items() -> Envelope[list[ItemOut]]:
                    ...


                @router.get("/items/{item_id}")
                def read_item(item_id: int) -> Envelope[ItemOut]:
                    ...
            """,
        },
        {"wrapper": "envelope", "model": "Envelope", "keys": ("data",), "list_shape": "envelope"},
        id="envelope-pep695-generic-model",
    ),
    pytest.param(
        router(LIST, LIST_ANNOTATED, OBJECT.replace("/items", "/pages"), DELETE_204),
        {"list_shape": "list", "mixed": True, "note_has": ("'list': 2", "'object': 1")},
        id="mixed-list-shapes-majority-wins",
    ),
    pytest.param(
        router(DELETE_204),
        {
            "wrapper": "none",
            "list_shape": "unknown",
            "delete_status": 204,
            "note_has": ("collection", "response_model"),
        },
        id="unknown-list-shape-no-collection-endpoint",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_response(project, files, expected) -> None:
    assert_finding(detect_response(project(files)), expected)
