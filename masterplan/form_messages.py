"""Messages of form fields and validators are %-templates.

Django formats a validation message with `message % params` whenever the error carries params:
every validator's message (min_value, max_value, max_digits, max_length…), `invalid_choice` of
choice fields, and `invalid` of decimal fields (the project's NumberField always). In such a
message a literal percent sign is written `%%` (or, for a limit, `%(limit_value)s%%`), and text
that is not ours — a KPI name, a region's own label — goes through `escape_percent` before it is
put in: "Kemajuan paling besar 100%." would otherwise fail with "incomplete format".
"""


def escape_percent(text):
    """`text` safe inside a message that is %-formatted later: each `%` doubled."""
    return str(text).replace("%", "%%")
