"""Safe names for the files people upload: what they are called when stored and when downloaded.

The name a browser sends is only a label. The extension always comes from the type read from the file's
content, so a PDF named ``evil.html`` is kept and downloaded as ``evil.pdf``; path parts, control
characters, quotes and anything a ``Content-Disposition`` header could trip over are removed.
"""

import re
import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
_UNSAFE = re.compile(r"[^\w\s().,+-]", re.UNICODE)  # keeps letters of every language, digits, a few marks
_MAX_STEM = 80


def document_filename(name: str, content_type: str) -> str:
    """``name`` reduced to a safe stem, with the extension of ``content_type`` ("document" if nothing is
    left of it; no extension for a type we do not keep)."""
    base = PureWindowsPath(PurePosixPath(str(name or "")).name).name  # no folders, either way of writing
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = "".join(
        char for char in unicodedata.normalize("NFC", stem) if unicodedata.category(char)[0] != "C"
    )
    stem = " ".join(_UNSAFE.sub("_", stem).split()).strip("._- ")[:_MAX_STEM] or "document"
    extension = EXTENSIONS.get(content_type)
    return f"{stem}.{extension}" if extension else stem
