"""What every refusal of a file must look like: one line per problem, `FILE:LINE: field: message` (or
`FILE: field: message` where a printed document's line is not known)."""

from __future__ import annotations

import re


def assert_names_file_line_and_field(message: str, source: str) -> None:
    lines = message.splitlines()
    assert lines, "an empty refusal"
    for line in lines:
        assert re.match(rf"^{re.escape(source)}(:\d+)?: \S.*?: \S", line), line
