from src.exceptions import Conflict, NotFound


class ProductNotFound(NotFound):
    DETAIL = "Product not found"


class ProductSkuAlreadyExists(Conflict):
    DETAIL = "A product with this SKU already exists"
