"""
A fresh clone has no ../shared beside it, so no product file may name it: only
tests and developer tools (.ci/, bench/, tools/, docs/, Markdown) may read the seed packs.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAMES_SHARED = re.compile(r"shared[\"' /\\,)(]{1,6}(seeds|docs)")
NOT_PRODUCT = {"tests", "bench", "tools", "docs", ".ci", "node_modules", "var", ".venv", ".git"}
VENDORED = Path("static") / "vendor"


def product_files(root: Path):
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if not path.is_file() or relative.parts[0] in NOT_PRODUCT or path.suffix == ".md":
            continue
        if relative.is_relative_to(VENDORED) or path.suffix in (".pyc", ".png", ".pdf"):
            continue
        if any(part.endswith(".egg-info") for part in relative.parts):
            continue
        yield relative


def files_naming_shared(root: Path) -> list[str]:
    return sorted(
        str(relative)
        for relative in product_files(root)
        if NAMES_SHARED.search((root / relative).read_text(encoding="utf-8", errors="replace"))
    )


def test_no_product_file_names_the_shared_folder():
    assert files_naming_shared(ROOT) == []


def test_the_check_finds_a_product_file_that_names_the_shared_folder(tmp_path):
    (tmp_path / "meetings").mkdir()
    (tmp_path / "meetings" / "seeds.py").write_text(
        'SEEDS = BASE_DIR.parent / "shared" / "seeds"\n', encoding="utf-8"
    )
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "notes.yaml").write_text("source: ../shared/docs/domain.md\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "seed_documents.py").write_text('"../shared/seeds"\n')

    assert files_naming_shared(tmp_path) == ["demo/notes.yaml", "meetings/seeds.py"]
