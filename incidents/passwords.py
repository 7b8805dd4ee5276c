"""Password hashing (argon2id) and the password policy.

The policy follows NIST SP 800-63B: a minimum length, no composition rules, and a check against
a list of commonly used passwords (Django's list of 20,000, shipped in incidents/data with its
licence), including such a password merely padded with digits or symbols.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app

from incidents.i18n import gettext

MIN_LENGTH = 12
MAX_LENGTH = 256


def _hasher() -> PasswordHasher:
    params = current_app.config["PASSWORD_HASH"]
    return _hasher_for(params["time_cost"], params["memory_cost"], params["parallelism"])


@cache
def _hasher_for(time_cost: int, memory_cost: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Check a password against its hash, in constant time for a given hash."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than configured now."""
    return _hasher().check_needs_rehash(password_hash)


@cache
def _dummy_hash(time_cost: int, memory_cost: int, parallelism: int) -> str:
    return _hasher_for(time_cost, memory_cost, parallelism).hash("not a real password at all")


def burn_verification() -> None:
    """Spend the time a real verification would, so unknown accounts cannot be told apart."""
    params = current_app.config["PASSWORD_HASH"]
    verify_password(
        _dummy_hash(params["time_cost"], params["memory_cost"], params["parallelism"]), "x"
    )


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower-cased."""
    data = resources.files("incidents").joinpath("data/common-passwords.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").split())


_PADDING = re.compile(r"^[\W\d_]*(.*?)[\W\d_]*$", re.UNICODE)
_SEQUENCES = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm")


def _is_monotonous(password: str) -> bool:
    lowered = password.lower()
    if len(set(lowered)) <= 2:
        return True
    return any(lowered in seq * 3 or lowered in seq[::-1] * 3 for seq in _SEQUENCES)


def policy_problems(password: str, *, personal: tuple[str, ...] = ()) -> list[str]:
    """Everything wrong with a proposed password, as messages for the user (empty if fine)."""
    if len(password) < MIN_LENGTH:
        return [gettext("Use at least %(count)s characters.", count=MIN_LENGTH)]
    if len(password) > MAX_LENGTH:
        return [gettext("Use at most %(count)s characters.", count=MAX_LENGTH)]
    lowered = password.lower()
    common = common_passwords()
    core = _PADDING.match(lowered).group(1)
    if lowered in common or (core and core in common) or _is_monotonous(password):
        return [gettext("This password is too common; choose a less predictable one.")]
    for item in personal:
        item = (item or "").lower()
        parts = [item, *re.split(r"[@.\s_-]+", item)]
        if any(len(part) >= 4 and part in lowered for part in parts):
            return [gettext("The password must not contain your name or email address.")]
    return []
