from fastapi import Query


class PageParams:
    """Query parameters shared by every list endpoint: ``?page=1&size=20``."""

    def __init__(
        self,
        page: int = Query(1, ge=1, description="Page number, starting at 1"),
        size: int = Query(20, ge=1, le=100, description="Items per page"),
    ) -> None:
        self.page = page
        self.size = size
