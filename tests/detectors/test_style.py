"""detect_style: quotes, annotation spelling, import style, and line length from formatter config."""

from __future__ import annotations

import pytest

from detectors.style import detect_style
from tests.detectors._project import assert_finding

MODERN = {
    "app/__init__.py": "",
    "app/schemas.py": """
        from pydantic import BaseModel


        class Item(BaseModel):
            name: str = "x"
            tags: list[str] = []
            note: str | None = None
    """,
    "app/main.py": """
        from fastapi import FastAPI

        from app.schemas import Item

        app = FastAPI(title="Shop")


        @app.get("/items", response_model=list[Item])
        def list_items(q: str | None = None) -> list[Item]:
            return []
    """,
}
LEGACY = {
    "app/__init__.py": "",
    "app/schemas.py": """
        from typing import List, Optional

        from pydantic import BaseModel


        class Item(BaseModel):
            name: str = 'x'
            tags: List[str] = []
            note: Optional[str] = None
    """,
    "app/main.py": """
        from typing import List, Optional

        from fastapi import FastAPI

        from .schemas import Item

        app = FastAPI(title='Shop')


        @app.get('/items', response_model=List[Item])
        def list_items(q: Optional[str] = None) -> List[Item]:
            return []
    """,
}

CASES = [
    pytest.param(
        MODERN,
        {
            "quotes": "double",
            "optional_style": "pipe",
            "list_style": "builtin",
            "imports": "absolute",
            "indent": "    ",
            "line_length": None,
            "formatter": None,
        },
        id="double-pipe-builtin-absolute",
    ),
    pytest.param(
        LEGACY,
        {
            "quotes": "single",
            "optional_style": "optional",
            "list_style": "typing",
            "imports": "relative",
            "note_has": ("'single'", "'optional'", "'typing'", "'relative'"),
        },
        id="single-optional-typing-relative",
    ),
    pytest.param(
        {
            "app/main.py": """
                from typing import Union

                from fastapi import FastAPI
                from pydantic import BaseModel

                app = FastAPI()


                class Item(BaseModel):
                    description: Union[str, None] = None
                    price: Union[float, None] = None


                @app.get("/items")
                def list_items(q: Union[str, None] = None) -> list[Item]:
                    return []
            """,
        },
        {"optional_style": "union", "note_has": ("'union': 3",)},
        id="union-none-as-in-the-fastapi-tutorial",
    ),
    pytest.param(
        {
            **MODERN,
            "app/extra.py": """
                from typing import Optional

                from pydantic import BaseModel


                class Extra(BaseModel):
                    a: Optional[int] = None
            """,
        },
        {"optional_style": "pipe", "note_has": ("'optional': 1", "'pipe': 2")},
        id="mixed-optional-spellings-majority-wins",
    ),
    pytest.param(
        {**MODERN, "pyproject.toml": "[tool.ruff]\nline-length = 120\n"},
        {"formatter": "ruff", "line_length": 120},
        id="ruff-line-length",
    ),
    pytest.param(
        {
            **MODERN,
            "pyproject.toml": '[tool.ruff]\nline-length = 100\n\n[tool.ruff.format]\nquote-style = "single"\n',
        },
        {"formatter": "ruff", "line_length": 100, "quotes": "single"},
        id="ruff-quote-style-overrides-counts",
    ),
    pytest.param(
        {**MODERN, "ruff.toml": "line-length = 99\n"},
        {"formatter": "ruff", "line_length": 99},
        id="ruff-toml",
    ),
    pytest.param(
        {**LEGACY, "pyproject.toml": "[tool.black]\nline-length = 88\n"},
        {"formatter": "black", "line_length": 88, "quotes": "single"},
        id="black-line-length",
    ),
    pytest.param(
        {**MODERN, "setup.cfg": "[flake8]\nmax-line-length = 110\n"},
        {"formatter": None, "line_length": 110},
        id="flake8-max-line-length",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_style(project, files, expected) -> None:
    assert_finding(detect_style(project(files)), expected)
