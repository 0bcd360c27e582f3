"""django-formtools storage kept in the encrypted ``Draft``: a draft survives logging out, another
device and a server restart. The wizard stores a step only once it validates, and every response
writes the storage back, so each valid step is saved at once. Uploaded files wait, encrypted, in
:func:`upload_storage` until the application is sent."""

import copy
from typing import Any

from formtools.wizard.storage.base import BaseStorage

from portal.applications.models import Draft
from portal.applications.services import draft_wizard_save
from portal.crypto.locations import EncryptedLocation, encrypted_storage
from portal.crypto.storage import EncryptedFileSystemStorage

WIZARD_KEY = "wizard"


def upload_storage() -> EncryptedFileSystemStorage:
    """The wizard's ``file_storage``: uploads wait here (private, encrypted, never served) until the
    application is sent; key rotation re-encrypts them too."""
    return encrypted_storage(EncryptedLocation.UPLOADS_IN_PROGRESS)


class DraftStorage(BaseStorage):
    def __init__(self, prefix: str, request: Any = None, file_storage: Any = None) -> None:
        super().__init__(prefix, request, file_storage)
        self.draft: Draft = request.draft
        stored = self.draft.answers.get(WIZARD_KEY)
        if stored:
            self.data = copy.deepcopy(stored)  # the wizard mutates it; compare on save
        else:
            self.init_data()
        self.version = 0  # changes whenever answers change: the wizard's typed view is rebuilt then

    def set_step_data(self, step: str, cleaned_data: Any) -> None:
        super().set_step_data(step, cleaned_data)
        self.version += 1

    def set_step_files(self, step: str, files: Any) -> None:
        super().set_step_files(step, files)
        self.version += 1

    def reset(self) -> None:
        super().reset()
        self.version += 1

    def update_response(self, response: Any) -> None:
        super().update_response(response)
        draft_wizard_save(draft=self.draft, data=self.data)


def draft_uploads_discard(*, draft: Draft) -> int:
    """Delete the files uploaded into ``draft`` that wait for Send (as the wizard's reset does when the
    application is sent); for a draft the person deletes. Returns how many were there."""
    stored = draft.answers.get(WIZARD_KEY) or {}
    names = [
        step_file["tmp_name"]
        for step_files in (stored.get("step_files") or {}).values()
        for step_file in step_files.values()
        if step_file.get("tmp_name")
    ]
    storage = upload_storage()
    for name in names:
        storage.delete(name)
    return len(names)
