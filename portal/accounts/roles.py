"""The three roles. Each is a group with its permissions, created by migration accounts/0002_roles."""

from enum import StrEnum


class Role(StrEnum):
    CITIZEN = "citizen"
    CASEWORKER = "caseworker"
    ADMINISTRATOR = "administrator"


STAFF_ROLES = frozenset({Role.CASEWORKER, Role.ADMINISTRATOR})
