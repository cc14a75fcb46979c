"""The answers every endpoint may give besides 200, for the OpenAPI schema."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view

ERROR = {
    "type": "object",
    "description": 'What was wrong: {"detail": "…"} or, for a bad parameter, '
    '{"<parameter>": ["…"]}.',
    "additionalProperties": True,
}
NOT_MODIFIED = OpenApiResponse(description="Not Modified: the ETag or date still holds.")
BAD_PARAMETER = OpenApiResponse(ERROR, description="A parameter is unknown or malformed.")
NOT_FOUND = OpenApiResponse(ERROR, description="No such row, or not public.")
THROTTLED = OpenApiResponse(ERROR, description="Too many requests; try again later.")


def list_endpoint(serializer_class, description: str):
    return extend_schema_view(
        get=extend_schema(
            description=description,
            responses={
                200: serializer_class(many=True),
                304: NOT_MODIFIED,
                400: BAD_PARAMETER,
                429: THROTTLED,
            },
        )
    )


def detail_endpoint(serializer_class, description: str):
    return extend_schema_view(
        get=extend_schema(
            description=description,
            responses={
                200: serializer_class,
                304: NOT_MODIFIED,
                404: NOT_FOUND,
                429: THROTTLED,
            },
        )
    )
