from src.exceptions import Conflict, NotFound


class SupplierNotFound(NotFound):
    DETAIL = "Supplier not found"


class SupplierNameAlreadyExists(Conflict):
    DETAIL = "A supplier with this name already exists"
