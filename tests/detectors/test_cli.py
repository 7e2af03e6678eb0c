"""`python -m detectors PATH --json`: the whole profile as JSON, or a one-line error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.detectors._project import make_project

REPO_ROOT = Path(__file__).resolve().parents[2]
KEYS = (
    "app",
    "router_layout",
    "router_registration",
    "orm",
    "session",
    "auth",
    "rbac",
    "response",
    "pagination",
    "schemas",
    "data_access",
    "migrations",
    "tests",
    "style",
)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "detectors", *args],
        check=False,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_json_profile(tmp_path) -> None:
    make_project(
        tmp_path,
        {
            "main.py": """
            from fastapi import Depends, FastAPI
            from sqlalchemy import Column, Integer
            from sqlalchemy.orm import Session, declarative_base

            Base = declarative_base()
            app = FastAPI()


            class Book(Base):
                __tablename__ = "books"
                id = Column(Integer, primary_key=True)


            def get_db():
                yield Session()


            @app.get("/books")
            def list_books(db: Session = Depends(get_db)):
                return db.query(Book).all()
        """,
        },
    )
    result = run_cli(str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(KEYS) <= set(data)
    assert data["app"]["file"] == "main.py"
    assert data["router_layout"]["kind"] == "single_file"
    assert data["orm"]["kind"] == "sqlalchemy"
    assert data["orm"]["async"] is False and "is_async" not in data["orm"]
    assert data["session"]["pattern"] == "depends"
    assert data["session"]["counts"] == [["depends", 1]]
    assert all(isinstance(e, str) for e in data["app"]["evidence"])
    assert data["skipped_files"] == []


def test_no_app_exits_nonzero_with_one_line(tmp_path) -> None:
    make_project(tmp_path, {"lib.py": "from pydantic import BaseModel\n"})
    result = run_cli(str(tmp_path), "--json")
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("project error: no FastAPI application found")
    assert "Traceback" not in result.stderr
