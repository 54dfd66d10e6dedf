"""The Python package against the `accord` binary: every command's Python
twin gives the same JSON (and the same text, HTML and SVG where the CLI
writes them), errors are located, long work releases the GIL and stops.

Run from anywhere after `pip install crates/accord-py`; the binary is
`$ACCORD_BIN`, else the repository's `target/debug/accord` (`cargo build`
makes it; `.ci/run` runs this after `cargo test`, which does).
"""

from __future__ import annotations

import doctest
import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

import accord

ROOT = Path(__file__).resolve().parents[3]
UKRAINE = "examples/ukraine-2025/scenario.toml"
DATA = ROOT / "crates/accord-cli/tests/data"
BIN = Path(os.environ.get("ACCORD_BIN", ROOT / "target/debug/accord"))


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths as the README writes them: relative to the repository."""
    monkeypatch.chdir(ROOT)


def cli(*args: str, columns: int = 100) -> subprocess.CompletedProcess[str]:
    assert BIN.exists(), f"no accord binary at {BIN}: run `cargo build` or set ACCORD_BIN"
    env = dict(os.environ, NO_COLOR="1", COLUMNS=str(columns))
    return subprocess.run(
        [str(BIN), "-q", *args], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )


def cli_json(*args: str) -> dict:
    out = cli(*args, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def steady(d: dict) -> dict:
    """`analyze` and `tournament` report how long they took: the only
    values that differ."""
    d.pop("seconds", None)
    d.pop("negotiations_per_second", None)
    stats = d.get("stats")
    if isinstance(stats, dict):
        stats.pop("seconds", None)
        stats.pop("peak_memory_bytes", None)
    analysis = d.get("analysis")
    if isinstance(analysis, dict):
        steady(analysis)
    return d


@pytest.fixture(scope="module")
def ukraine() -> accord.Session:
    os.chdir(ROOT)
    return accord.load(UKRAINE)


QUESTIONS = [
    # (Python call on the Ukraine session, the same question on the CLI)
    (lambda s: s.check(), ["check"]),
    (lambda s: s.analyze(), ["analyze"]),
    (lambda s: s.analyze(parties=["russia", "ukraine"], ratified=True), ["analyze", "--parties", "russia,ukraine", "--ratified"]),
    (lambda s: s.frontier(parties=["russia", "ukraine"]), ["frontier", "--parties", "russia,ukraine"]),
    (lambda s: s.evaluate(deal="us_28_point"), ["evaluate", "--deal", "us_28_point"]),
    (lambda s: s.evaluate(deal="geneva_19_point", change="guarantees=article5_like_15y"), ["evaluate", "--deal", "geneva_19_point", "--change", "guarantees=article5_like_15y"]),
    (lambda s: s.repair(deal="us_28_point", limit=2), ["repair", "--deal", "us_28_point", "--limit", "2"]),
    (lambda s: s.leverage(ratified=True), ["leverage", "--ratified"]),
    (lambda s: s.mediate(press="ukraine", maximize="russia", curve=True, limit=1), ["mediate", "--press", "ukraine", "--maximize", "russia", "--curve", "--limit", "1"]),
    (lambda s: s.robust(samples=1500, seed=3, ratified=True), ["robust", "--samples", "1500", "--seed", "3", "--ratified"]),
    (lambda s: s.robust(samples=800, ignore_observations=True), ["robust", "--samples", "800", "--ignore-observations"]),
    (lambda s: s.calibrate(samples=1000), ["calibrate", "--samples", "1000"]),
    (lambda s: s.simulate(protocol="alternating", strategies={"russia": "boulware"}, rounds=40, opponent_model=True), ["simulate", "--protocol", "alternating", "--strategy", "russia=boulware", "--rounds", "40", "--opponent-model"]),
    (lambda s: s.sweep(vary={"russia.reservation": (0.6, 0.8, 0.1)}, question="mediate", press="ukraine"), ["sweep", "--vary", "russia.reservation=0.6:0.8:0.1", "--command", "mediate", "--press", "ukraine"]),
    (lambda s: s.report(samples=500), ["report", "--samples", "500"]),
    (lambda s: s.forecast(model="compromise"), ["forecast", "--model", "compromise"]),
]


@pytest.mark.parametrize("ask,args", QUESTIONS, ids=[" ".join(q[1][:1]) + str(i) for i, q in enumerate(QUESTIONS)])
def test_every_command_gives_the_clis_json(ukraine: accord.Session, ask, args) -> None:
    report = ask(ukraine)
    want = cli_json(args[0], UKRAINE, *args[1:])
    assert steady(report.to_dict()) == steady(want)
    assert steady(json.loads(report.to_json())) == steady(want)


def test_questions_over_several_files() -> None:
    t = accord.tournament(UKRAINE, strategies=["boulware", "linear"], protocol="alternating", seeds=2, rounds=30)
    assert steady(t.to_dict()) == steady(cli_json(
        "tournament", UKRAINE, "--strategies", "boulware,linear", "--protocol", "alternating", "--seeds", "2", "--rounds", "30"
    ))
    assert t.csv() == cli("tournament", UKRAINE, "--strategies", "boulware,linear", "--protocol", "alternating", "--seeds", "2", "--rounds", "30", "--csv").stdout
    c = accord.compare([UKRAINE, UKRAINE])
    assert c.to_dict() == cli_json("compare", UKRAINE, UKRAINE)
    f = accord.forecast(UKRAINE, model="eum", set=["russia.reservation=0.5"])
    assert f.to_dict() == cli_json("--set", "russia.reservation=0.5", "forecast", UKRAINE, "--model", "eum")
    assert f.svg().startswith("<svg")
    val = DATA / "validation"
    v = accord.validate(str(val / "actors.csv"), str(val / "outcomes.csv"), all=True)
    assert v.to_dict() == cli_json(
        "forecast", "--validate", str(val / "actors.csv"), "--outcomes", str(val / "outcomes.csv"), "--all"
    )
    sweep = accord.sweep(UKRAINE, vary="ukraine.reservation=0.4:0.5:0.05")
    assert steady(sweep.to_dict()) == steady(cli_json("sweep", UKRAINE, "--vary", "ukraine.reservation=0.4:0.5:0.05"))


def test_text_html_svg_and_csv_are_the_clis(ukraine: accord.Session, tmp_path: Path) -> None:
    ev = ukraine.evaluate(deal="us_28_point")
    assert ev.text() == cli("evaluate", UKRAINE, "--deal", "us_28_point").stdout
    assert str(ev) == ev.text(100)
    assert ev.command == "evaluate"
    assert "<section" in ev._repr_html_()
    fr = ukraine.frontier(parties=["russia", "ukraine"])
    chart = tmp_path / "f.svg"
    assert cli("frontier", UKRAINE, "--parties", "russia,ukraine", "--svg", str(chart)).returncode == 0
    assert fr.svg() == chart.read_text()
    assert fr.csv() == cli("frontier", UKRAINE, "--parties", "russia,ukraine", "--csv").stdout
    brief = tmp_path / "b.html"
    assert cli("report", UKRAINE, "--samples", "300", "-o", str(brief)).returncode == 0
    assert ukraine.report(samples=300).html() == brief.read_text()
    with pytest.raises(accord.RequestError, match="no CSV"):
        ev.csv()
    with pytest.raises(accord.RequestError, match="no chart"):
        ev.svg()


def test_frames_when_pandas_is_installed(ukraine: accord.Session) -> None:
    pd = pytest.importorskip("pandas")
    df = ukraine.frontier(parties=["russia", "ukraine"]).to_frame()
    assert isinstance(df, pd.DataFrame)
    assert len(df) == len(ukraine.frontier(parties=["russia", "ukraine"]).to_dict()["pareto"]["points"])


def test_polars_frames_have_the_csv_columns(ukraine: accord.Session) -> None:
    pl = pytest.importorskip("polars")
    front = ukraine.frontier(parties=["russia", "ukraine"])
    df = front.to_frame(library="polars")
    assert isinstance(df, pl.DataFrame)
    assert df.columns == front.csv().splitlines()[0].split(",")
    assert df.height == len(front.to_dict()["pareto"]["points"])
    assert df["u_russia"].to_list() == [p["utilities"]["russia"] for p in front.to_dict()["pareto"]["points"]]
    sweep = ukraine.sweep(vary={"russia.reservation": (0.6, 0.8, 0.1)})
    assert sweep.to_frame(library="polars").height == len(sweep.to_frame())
    with pytest.raises(accord.RequestError, match="pandas or polars"):
        front.to_frame(library="arrow")


def test_a_bad_scenario_is_a_located_scenario_error() -> None:
    with pytest.raises(accord.ScenarioError) as e:
        accord.parse('[scenario]\nname = 1\n')
    err = e.value
    assert (err.file, err.line, err.column) == ("scenario.toml", 2, 8)
    assert "string" in err.message and err.hint
    assert err.problems and err.problems[0]["line"] == 2
    with pytest.raises(accord.ScenarioError) as e:
        accord.load(str(DATA / "bad" / "observation-unknown-deal.toml"))
    assert e.value.line is not None
    # Text reads no file: a deal file is refused, located.
    with pytest.raises(accord.ScenarioError, match="deal"):
        accord.parse(Path(UKRAINE).read_text())
    with pytest.raises(accord.RequestError, match="format"):
        accord.parse("", "xml")
    assert issubclass(accord.ScenarioError, accord.AccordError)


def test_a_bad_question_is_a_request_error(ukraine: accord.Session) -> None:
    with pytest.raises(accord.RequestError) as e:
        ukraine.mediate(press="nobody")
    assert "unknown party" in str(e.value) and e.value.hint
    with pytest.raises(accord.RequestError, match="unknown field"):
        ukraine.run({"command": "analyze", "bogus": 1})
    with pytest.raises(accord.RequestError):
        ukraine.robust(samples=0)
    with pytest.raises(accord.RequestError) as e:
        accord.load(UKRAINE, set=["nobody.reservation=0.5"])
    assert e.value.file == "--set" and e.value.column == 1


def test_the_text_of_a_session_stands_alone(ukraine: accord.Session) -> None:
    again = accord.parse(ukraine.text())
    assert again.calibrate(samples=500).to_dict()["intervals"] == ukraine.calibrate(samples=500).to_dict()["intervals"]
    assert again.robust(samples=400).to_json() == ukraine.robust(samples=400).to_json().replace(
        json.dumps(UKRAINE)[1:-1], "scenario.toml"
    ) or again.robust(samples=400).to_dict()["p_zopa"] == ukraine.robust(samples=400).to_dict()["p_zopa"]


def test_same_seed_same_bytes(ukraine: accord.Session) -> None:
    a = ukraine.robust(samples=3000, seed=11).to_json()
    b = ukraine.robust(samples=3000, seed=11).to_json()
    assert a == b
    assert a != ukraine.robust(samples=3000, seed=12).to_json()


def test_progress_is_reported_and_long_work_releases_the_gil(ukraine: accord.Session) -> None:
    seen: list[tuple[int, int]] = []
    ticks = 0
    stop = False

    def count() -> None:
        nonlocal ticks
        while not stop:
            ticks += 1
            time.sleep(0.001)

    t = threading.Thread(target=count)
    t.start()
    started = time.monotonic()
    ukraine.robust(samples=60_000, progress=lambda d, n: seen.append((d, n)))
    took = time.monotonic() - started
    stop = True
    t.join()
    if took > 0.3:
        assert seen, "no progress reported during a long run"
        assert all(0 <= d <= n for d, n in seen)
    # The other Python thread ran while accord worked.
    assert ticks > 0


def test_an_exception_in_the_progress_callback_stops_the_work(ukraine: accord.Session) -> None:
    class Enough(Exception):
        pass

    def stop(done: int, total: int) -> None:
        raise Enough

    started = time.monotonic()
    with pytest.raises(Enough):
        ukraine.robust(samples=1_000_000, progress=stop)
    assert time.monotonic() - started < 30


def test_ctrl_c_cancels_a_long_question(ukraine: accord.Session) -> None:
    import _thread

    timer = threading.Timer(0.5, _thread.interrupt_main)
    timer.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        ukraine.robust(samples=1_000_000)
    timer.cancel()
    assert time.monotonic() - started < 30


def test_the_docstring_examples_run() -> None:
    result = doctest.testmod(accord, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 5 and result.failed == 0


def test_shards_merge_to_the_one_runs_bytes(ukraine: accord.Session, tmp_path: Path) -> None:
    one = ukraine.robust(samples=3000, seed=5)
    assert ukraine.robust(samples=3000, seed=5, shards=4).to_json() == one.to_json()
    assert ukraine.robust(samples=3000, seed=5, shards=4).text() == one.text()
    vary = {"russia.reservation": (0.6, 0.8, 0.05)}
    sweep = ukraine.sweep(vary=vary, question="mediate", press="ukraine")
    assert ukraine.sweep(vary=vary, question="mediate", press="ukraine", shards=3).to_json() == sweep.to_json()
    # Overrides travel with the shards.
    pressed = accord.load(UKRAINE, set=["ukraine.reservation=0.5"])
    assert pressed.robust(samples=500, shards=2).to_json() == pressed.robust(samples=500).to_json()
    # The CLI's part files merge here, and the other way round.
    parts = []
    for k in (1, 2):
        p = tmp_path / f"p{k}.json"
        assert cli("robust", UKRAINE, "--samples", "800", "--shard", f"{k}/2", "-o", str(p)).returncode == 0
        parts.append(p.read_text())
    merged = accord.merge(parts[::-1])
    assert merged.to_dict() == cli_json("robust", UKRAINE, "--samples", "800")
    with pytest.raises(accord.RequestError, match="missing"):
        accord.merge(parts[1:])
    with pytest.raises(accord.RequestError, match="unknown engine"):
        ukraine.robust(samples=100, shards=2, engine="spark")
    t = dict(strategies=["boulware", "linear", "hardliner"], protocol="alternating", seeds=2, rounds=30)
    whole = accord.tournament(UKRAINE, **t)
    assert steady(accord.tournament(UKRAINE, shards=4, **t).to_dict()) == steady(whole.to_dict())
    assert accord.tournament(UKRAINE, shards=4, **t).csv() == whole.csv()


def test_ray_runs_the_shards_on_a_cluster(ukraine: accord.Session) -> None:
    """On the two-node local cluster `.ci/run` starts (ACCORD_RAY_ADDRESS),
    shards farmed out as Ray tasks merge to the one run's bytes."""
    address = os.environ.get("ACCORD_RAY_ADDRESS")
    if not address:
        pytest.skip("no Ray cluster: set ACCORD_RAY_ADDRESS (.ci/run starts one)")
    import ray

    one = ukraine.robust(samples=4000, seed=2)
    seen: list[tuple[int, int]] = []
    farmed = ukraine.robust(
        samples=4000, seed=2, shards=4, engine="ray", address=address, progress=lambda d, n: seen.append((d, n))
    )
    assert farmed.to_json() == one.to_json()
    assert seen and seen[-1] == (4, 4)
    assert len(ray.nodes()) >= 2, "the cluster should have two nodes"
    t = dict(strategies=["boulware", "linear"], protocol="alternating", seeds=2, rounds=30)
    farmed_t = accord.tournament([UKRAINE, UKRAINE], shards=3, engine="ray", address=address, **t)
    assert steady(farmed_t.to_dict()) == steady(accord.tournament([UKRAINE, UKRAINE], **t).to_dict())
    sweep = accord.sweep(
        UKRAINE, vary={"russia.reservation": (0.6, 0.8, 0.1)}, engine="ray", address=address
    )
    assert steady(sweep.to_dict()) == steady(cli_json("sweep", UKRAINE, "--vary", "russia.reservation=0.6:0.8:0.1"))


def test_dask_runs_the_shards_on_a_local_cluster(ukraine: accord.Session) -> None:
    """Two Dask worker processes on 127.0.0.1 (started and stopped here):
    shards farmed out as Dask futures merge to the one run's bytes."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        one = ukraine.robust(samples=3000, seed=4)
        seen: list[tuple[int, int]] = []
        farmed = ukraine.robust(
            samples=3000, seed=4, shards=3, engine="dask", address=address, progress=lambda d, n: seen.append((d, n))
        )
        assert farmed.to_json() == one.to_json()
        assert seen and seen[-1] == (3, 3)
        t = dict(strategies=["boulware", "linear"], protocol="alternating", seeds=2, rounds=30)
        farmed_t = accord.tournament([UKRAINE, UKRAINE], shards=2, engine="dask", address=address, **t)
        assert steady(farmed_t.to_dict()) == steady(accord.tournament([UKRAINE, UKRAINE], **t).to_dict())
        sweep = accord.sweep(UKRAINE, vary={"russia.reservation": (0.6, 0.8, 0.1)}, engine="dask", address=address)
        assert sweep.to_json() == accord.sweep(UKRAINE, vary={"russia.reservation": (0.6, 0.8, 0.1)}).to_json()


def test_genius_export_and_import_are_the_clis(ukraine: accord.Session, tmp_path: Path) -> None:
    files, warnings = ukraine.export_genius()
    out = tmp_path / "cli"
    assert cli("export", "genius", UKRAINE, "-o", str(out)).returncode == 0
    assert sorted(files) == sorted(p.name for p in out.iterdir())
    for name, text in files.items():
        assert (out / name).read_text() == text
    assert isinstance(warnings, list)
    domain = next(n for n in files if n.endswith("_domain.xml"))
    profiles = [str(out / f"{p}.xml") for p in ("russia", "ukraine", "us", "europe")]
    text = accord.import_genius(str(out / domain), profiles)
    target = tmp_path / "back.toml"
    assert cli("import", "genius", str(out / domain), *profiles, "-o", str(target)).returncode == 0
    assert text == target.read_text()
    back = accord.parse(text)
    assert back.check().to_dict()["outcomes"] == ukraine.check().to_dict()["outcomes"]
    with pytest.raises(accord.ScenarioError):
        accord.import_genius(str(out / domain), [str(tmp_path / "missing.xml")])


def test_an_import_warns_where_it_reads_a_file_differently(tmp_path: Path) -> None:
    domain = tmp_path / "wages_domain.xml"
    domain.write_text(
        '<negotiation_template><utility_space number_of_issues="1">'
        '<objective index="1" type="objective" name="Wages">'
        '<issue index="2" name="Salaries"><item index="1" value="0"/><item index="2" value="200"/></issue>'
        "</objective></utility_space></negotiation_template>\n"
    )
    profiles = []
    for party, evals in (("union", ("0", "8", "100")), ("city", ("100", "100", "0"))):
        p = tmp_path / f"{party}.xml"
        p.write_text(
            '<utility_space number_of_issues="1"><objective index="1" type="objective" name="Wages">'
            '<weight index="2" value="1"/><issue index="2" name="Salaries">'
            f'<item index="1" value="0" evaluation="{evals[0]}"/>'
            f'<item index="1" value="0" evaluation="{evals[1]}"/>'
            f'<item index="2" value="200" evaluation="{evals[2]}"/>'
            "</issue></objective></utility_space>\n"
        )
        profiles.append(str(p))
    with pytest.warns(UserWarning, match="evaluates the value `0` 2 times"):
        text = accord.import_genius(str(domain), profiles)
    out = tmp_path / "w.toml"
    run = cli("import", "genius", str(domain), *profiles, "-o", str(out))
    assert run.returncode == 0 and "warning:" in run.stderr
    assert text == out.read_text()


def test_a_geniusweb_import_warns_as_the_cli_does(tmp_path: Path) -> None:
    src = ROOT / "crates/accord-io/tests/data/genius/FlightBooking-geniusweb"
    first = json.loads((src / "flightbooking1.json").read_text())
    weights = first["LinearAdditiveUtilitySpace"]["issueWeights"]
    for k in weights:
        weights[k] = weights[k] * 2
    doubled = tmp_path / "flightbooking1.json"
    doubled.write_text(json.dumps(first, indent=2))
    profiles = [str(doubled), str(src / "flightbooking2.json")]
    with pytest.warns(UserWarning, match="sum to 2"):
        text = accord.import_geniusweb(profiles)
    out = tmp_path / "fb.toml"
    run = cli("import", "geniusweb", *profiles, "-o", str(out))
    assert run.returncode == 0 and "sum to 2" in run.stderr
    assert text == out.read_text()


def test_a_nonlinear_genius_domain_is_analysed_as_the_cli_does(tmp_path: Path) -> None:
    # 10^10 bids tied into one compound issue, the cap at 1 binding: analyze
    # and the mediator's queries work by branch and bound, as in the CLI; a
    # command that needs the additive form raises a RequestError that says
    # which commands answer.
    src = ROOT / "crates/accord-io/tests/data/genius/10issuesDiscounted"
    domain = str(src / "10issuesDiscounted-domain.xml")
    profiles = [str(src / "profile-1.xml"), str(src / "profile-2.xml")]
    with pytest.warns(UserWarning, match="discounts utilities over time"):
        text = accord.import_genius(domain, profiles)
    assert "capped = true" in text
    s = accord.parse(text)
    report = s.analyze()
    out = tmp_path / "ten.toml"
    out.write_text(text)
    run = cli("analyze", str(out), "--json")
    assert run.returncode == 0
    assert report.to_dict() | {"stats": None} == json.loads(run.stdout) | {"stats": None}
    assert report.to_dict()["pareto"]["distinct"] == 8
    mediated = s.mediate(press=["profile-2"], maximize="profile-1")
    run = cli("mediate", str(out), "--press", "profile-2", "--maximize", "profile-1", "--json")
    assert run.returncode == 0
    assert mediated.to_dict() == json.loads(run.stdout)
    assert mediated.to_dict()["deals"]
    with pytest.raises(accord.RequestError, match="compound issue"):
        s.robust(samples=10)
