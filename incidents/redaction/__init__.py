"""The redaction engine: the one path by which free text leaves the team in a redacted output.

`engine.Redactor` is built from an incident's recorded identifiers (the fields the specification
marks with `redact_as`) and finds them in free text in the forms people write them; `detectors`
finds identifiers nobody recorded (A-numbers, SSNs, USCIS receipt numbers, phones, emails, street
addresses, dates of birth, labelled passport numbers). Reviewers' decisions (manual redactions,
restored false positives) are applied on top. See docs/redaction.md for the rules."""
