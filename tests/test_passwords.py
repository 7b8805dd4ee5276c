"""Password policy and hashing, through the pages a user sees."""

from __future__ import annotations

import pytest

from incidents.models import User
from incidents.passwords import policy_problems
from tests.conftest import fresh, post_form


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-pw", "at least 12 characters"),
        ("password1234", "too common"),
        ("Password123!", "too common"),
        ("123456789012", "too common"),
        ("qwertyuiopas", "too common"),
        ("aaaaaaaaaaaaaa", "too common"),
        ("iloveyou2024!!", "too common"),
        ("maria.gonzalez-2024", "name or email"),
    ],
)
def test_weak_passwords_are_refused(password, message):
    problems = policy_problems(password, personal=("maria.gonzalez@example.org", "Maria Gonzalez"))
    assert problems and message in problems[0]


def test_a_long_unusual_passphrase_is_accepted():
    assert policy_problems("copper kettle winter 1987", personal=("a@example.org",)) == []


def test_change_password_shows_policy_errors_at_the_field(client, signed_in):
    _, password = signed_in("caseworker")
    response = post_form(
        client,
        "/auth/password",
        {"current_password": password, "new_password": "password2024", "confirm": "password2024"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="new_password-error"' in html and "too common" in html


def test_change_password_requires_the_current_password(client, signed_in):
    signed_in("caseworker")
    new = "copper kettle winter 1987"
    response = post_form(
        client,
        "/auth/password",
        {"current_password": "not my password", "new_password": new, "confirm": new},
    )
    assert "The current password is not correct." in response.get_data(as_text=True)


def test_change_password_confirmation_must_match(client, signed_in):
    _, password = signed_in("caseworker")
    response = post_form(
        client,
        "/auth/password",
        {
            "current_password": password,
            "new_password": "copper kettle winter 1987",
            "confirm": "copper kettle winter 1988",
        },
    )
    assert "The two new passwords do not match." in response.get_data(as_text=True)


def test_passwords_are_stored_as_argon2id_hashes(client, signed_in, session):
    user, password = signed_in("caseworker")
    new = "copper kettle winter 1987"
    post_form(
        client,
        "/auth/password",
        {"current_password": password, "new_password": new, "confirm": new},
    )
    stored = fresh(session).get(User, user.id).password_hash
    assert stored.startswith("$argon2id$") and new not in stored
