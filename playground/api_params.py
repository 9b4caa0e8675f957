"""How the Bot API's parameters arrive over HTTP at the fake Bot API (playground/fake_api.py):
a query string, a JSON body, a form or a multipart body with uploaded files, decoded into the
values PTB meant (`parse_params`).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from playground.api_calls import UploadedFile
from playground.api_checks import ApiError
from playground.http_server import HttpRequest

# Form values arrive as text: PTB sends str parameters verbatim and JSON-encodes everything
# else, so "123" could be the text "123" or the int 123. Parameters documented as strings are
# therefore never JSON-decoded; every other value is decoded when it is valid JSON.
STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_query_id",
        "inline_message_id",
        "url",
        "secret_token",
        "ip_address",
        "query",
        "description",
        "short_description",
        "name",
        "title",
        "emoji",
        "message_effect_id",
        "business_connection_id",
        "language_code",
        "file_id",
        "photo",
        "document",
        "video",
        "animation",
        "audio",
        "voice",
        "video_note",
        "sticker",
        "thumbnail",
        "question",
        "explanation",
        "address",
        "phone_number",
        "first_name",
        "last_name",
        "vcard",
        "custom_title",
        "invite_link",
        "payload",
        "currency",
        "provider_token",
        "start_parameter",
        "next_offset",
        "result_id",
        "set_name",
        "sticker_set_name",
        "custom_emoji_id",
        "game_short_name",
        "switch_pm_text",
        "switch_pm_parameter",
        "error_message",
        "shipping_query_id",
        "pre_checkout_query_id",
        "prize_description",
    }
)

_DISPOSITION_PARAM_RE = re.compile(r'(\w+)="([^"]*)"')


def _decode_form_value(name: str, value: str) -> Any:
    """Undo PTB's form encoding of one parameter (see :data:`STRING_PARAMS`)."""
    if name in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # e.g. chat_id="@channelname"


def _unescape_disposition(value: str) -> str:
    """Undo httpx's HTML5 escaping of names/filenames in Content-Disposition."""
    value = re.sub(r"%([0-1][0-9A-F]|22)", lambda m: chr(int(m.group(1), 16)), value)
    return value.replace("\\\\", "\\")


def parse_multipart(body: bytes, boundary: bytes) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    """Split a ``multipart/form-data`` body into text fields and uploaded files."""
    fields: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    for raw in body.split(b"--" + boundary)[1:]:
        if raw.startswith(b"--"):
            break  # closing delimiter
        part = raw.removeprefix(b"\r\n").removesuffix(b"\r\n")
        head, _, content = part.partition(b"\r\n\r\n")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        params = dict(_DISPOSITION_PARAM_RE.findall(headers.get("content-disposition", "")))
        name = _unescape_disposition(params.get("name", ""))
        if "filename" in params:
            mimetype = headers.get("content-type", "application/octet-stream")
            files[name] = UploadedFile(_unescape_disposition(params["filename"]), content, mimetype)
        else:
            fields[name] = content.decode("utf-8")
    return fields, files


def parse_params(request: HttpRequest) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Decode query string plus JSON, urlencoded or multipart body into params and files."""
    params: dict[str, Any] = {}
    files: dict[str, UploadedFile] = {}
    raw_fields: dict[str, str] = dict(parse_qsl(urlsplit(request.target).query))
    content_type = request.headers.get("content-type", "")
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime == "application/json" and request.body:
        params.update(json.loads(request.body))
    elif mime == "application/x-www-form-urlencoded":
        raw_fields.update(parse_qsl(request.body.decode("utf-8"), keep_blank_values=True))
    elif mime == "multipart/form-data":
        match = re.search(r'boundary="?([^";]+)"?', content_type)
        if match is None:
            raise ApiError(400, "multipart body without boundary")
        fields, files = parse_multipart(request.body, match.group(1).encode())
        raw_fields.update(fields)
    params.update({name: _decode_form_value(name, value) for name, value in raw_fields.items()})
    for part, upload in files.items():
        params[part] = upload.content
    return params, files
