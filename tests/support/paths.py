"""Where the repository, its corpus and the tests' own data are."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
TEST_DATA = REPO / "tests" / "data"
