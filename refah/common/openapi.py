"""The error answers every operation can give, written into the OpenAPI document once.

Endpoints declare their success answers (and some their errors); the handlers in config/api.py and the API
guard answer 400, 401, 403, 404, 409, 413 and 422 for any endpoint in the situations below, always with the
same body. A client generated from the document, or a checker such as schemathesis, must find each of them.
"""

ERROR_SCHEMA_NAME = "ApiError"
ERROR_SCHEMA = {
    "title": ERROR_SCHEMA_NAME,
    "description": "Every 4xx answer: a summary and the reasons, one per field.",
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in the request's language."},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {
                        "anyOf": [{"type": "string"}, {"type": "null"}],
                        "description": "The input field at fault, dotted for nested fields.",
                    },
                    "reason": {"type": "string"},
                    "code": {"type": "string"},
                },
                "required": ["reason", "code"],
            },
        },
    },
    "required": ["detail", "errors"],
}

DESCRIPTIONS = {
    "400": "The request cannot be carried out: the body is not JSON, or a rule of the service refuses it.",
    "401": "No valid credentials (a bearer token, or a terminal's key).",
    "403": "The credentials do not allow this.",
    "404": "No such object in the caller's jurisdiction (one outside it is reported exactly like a wrong id).",
    "409": "The request conflicts with the object's state or with an earlier request.",
    "413": "The request body is over the size limit.",
    "422": "An input is missing, malformed or out of range; each error names its field.",
}
_WRITES = {"post", "put", "patch", "delete"}


def document_error_answers(schema: dict) -> dict:
    """Add the error answers an operation can give and does not yet document, all with the ApiError body."""
    schema.setdefault("components", {}).setdefault("schemas", {}).setdefault(ERROR_SCHEMA_NAME, ERROR_SCHEMA)
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method in _WRITES or method == "get":
                _add(operation, _codes(method, operation))
    return schema


def _codes(method: str, operation: dict) -> list[str]:
    # 404 everywhere: an object named in the path, the body or the query may not exist in the jurisdiction.
    codes = ["400", "403", "404", "422"]
    if operation.get("security"):
        codes.append("401")
    if method in _WRITES:
        codes += ["409", "413"]
    return codes


def _add(operation: dict, codes: list[str]) -> None:
    responses = operation.setdefault("responses", {})
    ref = {"$ref": f"#/components/schemas/{ERROR_SCHEMA_NAME}"}
    for code in codes:
        if code not in responses and int(code) not in responses:  # django-ninja keys its own answers by int
            responses[int(code)] = {"description": DESCRIPTIONS[code], "content": {"application/json": {"schema": ref}}}
