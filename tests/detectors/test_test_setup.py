"""detect_tests: the project's test client, async marker and the fixtures its tests lean on."""

from __future__ import annotations

import pytest

from detectors.test_setup import detect_tests
from tests.detectors._project import assert_finding

APP = {"app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n"}
SYNC_CONFTEST = """
    import pytest
    from fastapi.testclient import TestClient
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from app.main import app


    @pytest.fixture
    def engine():
        return create_engine("sqlite://")


    @pytest.fixture
    def db_session(engine):
        with Session(engine) as session:
            yield session


    @pytest.fixture
    def client(db_session):
        with TestClient(app) as c:
            yield c


    @pytest.fixture
    def superuser_token_headers(client) -> dict[str, str]:
        return {"Authorization": "Bearer admin"}
"""
ASYNC_CONFTEST = """
    import pytest
    from httpx import ASGITransport, AsyncClient

    from app.main import app


    @pytest.fixture
    async def ac():
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
            yield c
"""


# a fixture handing out a function that builds clients, and one calling it (typed or not)
FACTORY_CONFTEST = """
    import pytest
    from fastapi.testclient import TestClient

    from app.main import app


    @pytest.fixture
    def client_factory(monkeypatch):
        def _build(*, database_url=None):
            monkeypatch.setenv("DATABASE_URL", database_url or "")
            return TestClient(app)

        return _build


    @pytest.fixture
    def api_client(client_factory){returns}:
        return client_factory()
"""
# fixtures named in their decorator, their functions named apart (a lint rule against shadowing)
NAMED_CONFTEST = """
    import pytest
    import pytest_asyncio
    from httpx import ASGITransport, AsyncClient

    from app.main import app


    @pytest_asyncio.fixture(name="session")
    async def fixture_session():
        yield object()


    @pytest_asyncio.fixture(name="client")
    async def fixture_client(session):
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
            yield c


    @pytest.fixture(name="default_user_headers")
    def fixture_default_user_headers():
        return {"Authorization": "Bearer user"}
"""
FACTORY_TEST = "def test_x(client_factory):\n    assert client_factory().get('/items')\n"


def async_test(marker: str | None) -> str:
    mark = f"@pytest.mark.{marker}\n" if marker else ""
    return f"""
import pytest


{mark}async def test_list(ac):
    response = await ac.get("/items")
    assert response.status_code == 200
"""


CASES = [
    pytest.param(
        {
            **APP,
            "tests/conftest.py": SYNC_CONFTEST,
            "tests/api/test_items.py": """
                import pytest


                def test_list(client, superuser_token_headers):
                    assert client.get("/items", headers=superuser_token_headers).status_code == 200
            """,
        },
        {
            "directory": "tests",
            "client": "testclient",
            "async_marker": "none",
            "client_fixture": "client",
            "db_fixture": "db_session",
            "auth_fixtures": ("superuser_token_headers",),
            "anonymous_client_fixture": None,
            "module_directory": "tests/api",
        },
        id="testclient-sync",
    ),
    pytest.param(
        {**APP, "tests/conftest.py": ASYNC_CONFTEST, "tests/test_items.py": async_test("asyncio")},
        {
            "client": "httpx_async",
            "async_marker": "asyncio",
            "client_fixture": "ac",
            "db_fixture": None,
            "auth_fixtures": (),
        },
        id="httpx_async-asyncio-marker",
    ),
    pytest.param(
        {**APP, "tests/conftest.py": NAMED_CONFTEST, "tests/test_items.py": async_test("anyio").replace("(ac)", "(client)")},
        {
            "client_fixture": "client",
            "db_fixture": "session",
            "auth_fixtures": ("default_user_headers",),
        },
        id="fixtures-named-in-their-decorator",
    ),
    pytest.param(
        {**APP, "tests/conftest.py": ASYNC_CONFTEST, "tests/test_items.py": async_test("anyio")},
        {"client": "httpx_async", "async_marker": "anyio"},
        id="anyio-marker",
    ),
    pytest.param(
        {
            **APP,
            "tests/conftest.py": ASYNC_CONFTEST
            + """

    @pytest.fixture
    def anyio_backend():
        return "asyncio"
""",
            "tests/test_items.py": async_test(None),
        },
        {"async_marker": "anyio"},
        id="anyio-backend-fixture",
    ),
    pytest.param(
        {
            **APP,
            "pyproject.toml": '[tool.pytest.ini_options]\nasyncio_mode = "auto"\n',
            "tests/conftest.py": ASYNC_CONFTEST,
            "tests/test_items.py": async_test(None),
        },
        {"async_marker": "auto", "note_has": ("asyncio_mode=auto",)},
        id="auto-from-pyproject",
    ),
    pytest.param(
        {
            **APP,
            "pytest.ini": "[pytest]\nasyncio_mode = auto\n",
            "tests/conftest.py": ASYNC_CONFTEST,
            "tests/test_items.py": async_test(None),
        },
        {"async_marker": "auto"},
        id="auto-from-pytest-ini",
    ),
    pytest.param(
        {**APP, "tests/conftest.py": ASYNC_CONFTEST, "tests/test_items.py": async_test(None)},
        {"async_marker": "unknown"},
        id="unknown-async-tests-without-marker-or-mode",
    ),
    pytest.param(
        {
            **APP,
            "tests/conftest.py": SYNC_CONFTEST
            + """

    @pytest.fixture
    def anon_client():
        return TestClient(app)


    @pytest.fixture
    def auth_headers() -> dict[str, str]:
        return {"Authorization": "Bearer user"}
""",
            "tests/test_items.py": "import pytest\n\n\ndef test_x(client):\n    assert client\n",
        },
        {
            "client_fixture": "client",
            "anonymous_client_fixture": "anon_client",
            "auth_fixtures": ("superuser_token_headers", "auth_headers"),
        },
        id="anonymous-client-and-auth-fixtures",
    ),
    pytest.param(
        {
            "app/main.py": """
                from fastapi import Depends, FastAPI

                from app.auth import require_admin, require_reader

                app = FastAPI()


                @app.get("/api/books")
                def books_list(reader=Depends(require_reader)):
                    return []


                @app.get("/api/books/{book_id}")
                def book_details(book_id: int, admin=Depends(require_admin)):
                    return {}


                @app.get("/api/books/latest")
                def book_latest(reader=Depends(require_reader)):
                    return {}
            """,
            "tests/conftest.py": SYNC_CONFTEST
            + """

    @pytest.fixture
    def reader_headers() -> dict[str, str]:
        return {"Authorization": "Bearer reader"}
""",
            "tests/test_books.py": """
                def test_list(client, reader_headers):
                    response = client.get("/api/books", headers=reader_headers)
                    assert response.status_code == 200


                def test_details(client, book, superuser_token_headers, reader_headers):
                    response = client.get(f"/api/books/{book.id}", headers=reader_headers)
                    assert response.status_code == 403
                    response = client.get(
                        f"/api/books/{book.id}", headers=superuser_token_headers
                    )
                    assert response.status_code == 200


                def test_latest(client, reader_headers):
                    response = client.get("/api/books/latest", headers=reader_headers)
                    assert response.status_code == 200
            """,
        },
        {
            "auth_fixtures": ("superuser_token_headers", "reader_headers"),
            "fixture_for": (
                ("require_admin", "superuser_token_headers"),
                ("require_reader", "reader_headers"),
            ),
        },
        id="fixture-for-dependency-from-2xx-calls",
    ),
    *(
        pytest.param(
            {**APP, "tests/conftest.py": FACTORY_CONFTEST.format(returns=returns), "tests/test_items.py": FACTORY_TEST},
            {"client_fixture": "api_client"},
            id=f"a-factory-is-no-client-the-{kind}fixture-calling-it-is",
        )
        for returns, kind in ((" -> TestClient", "typed-"), ("", ""))
    ),
    pytest.param(
        APP,
        {
            "directory": None,
            "client": "unknown",
            "async_marker": "unknown",
            "client_fixture": None,
            "note_has": ("test_*.py", "conftest.py"),
        },
        id="unknown-no-tests",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_tests(project, files, expected) -> None:
    assert_finding(detect_tests(project(files)), expected)


MODULE_CLIENT_TESTS = '''"""The users API."""
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from app.main import app, get_db

engine = create_engine("sqlite://")
Session = sessionmaker(bind=engine)


# each request gets a session of the test engine
def override_get_db():
    yield Session()


app.dependency_overrides[get_db] = override_get_db
client = TestClient(app)
import json

LATER = 1


def test_create_user():
    assert client.post("/users/", json={}).status_code == 422
'''


def test_a_client_built_at_module_level_is_found_with_what_it_needs(project) -> None:
    """No fixture hands out a client: the test module builds its own at its top level. The
    finding names it and keeps the statements before it as written (comments and blank lines
    too), without the docstring and the imports, which it lists; what comes after it is none
    of its setup."""
    found = detect_tests(project({**APP, "tests/test_users.py": MODULE_CLIENT_TESTS})).module_client
    assert found is not None
    assert (found.name, found.module, found.line) == ("client", "tests/test_users.py", 18)
    assert found.setup == (
        'engine = create_engine("sqlite://")\nSession = sessionmaker(bind=engine)\n\n\n'
        "# each request gets a session of the test engine\ndef override_get_db():\n    yield Session()\n\n\n"
        "app.dependency_overrides[get_db] = override_get_db\nclient = TestClient(app)\n"
    )
    assert found.imports == (
        ("fastapi.testclient", "TestClient", None),
        ("sqlalchemy", "create_engine", None),
        ("sqlalchemy.orm", "sessionmaker", None),
        ("app.main", "app", None),
        ("app.main", "get_db", None),
    )


def test_a_client_fixture_comes_before_a_module_level_client(project) -> None:
    files = {**APP, "tests/conftest.py": SYNC_CONFTEST, "tests/test_users.py": MODULE_CLIENT_TESTS}
    found = detect_tests(project(files))
    assert found.client_fixture == "client" and found.module_client is None


def test_a_module_level_client_its_tests_never_call_is_none(project) -> None:
    unused = MODULE_CLIENT_TESTS.replace('client.post("/users/", json={})', "TestClient(app).post('/users/')")
    assert detect_tests(project({**APP, "tests/test_users.py": unused})).module_client is None
