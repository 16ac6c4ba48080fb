#!/usr/bin/env python3
"""Turns the kiosk's string table (kiosk-text.toml) into a C++ header of constexpr Bilingual constants.

Each [area.key] table holding en and fr becomes kiosk::text::area::key (and each area lists its
entries by key in kAll), so a key the code names but
the table lacks fails the build, and the text itself lives only in the table. A table that cannot be
read, or an entry that is not exactly {en, fr}, stops the build here rather than the kiosk later.
Usage: make-text-header.py TABLE.toml OUTPUT.hpp (OUTPUT is rewritten only when its text changes).
"""
import keyword
import pathlib
import re
import sys
import tomllib

CPP_KEYWORDS = {
    "alignas", "alignof", "and", "asm", "auto", "bool", "break", "case", "catch", "char", "class",
    "const", "constexpr", "continue", "default", "delete", "do", "double", "else", "enum", "explicit",
    "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int", "long",
    "mutable", "namespace", "new", "not", "operator", "or", "private", "protected", "public",
    "register", "return", "short", "signed", "sizeof", "static", "struct", "switch", "template",
    "this", "throw", "true", "try", "typedef", "typename", "union", "unsigned", "using", "virtual",
    "void", "volatile", "while", "xor",
}
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*\Z")


def fail(message):
    sys.exit(f"make-text-header.py: {message}")


def cpp_literal(text):
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            fail(f"control character U+{ord(ch):04X} in {text!r}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def emit(table, path, lines):
    """Writes the entries of `table` (at namespace path `path`), then its sub-areas."""
    entries, areas = [], []
    for name, value in table.items():
        where = ".".join(path + [name])
        if not isinstance(value, dict):
            fail(f"{where}: expected a table with en and fr")
        if not IDENTIFIER.match(name) or name in CPP_KEYWORDS or keyword.iskeyword(name):
            fail(f"{where}: a key must be a lower_case C++ name that is not a keyword")
        if "en" in value or "fr" in value:
            if set(value) != {"en", "fr"} or not all(isinstance(value[k], str) for k in ("en", "fr")):
                fail(f"{where}: an entry holds exactly two strings, en and fr")
            entries.append((name, value))
        else:
            areas.append((name, value))
    if not path:
        if entries:
            fail(f"{entries[0][0]}: every entry belongs to an area ([area.key])")
    else:
        lines.append(f"namespace kiosk::text::{'::'.join(path)} {{")
        for name, value in entries:
            lines.append(f"inline constexpr Bilingual {name}{{{cpp_literal(value['en'])},")
            lines.append(f"    {cpp_literal(value['fr'])}}};")
        if entries:
            # The area's entries by key, for text chosen by a code at run time (an issuer's name).
            lines.append(f"inline constexpr std::array<std::pair<std::string_view, Bilingual>, {len(entries)}> kAll{{{{")
            lines.extend(f'    {{"{name}", {name}}},' for name, _ in entries)
            lines.append("}};")
        lines.append(f"}}  // namespace kiosk::text::{'::'.join(path)}")
        lines.append("")
    for name, value in areas:
        emit(value, path + [name], lines)


def main():
    if len(sys.argv) != 3:
        fail("usage: make-text-header.py TABLE.toml OUTPUT.hpp")
    table_path, output = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    try:
        with table_path.open("rb") as table_file:
            table = tomllib.load(table_file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        fail(f"{table_path}: {error}")
    lines = [
        f"// Generated from {table_path.name} by make-text-header.py: edit the table, not this file.",
        "#pragma once",
        "",
        "#include <array>",
        "#include <string_view>",
        "#include <utility>",
        "",
        '#include "kiosk/core/language.hpp"',
        "",
    ]
    emit(table, [], lines)
    text = "\n".join(lines)
    if not output.exists() or output.read_text(encoding="utf-8") != text:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
