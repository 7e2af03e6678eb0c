from fastapi.testclient import TestClient
from sqlmodel import Session

from app.core.config import settings
from app.models import Project, User
from tests.utils.project import create_random_project


def test_create_project(
    client: TestClient, superuser_token_headers: dict[str, str], superuser: User
) -> None:
    data = {"name": "Apollo", "description": "Moon landing"}
    response = client.post(
        f"{settings.API_V1_STR}/projects/",
        headers=superuser_token_headers,
        json=data,
    )
    assert response.status_code == 200
    content = response.json()
    assert content["name"] == data["name"]
    assert content["description"] == data["description"]
    assert content["is_archived"] is False
    assert "id" in content
    assert content["owner_id"] == superuser.id


def test_create_project_duplicate_name(
    client: TestClient, superuser_token_headers: dict[str, str], db: Session
) -> None:
    project = create_random_project(db)
    data = {"name": project.name}
    response = client.post(
        f"{settings.API_V1_STR}/projects/",
        headers=superuser_token_headers,
        json=data,
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "A project with this name already exists"


def test_read_project(
    client: TestClient, superuser_token_headers: dict[str, str], db: Session
) -> None:
    project = create_random_project(db)
    response = client.get(
        f"{settings.API_V1_STR}/projects/{project.id}",
        headers=superuser_token_headers,
    )
    assert response.status_code == 200
    content = response.json()
    assert content["name"] == project.name
    assert content["description"] == project.description
    assert content["id"] == project.id
    assert content["owner_id"] == project.owner_id


def test_read_project_not_found(
    client: TestClient, superuser_token_headers: dict[str, str]
) -> None:
    response = client.get(
        f"{settings.API_V1_STR}/projects/999999",
        headers=superuser_token_headers,
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Project not found"


def test_read_project_not_enough_permissions(
    client: TestClient, normal_user_token_headers: dict[str, str], db: Session
) -> None:
    project = create_random_project(db)
    response = client.get(
        f"{settings.API_V1_STR}/projects/{project.id}",
        headers=normal_user_token_headers,
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Not enough permissions"


def test_read_projects(
    client: TestClient, superuser_token_headers: dict[str, str], db: Session
) -> None:
    create_random_project(db)
    create_random_project(db)
    response = client.get(
        f"{settings.API_V1_STR}/projects/",
        headers=superuser_token_headers,
        params={"skip": 0, "limit": 1},
    )
    assert response.status_code == 200
    content = response.json()
    assert content["count"] == 2
    assert len(content["data"]) == 1


def test_update_project(
    client: TestClient,
    normal_user_token_headers: dict[str, str],
    normal_user: User,
    db: Session,
) -> None:
    project = create_random_project(db, owner_id=normal_user.id)
    data = {"is_archived": True}
    response = client.patch(
        f"{settings.API_V1_STR}/projects/{project.id}",
        headers=normal_user_token_headers,
        json=data,
    )
    assert response.status_code == 200
    content = response.json()
    assert content["is_archived"] is True
    assert content["name"] == project.name
    assert content["id"] == project.id


def test_update_project_duplicate_name(
    client: TestClient, superuser_token_headers: dict[str, str], db: Session
) -> None:
    project = create_random_project(db)
    other_project = create_random_project(db)
    data = {"name": other_project.name}
    response = client.patch(
        f"{settings.API_V1_STR}/projects/{project.id}",
        headers=superuser_token_headers,
        json=data,
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "A project with this name already exists"


def test_delete_project(
    client: TestClient, superuser_token_headers: dict[str, str], db: Session
) -> None:
    project = create_random_project(db)
    project_id = project.id
    response = client.delete(
        f"{settings.API_V1_STR}/projects/{project_id}",
        headers=superuser_token_headers,
    )
    assert response.status_code == 200
    assert response.json()["message"] == "Project deleted successfully"
    assert db.get(Project, project_id) is None


def test_delete_project_not_found(
    client: TestClient, superuser_token_headers: dict[str, str]
) -> None:
    response = client.delete(
        f"{settings.API_V1_STR}/projects/999999",
        headers=superuser_token_headers,
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Project not found"
