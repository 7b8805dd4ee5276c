"""The redaction engine on its own: every kind of identifier in the forms people write it, the
words that must survive, and the reviewers' decisions."""

from __future__ import annotations

from datetime import date

import pytest

from incidents.redaction.engine import (
    Identified,
    Redactor,
    Restoration,
    find_digest,
    person_labels,
)


def client_person() -> Identified:
    person = Identified("Client")
    person.add("name", "José Núñez-García")
    person.add("name", "Pepe; Chepe Garcia")
    person.add("a_number", "A208228640")
    person.add("phone", "(312) 555-4896")
    person.add("email", "T.Nguyen@example.com")
    person.add("address", "2815 S Millard Ave Apt 3")
    person.add("birth_date", date(1988, 3, 12))
    person.add("zip", "60623")
    return person


def redactor(**options) -> Redactor:
    witness = Identified("Witness 1")
    witness.add("name", "Will Brown")
    keep = ("Chicago Police Department", "Chicago", "Mobile Fortify (ICE/CBP app)", "Illinois")
    return Redactor([client_person(), witness], keep=keep, **options)


def redact(text: str, **options) -> str:
    return redactor(**options).redact("narrative", text)


@pytest.mark.parametrize(
    "written",
    [
        "José Núñez-García",
        "Jose Nunez Garcia",
        "JOSE NUNEZ",
        "jose nunez-garcia",
        "Nuñez",
        "NÚÑEZ GARCÍA, José",
        "JoseNunez",
        "Nunez-Garcia",
        "García",
        "Pepe",
        "Chepe",
        "José",
    ],
)
def test_a_recorded_name_is_replaced_however_it_is_written(written):
    result = redact(f"Agents stopped {written} outside the store.")
    assert result == "Agents stopped [Client] outside the store."


def test_a_common_word_part_is_kept_alone_but_not_after_a_title_or_with_the_rest():
    result = redact("He will go. Will Brown saw a brown car; Mr. Brown agreed.")
    assert result == "He will go. [Witness 1] saw a brown car; Mr. [Witness 1] agreed."


@pytest.mark.parametrize(
    "written",
    [
        "A208228640",
        "A# 208-228-640",
        "A-208 228 640",
        "a 208.228.640",
        "208228640",
        "208-228-640",
        "alien number 208228640",
        "A 208 - 228 - 640",
        "208,228,640",
        "A208-\n228-640",
        "A_208_228_640",
        "A 208 - 228 -  640",
        "A208 -\n   228 - 640",
        "208 -- 228 -- 640",
        "A208\u200b228640",
    ],
)
def test_a_recorded_a_number_is_replaced_in_any_spelling(written):
    assert redact(f"Her number {written}, checked.") == "Her number [A-number], checked."


@pytest.mark.parametrize("written", ["A12345678", "A-012-345-678", "12345678", "012 345 678"])
def test_an_eight_digit_a_number_with_or_without_its_leading_zero(written):
    person = Identified("Client")
    person.add("a_number", "A012345678")
    assert Redactor([person]).redact("narrative", f"No. {written}.") == "No. [A-number]."


@pytest.mark.parametrize(
    "written",
    [
        "(312) 555-4896",
        "312.555.4896",
        "312-555-4896",
        "3125554896",
        "+1 312 555 4896",
        "1-312-555-4896",
        "001 312 555 4896",
        "(312) 555 - 4896",
        "312_555_4896",
        "(312)  555  -  4896",
        "312 \u2022 555 \u2022 4896",
        "312\u00b7555\u00b74896",
    ],
)
def test_a_recorded_phone_is_replaced_by_its_digits(written):
    assert redact(f"Call {written} today.") == "Call [phone] today."


def test_emails_whole_in_any_case_and_the_recorded_local_part_alone():
    assert redact("Wrote to T.NGUYEN@Example.COM and t.nguyen.") == "Wrote to [email] and [email]."
    assert redact("Also T..nguyen@example.com.") == "Also [email]."
    assert redact("Or t . nguyen @example.com now") == "Or [email] now"
    assert redact("Or t.nguyen at example dot com now") == "Or [email] now"


@pytest.mark.parametrize(
    "written",
    [
        "2815 S Millard Ave",
        "2815 South Millard Avenue, Apt 3",
        "2815 s. millard ave. apt 3",
        "2815 Millard",
        "Apt 3, 2815 S Millard Ave",
    ],
)
def test_a_recorded_street_address_is_replaced_with_its_unit(written):
    result = redact(f"She lives at {written} in Chicago.")
    assert result == "She lives at [street address] in Chicago."


@pytest.mark.parametrize(
    "written",
    [
        "1988-03-12",
        "03/12/1988",
        "3/12/88",
        "12/03/1988",
        "March 12, 1988",
        "Mar. 12th 1988",
        "12 March 1988",
        "12 de marzo de 1988",
        "19880312",
        "Mar-12-1988",
        "12 Mar 88",
        "12-Mar-1988",
        "1988 03 12",
        "12 03 1988",
        "88-03-12",
    ],
)
def test_a_recorded_date_of_birth_is_replaced_in_common_formats(written):
    assert redact(f"Her birthday is {written}.") == "Her birthday is [date of birth]."


def test_the_recorded_zip_code():
    assert redact("Chicago, IL 60623-1234.") == "Chicago, IL [ZIP code]."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Card A# 987-654-321 seized", "Card [A-number] seized"),
        ("A12345678 on the form", "[A-number] on the form"),
        ("SSN 123-45-6789 noted", "[Social Security number] noted"),
        ("social security number: 123456789", "[Social Security number]"),
        (
            "receipt IOE0912345678 and EAC-2190012345",
            "receipt [USCIS receipt number] and [USCIS receipt number]",
        ),
        ("mail maria.lopez@example.org", "mail [email]"),
        ("call (773) 555-0199", "call [phone]"),
        ("at 7885 Z. Ave near the park", "at [street address] near the park"),
        ("born on April 2, 1990 in Oaxaca", "born on [date of birth] in Oaxaca"),
        ("DOB: 4/2/90", "DOB: [date of birth]"),
        ("passport no. G12345678 shown", "passport no. [passport number] shown"),
        ("SS# 123456789", "[Social Security number]"),
        ("SSN: 123 - 45 - 6789", "[Social Security number]"),
        ("Soc. Sec. No. 123456789", "[Social Security number]"),
        ("ITIN 912-70-1234", "[Social Security number]"),
        ("Alien Reg. No. 111-222-333", "[A-number]"),
        ("222333444 (A number)", "[A-number] (A number)"),
        ("born\n1990-01-01", "born\n[date of birth]"),
        ("born 12-Mar-1990", "born [date of birth]"),
        ("b. 02/03/1985", "b. [date of birth]"),
        ("birthdate 19900101", "birthdate [date of birth]"),
        ("pasaporte N° G87654321", "pasaporte N° [passport number]"),
        ("passport (Guatemala) 123456789", "passport (Guatemala) [passport number]"),
        ("pass. no. 555666777", "pass. no. [passport number]"),
        ("at 123 Calle Ocho", "at [street address]"),
        ("at 1010 Avenida Reforma, Depto 5", "at [street address]"),
        ("the 9120 S Commercial Avenue Apt 12C door", "the [street address] door"),
        ("mail sob at example dot net", "mail [email]"),
        ("S.S. No. 123456789", "[Social Security number]"),
        ("SSN is 123456788", "[Social Security number]"),
        ("SS 123456780", "[Social Security number]"),
        ("A-File 111222333", "[A-number]"),
        ("A-number is 111222334", "[A-number]"),
        ("alien file no. 111222335", "[A-number]"),
        ("número de registro de extranjero 111222333", "[A-number]"),
        ("passport nr. G87654321", "passport nr. [passport number]"),
        ("passport, G87654322", "passport, [passport number]"),
        ("Guatemalan passport (no. G87654321)", "Guatemalan passport (no. [passport number])"),
        ("passport G 8765 4321 and then", "passport [passport number] and then"),
        ("Ella nació el 12/03/1990", "Ella nació el [date of birth]"),
        ("birth: 12/03/1995", "birth: [date of birth]"),
        (
            "DOB, according to the Honduran consulate card, 12/03/1985",
            "DOB, according to the Honduran consulate card, [date of birth]",
        ),
    ],
)
def test_identifiers_nobody_recorded_are_found_by_pattern(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Chicago Police Department officers used Mobile Fortify at 09:30 on 2025-10-14.",
        "She was held 26 hours at the Broadview Processing Center, Illinois.",
        "Released on October 15, 2025 at 11:45 after 3 days.",
        "Case 2025-0012 was filed in Cook County Circuit Court.",
        "He will go home in May.",
        "Case No. 2025 CV 001234 was heard.",
        "The passport was stamped at 10:30 on 2025-10-14.",
        "The SS Minnow sailed for 2 days.",
    ],
)
def test_agencies_systems_places_dates_times_and_durations_survive(text):
    assert redact(text) == text


def test_overlapping_finds_leave_nothing_of_either():
    # the recorded name inside an email, the address number beside a phone
    result = redact("Pepe wrote pepe.nunez@example.org from 2815 S Millard Ave 312-555-4896")
    assert result == "[Client] wrote [email] from [street address] [phone]"


def test_a_manual_redaction_hides_words_everywhere_in_any_case_or_accent():
    result = redact("She works at Tienda Éxito; TIENDA EXITO fired her.", manual=("Tienda Exito",))
    assert result == "She works at [redacted]; [redacted] fired her."


def test_a_restoration_prints_one_find_as_written_and_only_that_one():
    text = "She met Garcia at Garcia Park; Garcia called."
    second = redactor().find(text)[1]  # "Garcia" of "Garcia Park", as the page showed it
    restored = Restoration("narrative", "name", "garcia", 2, find_digest(second, text))
    engine = redactor(restorations=(restored,))
    assert engine.redact("narrative", text) == "She met [Client] at Garcia Park; [Client] called."
    assert engine.redact("timeline.1.place", text).count("Garcia") == 0


def test_a_restored_guess_lapses_when_the_same_words_become_a_recorded_identifier():
    text = "Call 872-555-0123 for the clinic."
    (guess,) = Redactor([]).find(text)
    restored = Restoration("narrative", "phone", "872-555-0123", 1, find_digest(guess, text))
    assert Redactor([], restorations=(restored,)).redact("narrative", text) == text
    relative = Identified("Relative")
    relative.add("phone", "872-555-0123")
    engine = Redactor([relative], restorations=(restored,))
    assert engine.redact("narrative", text) == "Call [phone] for the clinic."


def test_a_restoration_lapses_when_the_text_changes():
    # restored "Paris" the city; then someone writes the client's first name before it
    client = Identified("Client")
    client.add("name", "Paris Delgado")
    text = "She had just flown in from Paris."
    (paris,) = Redactor([client]).find(text)
    restored = Restoration("narrative", "name", "paris", 1, find_digest(paris, text))
    engine = Redactor([client], restorations=(restored,))
    assert engine.redact("narrative", text) == text
    changed = "Paris told us she was scared. " + text
    assert engine.redact("narrative", changed) == (
        "[Client] told us she was scared. She had just flown in from [Client]."
    )


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        ("St. Mary's Clinic", "Seen at St. Mary's Clinic today", "Seen at [redacted] today"),
        ("St Marys Clinic", "Seen at ST. MARY\u2019S CLINIC today", "Seen at [redacted] today"),
        ("7ABC123", "Plate 7ABC123 noted", "Plate [redacted] noted"),
        ("Taller Mecánico 24", "works at taller mecanico 24.", "works at [redacted]."),
        ("G12345678", "card G12345678; the g-word", "card [redacted]; the g-word"),
        ("Unit 4B", "Lives in Unit 4B.", "Lives in [redacted]."),
        ("O\u2019Neil", "Mrs. O'Neil came", "Mrs. [redacted] came"),
    ],
)
def test_a_manual_redaction_matches_digits_and_punctuation(term, text, expected):
    assert Redactor([], manual=(term,)).redact("narrative", text) == expected


@pytest.mark.parametrize(
    "written", ["O'Brien", "O\u2019Brien", "OBrien", "O Brien", "OBRIEN", "Obrien"]
)
def test_a_name_with_an_apostrophe_in_any_spelling(written):
    person = Identified("Witness")
    person.add("name", "Siobhán O'Brien-Walsh")
    assert Redactor([person]).redact("narrative", f"Sra. {written} came.") == "Sra. [Witness] came."


def test_words_that_must_survive_protect_the_phrase_not_a_name_written_alone():
    witness = Identified("Witness")
    witness.add("name", "Kevin Hart")
    client = Identified("Client")
    client.add("name", "Virginia Lopez")
    engine = Redactor([witness, client], keep=("DHS IDENT / HART", "Virginia"))
    text = "DHS IDENT / HART matched. Hart saw it. Virginia cried."
    assert engine.redact("narrative", text) == (
        "DHS IDENT / HART matched. [Witness] saw it. [Client] cried."
    )


def test_counts_by_kind():
    engine = redactor()
    engine.redact("narrative", "Pepe, A208228640, 312-555-4896, 312-555-4896")
    assert engine.counts == {"name": 1, "a_number": 1, "phone": 2}


def test_labels_are_stable_by_role():
    labels = person_labels(["subject", "witness", "witness", "relative"])
    assert labels == ["Client", "Witness 1", "Witness 2", "Relative"]


@pytest.mark.parametrize(
    "written",
    [
        "Kevin Ha\u200brt",  # a zero-width space
        "Kevin Ha\u00adrt",  # a soft hyphen
        "K\u0435vin H\u0430rt",  # Cyrillic e and a
        "Hart",
    ],
)
def test_invisible_and_look_alike_characters_do_not_hide_a_name(written):
    witness = Identified("Witness")
    witness.add("name", "Kevin Hart")
    assert Redactor([witness]).redact("notes", f"{written} came.") == "[Witness] came."


def test_a_very_long_name_builds_a_bounded_engine():
    # a hundred one-letter parts must not make a pattern of millions of characters
    person = Identified("Client")
    person.add("name", " ".join("abcdefghij" * 10))
    person.add("name", ";".join(" ".join("bcdefghijk") for _ in range(16)))
    engine = Redactor([person])
    assert sum(len(rule.pattern.pattern) for rule in engine.rules) < 50_000
