"""Random edits to a valid data directory: `cnht validate` either succeeds or exits 2 with one
line per problem, each naming a file — never a traceback, never another exit status."""

from __future__ import annotations

import csv
import io
import re
import tempfile
import unicodedata
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnht_analysis import cli, paths

CSV_FILES = ("indicators.csv", "observations.csv", "sources.csv", "regions.csv")
YAML_FILES = ("targets.yaml", "overrides.yaml")
BASE = {name: (paths.PROJECT_ROOT / "data" / name).read_bytes() for name in CSV_FILES}
BASE["targets.yaml"] = (paths.PROJECT_ROOT / "data" / "targets.yaml").read_bytes()
BASE["overrides.yaml"] = (
    "- target: plan_2022_enterprises\n"
    "  as_of: 2023\n"
    "  status: achieved\n"
    '  reason: "Sở Công Thương xác nhận"\n'
).encode()

# A problem line: "cnht: FILE[:ROW[ (line N)]]: …"
PROBLEM_LINE = re.compile(
    r"^cnht: (indicators\.csv|observations\.csv|sources\.csv|regions\.csv|targets\.yaml"
    r"|overrides\.yaml)(:\d+( \(line \d+\))?)?: \S"
)

TRICKY = [
    "",
    " ",
    "16,5",
    "1.020",
    "1,020",
    "1 020",
    "-5",
    "−5",
    "1e999",
    "nan",
    "inf",
    "TRUE",
    "false",
    "khoảng 920",
    "hơn 900",
    "2022.5",
    "20222",
    "99999999999999999999999",
    "'",
    '"',
    ",",
    ";",
    "\n",
    "\r",
    "\t",
    ": ",
    "- ",
    "#",
    "&a",
    "*a",
    "[",
    "{",
    "\ufeff",
    "\u2028",
    "\x00",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    "$x^2$",
    "Hà Nội",
    "Ha\u0300 No\u0323i",
    "growth_above",
    "at_least",
    "percent",
    "share(a, a)",
    "index(index)",
]
JUNK = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=12),
    st.integers(-(10**20), 10**20).map(str),
    st.floats().map(repr),
)
YAML_VALUES = [
    "[1, 2]",
    "{a: 1}",
    "null",
    "",
    "true",
    "'x'",
    "-1e999",
    ".nan",
    ".inf",
    "!!binary aGk=",
    "*nope",
    "&a 5",
    "2022-01-01",
    "[]",
    "{}",
    "[2025, 2020]",
    "[2020]",
    "[a, b]",
    "- 1",
    "|",
    "!!int abc",
    "!!float x",
    "~",
    "0x1F",
    "1_000",
    "0o17",
    "!!python/name:os.system",
    "!custom x",
    "? k",
    '"unclosed',
    "a: b: c",
    "[[[[[[[[1]]]]]]]]",
    "2e3",
    "16,5",
    "1.020",
]


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _pick_line(draw, files: dict[str, bytes], names: tuple[str, ...]) -> tuple[str, list[str], int]:
    name = draw(st.sampled_from([n for n in names if n in files]))
    lines = _text(files[name]).split("\n")
    return name, lines, draw(st.integers(0, max(len(lines) - 1, 0)))


def edit_csv_cell(draw, files: dict[str, bytes]) -> None:
    name = draw(st.sampled_from([n for n in CSV_FILES if n in files]))
    rows = list(csv.reader(io.StringIO(_text(files[name]), newline="")))
    if not rows:
        return
    r = draw(st.integers(0, len(rows) - 1))
    if not rows[r]:
        return
    c = draw(st.integers(0, len(rows[r]) - 1))
    rows[r][c] = draw(JUNK)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    files[name] = out.getvalue().encode("utf-8", errors="surrogatepass")


def delete_csv_column(draw, files: dict[str, bytes]) -> None:
    name = draw(st.sampled_from([n for n in CSV_FILES if n in files]))
    rows = list(csv.reader(io.StringIO(_text(files[name]), newline="")))
    if not rows or not rows[0]:
        return
    c = draw(st.integers(0, len(rows[0]) - 1))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([row[:c] + row[c + 1 :] for row in rows])
    files[name] = out.getvalue().encode()


def duplicate_line(draw, files: dict[str, bytes]) -> None:
    name, lines, i = _pick_line(draw, files, tuple(files))
    lines.insert(i, lines[i] if lines else "")
    files[name] = "\n".join(lines).encode()


def delete_line(draw, files: dict[str, bytes]) -> None:
    name, lines, i = _pick_line(draw, files, tuple(files))
    if lines:
        del lines[i]
    files[name] = "\n".join(lines).encode()


def truncate_file(draw, files: dict[str, bytes]) -> None:
    name = draw(st.sampled_from(sorted(files)))
    files[name] = files[name][: draw(st.integers(0, len(files[name])))]


def insert_bytes(draw, files: dict[str, bytes]) -> None:
    name = draw(st.sampled_from(sorted(files)))
    at = draw(st.integers(0, len(files[name])))
    files[name] = files[name][:at] + draw(st.binary(min_size=1, max_size=8)) + files[name][at:]


def replace_text(draw, files: dict[str, bytes]) -> None:
    name = draw(st.sampled_from(sorted(files)))
    text = _text(files[name])
    at = draw(st.integers(0, len(text)))
    cut = draw(st.integers(0, 20))
    junk = draw(JUNK)
    files[name] = (text[:at] + junk + text[at + cut :]).encode("utf-8", errors="surrogatepass")


def break_yaml_indent(draw, files: dict[str, bytes]) -> None:
    name, lines, i = _pick_line(draw, files, YAML_FILES)
    indent = draw(st.sampled_from(["", " ", "   ", "\t", "      ", "  - "]))
    lines[i] = indent + lines[i].lstrip()
    files[name] = "\n".join(lines).encode()


def swap_yaml_type(draw, files: dict[str, bytes]) -> None:
    name, lines, i = _pick_line(draw, files, YAML_FILES)
    keyed = [j for j, line in enumerate(lines) if re.match(r"^\s*(- )?[a-z_]+:", line)]
    if not keyed:
        return
    j = draw(st.sampled_from(keyed))
    key = lines[j].split(":", 1)[0]
    lines[j] = f"{key}: {draw(st.sampled_from(YAML_VALUES))}"
    files[name] = "\n".join(lines).encode()


def delete_file(draw, files: dict[str, bytes]) -> None:
    files.pop(draw(st.sampled_from(sorted(files))))


def re_encode(draw, files: dict[str, bytes]) -> None:
    name = draw(st.sampled_from(sorted(files)))
    encoding = draw(st.sampled_from(["cp1252", "cp1258", "utf-16", "latin-1", "utf-8-sig"]))
    files[name] = _text(files[name]).encode(encoding, errors="replace")


def excel_style(draw, files: dict[str, bytes]) -> None:
    """Changes a valid file must survive: BOM, CRLF, blank rows, NFD, spaces."""
    name = draw(st.sampled_from([n for n in CSV_FILES if n in files]))
    text = _text(files[name]).lstrip("\ufeff").replace("\r\n", "\n")
    change = draw(st.sampled_from(["crlf", "blank_rows", "nfd", "spaces", "true"]))
    if change == "blank_rows":
        text += "\n" + "," * text.split("\n")[0].count(",") + "\n\n"
    elif change == "nfd":
        text = unicodedata.normalize("NFD", text)
    elif change == "spaces":
        rows = list(csv.reader(io.StringIO(text, newline="")))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([[f" {c} " for c in r] for r in rows])
        text = out.getvalue()
    elif change == "true":
        text = text.replace(",true,", ",TRUE,").replace(",false,", ",FALSE,")
    files[name] = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()


EDITS = [
    edit_csv_cell,
    delete_csv_column,
    duplicate_line,
    delete_line,
    truncate_file,
    insert_bytes,
    replace_text,
    break_yaml_indent,
    swap_yaml_type,
    delete_file,
    re_encode,
    excel_style,
]


def run_validate(files: dict[str, bytes]) -> tuple[int, str, str]:
    """`cnht validate` on a directory holding `files`, in-process."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        root.mkdir()
        for name, data in files.items():
            (root / name).write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = cli.main(["validate", "--data", str(root)])
    return code, out.getvalue(), err.getvalue()


def check_outcome(code: int, out: str, err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err, err
    assert code in (0, 2), (code, err)
    if code == 0:
        assert out.startswith("OK") and err == ""
    else:
        lines = err.splitlines()
        assert lines
        bad = [line for line in lines if not PROBLEM_LINE.match(line)]
        assert not bad, "\n".join(bad)


def test_the_unedited_base_is_valid() -> None:
    code, out, err = run_validate(dict(BASE))
    assert (code, err) == (0, ""), err


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_random_edits_never_crash_validate(data: st.DataObject) -> None:
    files = dict(BASE)
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        edit = data.draw(st.sampled_from(EDITS), label="edit")
        edit(data.draw, files)
    check_outcome(*run_validate(files))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_excel_style_changes_keep_a_valid_directory_valid(data: st.DataObject) -> None:
    files = dict(BASE)
    for _ in range(data.draw(st.integers(1, 4))):
        excel_style(data.draw, files)
    code, _, err = run_validate(files)
    assert code == 0, err
