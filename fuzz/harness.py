"""Run a fuzz target under atheris (coverage-guided) when it is installed, else under hypothesis.

A target is a function of bytes that returns normally for every input, good or bad: the
errors manysides documents (InputError and its kin) are caught inside the target, so any
other exception or a failed invariant is a finding.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

Target = Callable[[bytes], None]

NASTY = Path(__file__).resolve().parents[1] / "tests" / "data" / "nasty"
DEFAULT_RUNS = 2_000


def instrumented() -> contextlib.AbstractContextManager[object]:
    """Wrap the imports of the code under test so atheris can see its coverage."""
    try:
        import atheris
    except ImportError:
        return contextlib.nullcontext()
    manager: contextlib.AbstractContextManager[object] = atheris.instrument_imports(include=["manysides"])
    return manager


def seeds(folder: Path = NASTY) -> Iterator[bytes]:
    """The nasty-input corpus, the starting points of every target."""
    for path in sorted(folder.iterdir()):
        if path.is_file():
            yield path.read_bytes()


def run(target: Target, argv: Sequence[str] | None = None) -> None:
    """Fuzz `target` with libFuzzer's options (-runs=N, corpus folders); -hypothesis forces the fallback."""
    args = list(sys.argv if argv is None else argv)
    try:
        if "-hypothesis" in args:
            raise ImportError("the fallback was asked for")
        import atheris
    except ImportError:
        run_with_hypothesis(target, _runs(args))
        return
    if not any(Path(a).is_dir() for a in args[1:]):
        # libFuzzer writes new inputs to the first folder: a scratch one, the corpus only seeds it.
        args += [tempfile.mkdtemp(prefix="fuzz-corpus-"), str(NASTY)]
    if not any(a.startswith("-artifact_prefix=") for a in args):
        args.append(f"-artifact_prefix={tempfile.mkdtemp(prefix='fuzz-findings-')}/")
    atheris.Setup(args, target)
    atheris.Fuzz()


def run_with_hypothesis(target: Target, runs: int = DEFAULT_RUNS) -> None:
    """The fallback: the corpus first, then `runs` random and mutated byte strings."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    for seed in seeds():
        target(seed)

    corpus = list(seeds())
    mutated = st.builds(_splice, st.sampled_from(corpus), st.binary(max_size=64), st.integers(0, 1 << 16))

    @settings(max_examples=runs, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(st.binary(max_size=4096), mutated))
    def fuzz(data: bytes) -> None:
        target(data)

    fuzz()


def _splice(seed: bytes, insert: bytes, at: int) -> bytes:
    cut = at % (len(seed) + 1)
    return seed[:cut] + insert + seed[cut + len(insert) :]


def _runs(args: Sequence[str]) -> int:
    for arg in args:
        if arg.startswith("-runs="):
            return int(arg.removeprefix("-runs="))
    return DEFAULT_RUNS
