from pydantic import BaseModel, Field


class TokenRequest(BaseModel):
    email: str = Field(min_length=3, max_length=255)
    password: str = Field(min_length=1)


class TokenView(BaseModel):
    access_token: str
    token_type: str = "bearer"
