"""Files v3: metadata, signed URLs, and the bytes behind them (made on demand, large ones streamed)."""

from __future__ import annotations

import hashlib
import hmac
import struct
import zlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from server.sandbox.hubspot.limits import api, hubspot_error
from server.sandbox.hubspot.seed import SeedFile

if TYPE_CHECKING:
    from server.sandbox.hubspot.app import HubSpotSandbox

FILE_SCOPES = ("files", "files.read", "files.ui_hidden.read")
CHUNK = 64 * 1024
MIME = {"pdf": "application/pdf", "png": "image/png", "zip": "application/zip"}


def _sandbox(request: Request) -> HubSpotSandbox:
    sandbox: HubSpotSandbox = request.app.state.sandbox
    return sandbox


@cache
def pdf_bytes(title: str) -> bytes:
    """A small, valid one-page PDF naming the file."""
    stream = f"BT /F1 18 Tf 72 720 Td ({title}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@cache
def png_bytes(width: int = 1024, height: int = 512) -> bytes:
    """A valid ~2 MB RGBA PNG (stored without compression so its size is predictable)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        rows += bytes((x * 7 + y * 3) % 256 for x in range(width)) * 4
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 0))
        + chunk(b"IEND", b"")
    )


def content_size(file: SeedFile) -> int:
    if file.kind == "pdf":
        return len(pdf_bytes(file.name))
    if file.kind == "png":
        return len(png_bytes())
    return file.size


async def content(file: SeedFile) -> AsyncIterator[bytes]:
    if file.kind == "pdf":
        yield pdf_bytes(file.name)
        return
    if file.kind == "png":
        data = png_bytes()
        for start in range(0, len(data), CHUNK):
            yield data[start : start + CHUNK]
        return
    # Large blobs are made chunk by chunk so the sandbox never holds them whole.
    block = hashlib.sha256(file.id.encode()).digest() * (CHUNK // 32)
    remaining = file.size
    while remaining > 0:
        piece = block[: min(CHUNK, remaining)]
        remaining -= len(piece)
        yield piece


def metadata(file: SeedFile) -> dict[str, Any]:
    return {
        "id": file.id,
        "name": file.name,
        "extension": file.extension,
        "type": file.type,
        "size": content_size(file),
        "access": "HIDDEN_PRIVATE",
        "isUsableInContent": False,
        "archived": False,
        "createdAt": "2026-11-02T10:00:00.000Z",
        "updatedAt": "2026-11-02T10:00:00.000Z",
        "path": f"/attachments/{file.name}.{file.extension}",
    }


def _not_found(file_id: str) -> JSONResponse:
    return hubspot_error(404, "OBJECT_NOT_FOUND", f"File {file_id} not found", context={"id": [file_id]})


@api(*FILE_SCOPES)
async def get_file(request: Request) -> Response:
    file = _sandbox(request).files.get(request.path_params["file_id"])
    if file is None:
        return _not_found(request.path_params["file_id"])
    return JSONResponse(metadata(file))


def _signature(secret: str, file_id: str, expires: int) -> str:
    return hmac.new(secret.encode(), f"{file_id}:{expires}".encode(), hashlib.sha256).hexdigest()


@api(*FILE_SCOPES)
async def signed_url(request: Request) -> Response:
    sandbox = _sandbox(request)
    file = sandbox.files.get(request.path_params["file_id"])
    if file is None:
        return _not_found(request.path_params["file_id"])
    try:
        seconds = int(request.query_params.get("expirationSeconds", "3600"))
    except ValueError:
        return hubspot_error(400, "VALIDATION_ERROR", "expirationSeconds must be a number")
    expires = int(sandbox.clock()) + seconds
    signature = _signature(sandbox.client_secret, file.id, expires)
    url = f"{sandbox.files_base_url}/signed/{file.id}/{file.name}.{file.extension}?e={expires}&s={signature}"
    meta = metadata(file)
    expires_at = datetime.fromtimestamp(expires, UTC).isoformat().replace("+00:00", "Z")
    body = {k: meta[k] for k in ("name", "extension", "type", "size")}
    return JSONResponse({"url": url, "expiresAt": expires_at, **body})


async def download(request: Request) -> Response:
    """The bytes behind a signed URL: no bearer token, the signature in the URL is the authorization."""
    sandbox = _sandbox(request)
    sandbox.downloads.append(request.path_params["file_id"])
    file = sandbox.files.get(request.path_params["file_id"])
    expires = request.query_params.get("e", "")
    given = request.query_params.get("s", "")
    if file is None or not expires.isdigit():
        return Response("Not found", status_code=404)
    if not hmac.compare_digest(_signature(sandbox.client_secret, file.id, int(expires)), given):
        return Response("Forbidden", status_code=403)
    if int(expires) < sandbox.clock():
        return Response("Request has expired", status_code=403)
    headers = {"Content-Length": str(content_size(file))}
    return StreamingResponse(content(file), media_type=MIME.get(file.extension), headers=headers)


def routes() -> list[BaseRoute]:
    return [
        Route("/files/v3/files/{file_id}", get_file, methods=["GET"]),
        Route("/files/v3/files/{file_id}/signed-url", signed_url, methods=["GET"]),
        Route("/signed/{file_id}/{filename}", download, methods=["GET"]),
    ]
