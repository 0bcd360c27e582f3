"""Write ``<reference>/`` with envelope.json, the PDFs and manifest.sha256 into a directory, atomically:
everything goes into a hidden temporary directory first, which is renamed when complete. A reply of the
applicant goes the same way into ``<reference>-reply-<n>/`` (its envelope says ``portal.reply/1``)."""

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from portal.backoffice.connectors.base import Package, PermanentFailure, TemporaryFailure


class FileDropConnector:
    name = "filedrop"

    def deliver(self, package: Package, options: dict[str, Any], secret: str) -> str:
        directory = Path(options.get("directory", ""))
        if not directory.is_absolute():
            raise PermanentFailure("filedrop: 'directory' must be an absolute path")
        final = directory / package.file_as
        if final.exists():
            return package.file_as  # delivered by an earlier attempt
        try:
            directory.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{package.file_as}-", dir=directory))
            files = [("envelope.json", package.envelope_bytes())]
            files += [(file.name, file.content) for file in package.files]
            manifest = "".join(f"{hashlib.sha256(content).hexdigest()}  {name}\n" for name, content in files)
            for name, content in [*files, ("manifest.sha256", manifest.encode())]:
                with open(staging / name, "wb") as handle:
                    handle.write(content)
                    handle.flush()
                    os.fsync(handle.fileno())
            try:
                os.rename(staging, final)
            except OSError:
                shutil.rmtree(staging, ignore_errors=True)
                if final.exists():
                    return package.file_as
                raise
        except OSError as exc:
            raise TemporaryFailure(f"filedrop: {exc.__class__.__name__}: {exc.strerror}") from exc
        return package.file_as

    def check_config(self, options: dict[str, Any], secret: str) -> list[str]:
        directory = Path(options.get("directory", ""))
        if not options.get("directory") or not directory.is_absolute():
            return ["Set 'directory' to an absolute path."]
        if directory.exists() and not os.access(directory, os.W_OK):
            return [f"The portal cannot write to {directory}."]
        return []
