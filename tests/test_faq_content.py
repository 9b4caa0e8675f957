"""The FAQ content files: every contract id is answered well, and broken files are refused."""

from __future__ import annotations

import ast
import csv
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from content.errors import ContentError
from content.faq import CATEGORIES, FAQ_IDS, FaqEntry, html_problems, load_faq

REPO = Path(__file__).resolve().parents[1]
FAQ_DIR = REPO / "content" / "faq"
SHARED = REPO.parent / "shared"

# Ids where the answer touches health: each must send the parent to a professional.
HEALTH_IDS = {
    "start-age",
    "premature",
    "colic-wind",
    "sleep",
    "constipation",
    "illness",
    "vaccinations",
    "skin-conditions",
    "teething",
    "parent-wellbeing",
    "crying",
    "oil",
    "benefits-body",
}
PROFESSIONAL = re.compile(r"doctor|midwife|health visitor|\bGP\b|neonatal team", re.IGNORECASE)
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")


@pytest.fixture(scope="module")
def faq() -> dict[str, FaqEntry]:
    return load_faq(FAQ_DIR)


@pytest.fixture()
def faq_copy(tmp_path: Path) -> Path:
    """A private copy of the real FAQ folder, for breaking one file at a time."""
    folder = tmp_path / "faq"
    shutil.copytree(FAQ_DIR, folder)
    return folder


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_faq(folder)
    return caught.value.problems


def edit(folder: Path, faq_id: str, old: str, new: str) -> Path:
    path = folder / f"{faq_id}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# --- the real content ---------------------------------------------------------------------------


def test_every_contract_id_has_a_valid_entry(faq: dict[str, FaqEntry]) -> None:
    assert tuple(faq) == FAQ_IDS
    for faq_id, entry in faq.items():
        assert entry.id == faq_id
        assert entry.category in CATEGORIES
        assert entry.title and len(entry.title) <= 40
        assert entry.sources
        assert isinstance(entry.examples, tuple)


def test_contract_ids_match_the_shared_topic_list() -> None:
    topics = SHARED / "faq-topics.md"
    if not topics.exists():
        pytest.skip("faq-topics.md is not next to the repo")
    # The topic tables come before "Safety routing"; urgent and crisis are the safety net's.
    text = topics.read_text(encoding="utf-8").split("## Safety routing")[0]
    ids = re.findall(r"^\| `([a-z-]+)` \|", text, re.MULTILINE)
    assert tuple(ids) == FAQ_IDS


def test_every_menu_category_has_entries(faq: dict[str, FaqEntry]) -> None:
    used = {entry.category for entry in faq.values()}
    assert used == set(CATEGORIES)
    assert faq["illness"].category == "safety"


def test_answers_fit_a_phone_screen_and_keep_the_voice(faq: dict[str, FaqEntry]) -> None:
    for entry in faq.values():
        assert len(entry.answer) < 900, entry.id
        assert "the infant" not in entry.answer.lower(), entry.id
        assert len(EMOJI.findall(entry.answer)) <= 1, entry.id
        assert not html_problems(entry.answer), entry.id
        # The point first: every answer opens with its bold headline.
        assert entry.answer.startswith("<b>"), entry.id


def test_health_answers_send_parents_to_a_professional(faq: dict[str, FaqEntry]) -> None:
    for faq_id in HEALTH_IDS:
        assert PROFESSIONAL.search(faq[faq_id].answer), faq_id


def test_answers_never_promise_a_cure(faq: dict[str, FaqEntry]) -> None:
    promise = re.compile(r"\b(cures?|guarantee[sd]?|will definitely|proven to)\b", re.IGNORECASE)
    for entry in faq.values():
        # "not a cure" is the honest line; a bare promise is not.
        for hit in promise.finditer(entry.answer):
            before = entry.answer[max(0, hit.start() - 12) : hit.start()].lower()
            assert "not" in before or "no " in before, (entry.id, hit.group(0))


def test_there_are_many_varied_examples_per_entry(faq: dict[str, FaqEntry]) -> None:
    for entry in faq.values():
        assert len(entry.examples) >= 25, entry.id
        lowered = [e.lower() for e in entry.examples]
        assert len(set(lowered)) == len(lowered), f"duplicate example in {entry.id}"


def test_examples_do_not_copy_the_dev_set(faq: dict[str, FaqEntry]) -> None:
    dev = SHARED / "faq-dev.tsv"
    if not dev.exists():
        pytest.skip("faq-dev.tsv is not next to the repo")
    with dev.open(encoding="utf-8") as handle:
        dev_questions = {
            row["question"].strip().lower() for row in csv.DictReader(handle, delimiter="\t")
        }
    for entry in faq.values():
        copied = dev_questions & {e.lower() for e in entry.examples}
        assert not copied, (entry.id, copied)


def test_examples_do_not_copy_the_held_out_sets() -> None:
    # The held-out sets (English and every other language) measure how the matcher does on
    # questions it has never seen: no language's examples may contain one of them.
    held_out: set[str] = set()
    data = REPO / "tests" / "data"
    for path in sorted([*data.glob("faq-heldout*.tsv"), *data.glob("faq-*-eval*.tsv")]):
        with path.open(encoding="utf-8") as handle:
            held_out |= {
                row["question"].strip().lower() for row in csv.DictReader(handle, delimiter="\t")
            }
    assert held_out
    packs = [FAQ_DIR, *(p for p in FAQ_DIR.iterdir() if p.is_dir() and len(p.name) == 2)]
    assert len(packs) > 1  # English and at least one other language
    for folder in packs:
        for entry in load_faq(folder).values():
            copied = held_out & {e.lower() for e in entry.examples}
            assert not copied, (folder.name, entry.id, copied)


def test_held_out_sets_use_contract_ids_only() -> None:
    for path in sorted((REPO / "tests" / "data").glob("faq-heldout*.tsv")):
        with path.open(encoding="utf-8") as handle:
            ids = {row["id"].strip() for row in csv.DictReader(handle, delimiter="\t")}
        assert ids <= set(FAQ_IDS) | {"none", "urgent", "crisis"}, (path.name, ids - set(FAQ_IDS))


def test_content_package_imports_neither_telegram_nor_tinydb() -> None:
    for path in [*(REPO / "content").glob("*.py"), *(REPO / "domain").glob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in {"telegram", "tinydb"}, (path.name, name)


# --- the validator ------------------------------------------------------------------------------


def test_a_valid_copy_loads(faq_copy: Path) -> None:
    assert set(load_faq(faq_copy)) == set(FAQ_IDS)


def test_bad_toml_is_reported_with_its_path(faq_copy: Path) -> None:
    path = edit(faq_copy, "oil", 'title = "', "title = ")
    problems = problems_of(faq_copy)
    assert any(p.startswith(str(path)) and "not valid TOML" in p for p in problems)


def test_missing_and_extra_fields_are_named(faq_copy: Path) -> None:
    path = faq_copy / "sleep.toml"
    data = path.read_text(encoding="utf-8")
    data = re.sub(r"^sources = .*\n", "", data, flags=re.MULTILINE)
    path.write_text(data + '\nemoji = "zzz"\n', encoding="utf-8")
    problems = problems_of(faq_copy)
    assert f"{path}: missing field 'sources'" in problems
    assert f"{path}: unknown field 'emoji'" in problems


def test_wrong_types_are_reported(faq_copy: Path) -> None:
    path = edit(faq_copy, "teething", 'title = "Teething"', "title = 3")
    problems = problems_of(faq_copy)
    assert any(p.startswith(str(path)) and "'title' must be a str" in p for p in problems)


def test_examples_that_are_not_strings_are_reported(faq_copy: Path) -> None:
    path = edit(faq_copy, "teething", "examples = [", "examples = [\n  42,")
    problems = problems_of(faq_copy)
    assert any(p.startswith(str(path)) and "must all be strings" in p for p in problems)


def test_id_must_match_the_file_name(faq_copy: Path) -> None:
    path = edit(faq_copy, "frequency", 'id = "frequency"', 'id = "time-of-day"')
    problems = problems_of(faq_copy)
    assert any(p.startswith(str(path)) and "does not match the file name" in p for p in problems)


def test_unknown_id_is_reported(faq_copy: Path) -> None:
    extra = faq_copy / "weather.toml"
    text = (
        (faq_copy / "oil.toml").read_text(encoding="utf-8").replace('id = "oil"', 'id = "weather"')
    )
    extra.write_text(text, encoding="utf-8")
    problems = problems_of(faq_copy)
    assert any(p.startswith(str(extra)) and "unknown id 'weather'" in p for p in problems)


def test_missing_id_is_named(faq_copy: Path) -> None:
    (faq_copy / "missed-class.toml").unlink()
    problems = problems_of(faq_copy)
    assert any("missed-class" in p and "missing file" in p for p in problems)


def test_unknown_category_is_reported(faq_copy: Path) -> None:
    path = edit(faq_copy, "oil", 'category = "practice"', 'category = "shopping"')
    problems = problems_of(faq_copy)
    assert any(p.startswith(str(path)) and "unknown category 'shopping'" in p for p in problems)


def test_too_few_examples_are_reported(faq_copy: Path) -> None:
    path = faq_copy / "crying.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    start = text.index("examples = [")
    few = ", ".join(f'"{q}"' for q in data["examples"][:5])
    path.write_text(text[:start] + f"examples = [{few}]\n", encoding="utf-8")
    problems = problems_of(faq_copy)
    assert any(p.startswith(str(path)) and "at least 10" in p for p in problems)


def test_answer_over_the_limit_is_reported(faq_copy: Path) -> None:
    path = edit(faq_copy, "frequency", "answer = '''\n", "answer = '''\n" + "so tired " * 400)
    problems = problems_of(faq_copy)
    assert any(p.startswith(str(path)) and "over 3500" in p for p in problems)


@pytest.mark.parametrize(
    ("broken", "complaint"),
    [
        ("<b>unclosed bold", "never closed"),
        ("<b><i>crossed</b></i>", "still open"),
        ("stray </i> end", "closes nothing"),
        ("<u>underline</u>", "not allowed"),
        ("<script>alert(1)</script>", "not allowed"),
        ("line<br/>break", "self-closing"),
        ('<a onclick="x()">link</a>', "not allowed on <a>"),
        ("<a>no target</a>", "needs an href"),
        ('<b class="big">bold</b>', "not allowed on <b>"),
    ],
)
def test_bad_html_in_an_answer_is_reported(faq_copy: Path, broken: str, complaint: str) -> None:
    path = edit(faq_copy, "sleep", "answer = '''\n", "answer = '''\n" + broken + " ")
    problems = problems_of(faq_copy)
    assert any(p.startswith(str(path)) and complaint in p for p in problems), problems


def test_allowed_html_passes() -> None:
    assert (
        html_problems('<b>Bold</b>, <i>italic</i> and <a href="https://iaim.net">a link</a>') == []
    )


def test_every_problem_in_every_file_is_reported_at_once(faq_copy: Path) -> None:
    oil = edit(faq_copy, "oil", 'category = "practice"', 'category = "shopping"')
    sleep = edit(faq_copy, "sleep", "answer = '''\n", "answer = '''\n<b>oops ")
    (faq_copy / "teething.toml").unlink()
    problems = problems_of(faq_copy)
    assert any(p.startswith(str(oil)) for p in problems)
    assert any(p.startswith(str(sleep)) for p in problems)
    assert any("teething" in p and "missing file" in p for p in problems)
    assert len(problems) >= 3


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError):
        load_faq(tmp_path / "nowhere")
