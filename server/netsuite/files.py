"""What a file becomes in NetSuite's File Cabinet: its N/file type, and the size NetSuite will take."""

from __future__ import annotations

import posixpath

# N/file: "Create a new file.File Object (up to 10MB in size)". The RESTlet's 10 MB string limit applies
# to the base64 text, so files above ~7.5 MB may still be refused there; that refusal is mapped too.
MAX_FILE_BYTES = 10 * 1024 * 1024

_BY_EXTENSION = {
    ".pdf": "PDF",
    ".txt": "PLAINTEXT",
    ".csv": "CSV",
    ".png": "PNGIMAGE",
    ".jpg": "JPGIMAGE",
    ".jpeg": "JPGIMAGE",
    ".gif": "GIFIMAGE",
    ".xls": "EXCEL",
    ".xlsx": "EXCEL",
    ".doc": "WORD",
    ".docx": "WORD",
    ".ppt": "POWERPOINT",
    ".pptx": "POWERPOINT",
    ".zip": "ZIP",
}
_BY_MIME = {
    "application/pdf": "PDF",
    "text/plain": "PLAINTEXT",
    "text/csv": "CSV",
    "image/png": "PNGIMAGE",
    "image/jpeg": "JPGIMAGE",
    "image/gif": "GIFIMAGE",
    "application/vnd.ms-excel": "EXCEL",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "EXCEL",
    "application/msword": "WORD",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "WORD",
    "application/vnd.ms-powerpoint": "POWERPOINT",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "POWERPOINT",
    "application/zip": "ZIP",
}


def file_type(file_name: str, content_type: str | None) -> str:
    """The N/file Type name: by extension first (HubSpot's MIME types are often generic), then by MIME."""
    extension = posixpath.splitext(file_name.lower())[1]
    if extension in _BY_EXTENSION:
        return _BY_EXTENSION[extension]
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    return _BY_MIME.get(mime, "MISCBINARY")
