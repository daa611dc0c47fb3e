"""Convert the read-only shared data into the files the product ships in backend/resources/.

Run from the repo root: uv run python scripts/build_default_dataset.py --shared ../shared/data
Writes heroes.json (+ its MIT licence), the bundled matches split by licence
(default_matches.csv.gz: no licence stated upstream; default_matches_gpl3.csv.gz: GPL-3.0-derived)
and PROVENANCE.md; deterministic (same bytes each run). COPYING.GPL-3.0 is committed beside them.
--check rebuilds into a temporary folder and fails if the committed files differ.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import sys
import tempfile
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

import polars as pl

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO_ROOT.parent / "shared" / "data"
OUT = REPO_ROOT / "backend" / "resources"

HEROES_IN = "dotaconstants_10.8.0/heroes.json"
LICENSE_IN = "dotaconstants_10.8.0/LICENSE"
ROSTERS_IN = "pro_rosters_2018-2019/output.jsonl.gz"
PLAYERS_IN = "pro_players_2020-2021/match.csv.gz"
# From /work/shared/data/README.md; a mismatch means the inputs are not the documented ones.
EXPECTED_SHA256 = {
    HEROES_IN: "7aad66fa9196ce684edd0c43cf0f62413eb00f84a4eb15febc5c97a110ed7a88",
    LICENSE_IN: "13d8ee5053b6b9da5448fa298ff1af56cc3994b945e9739a5a38821ea7463abf",
    ROSTERS_IN: "86351c48b22171147c320b0592cb1596e7baf37ee1f618c9a684b5e789dabf21",
    PLAYERS_IN: "2c67f49099cf0ead367fe47c94a754684598869f456bdf7963004674c864621e",
}
SIDES = ("radiant", "dire")
HERO_COLS = [f"{s}_hero_{i}" for s in SIDES for i in range(1, 6)]
ACCOUNT_COLS = [f"{s}_account_id_{i}" for s in SIDES for i in range(1, 6)]
COLUMNS = ["match_id", "start_time", "radiant_win", *HERO_COLS, *ACCOUNT_COLS]
ROSTERS_OUT = "default_matches.csv.gz"
PLAYERS_OUT = "default_matches_gpl3.csv.gz"  # derived from a GPL-3.0 repository: its own file
OUTPUTS = ("heroes.json", "LICENSE.dotaconstants", ROSTERS_OUT, PLAYERS_OUT, "PROVENANCE.md")

Match = dict[str, int | bool | None]


@dataclass
class SourceStats:
    """What was read from one input and what was kept."""

    read: int = 0
    kept: int = 0
    short: int = 0
    dropped: dict[str, int] = field(default_factory=dict)

    def drop(self, reason: str) -> None:
        """Count one match left out, by reason."""
        self.dropped[reason] = self.dropped.get(reason, 0) + 1


def sha256(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def read_input(shared: Path, name: str) -> bytes:
    """Bytes of a shared file, refusing any that differ from the documented sha256."""
    data = (shared / name).read_bytes()
    if sha256(data) != EXPECTED_SHA256[name]:
        sys.exit(f"{shared / name}: sha256 {sha256(data)} is not the documented one")
    return data


def build_heroes(raw: bytes) -> tuple[bytes, set[int]]:
    """heroes.json: compact list sorted by id, one hero per line."""
    heroes = json.loads(raw)
    items = [
        {
            "id": h["id"],
            "name": h["localized_name"],
            "short_name": h["name"].removeprefix("npc_dota_hero_"),
            "primary_attr": h["primary_attr"],
            "attack_type": h["attack_type"],
            "roles": h["roles"],
        }
        for h in sorted(heroes.values(), key=lambda h: h["id"])
    ]
    lines = ",\n".join(json.dumps(item, ensure_ascii=False) for item in items)
    return f"[\n{lines}\n]\n".encode(), {item["id"] for item in items}


def from_rosters(raw: bytes, hero_ids: set[int], stats: SourceStats) -> list[Match]:
    """Pro rosters 2018-19: winner from aftermatchData, players from prematchData.rosters."""
    matches: list[Match] = []
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        record = json.loads(line)
        stats.read += 1
        rosters = record["prematchData"]["rosters"]
        players = {side: rosters.get(side) or [] for side in SIDES}
        if any(len(players[side]) != 5 for side in SIDES):
            stats.drop("roster not 5 + 5")
            continue
        heroes = [p["hero_id"] for side in SIDES for p in players[side]]
        if not all(h in hero_ids for h in heroes):
            stats.drop("hero_id 0 (not picked) in roster")
            continue
        accounts = [p["account_id"] for side in SIDES for p in players[side]]
        match: Match = {
            "match_id": record["match_id"],
            "start_time": None,
            "radiant_win": record["aftermatchData"]["winner"] == "radiant",
        }
        match.update(zip(HERO_COLS, heroes, strict=True))
        match.update(zip(ACCOUNT_COLS, accounts, strict=True))
        matches.append(match)
        stats.kept += 1
        # Kept as published, but counted: games this short are forfeits or remakes.
        stats.short += record["aftermatchData"]["duration"] < 600
    return matches


def from_players(raw: bytes, hero_ids: set[int], stats: SourceStats) -> list[Match]:
    """Pro players 2020-21: 10 rows per match; rows 1-5 are radiant (inferred, see README)."""
    rows = csv.DictReader(io.StringIO(gzip.decompress(raw).decode("utf-8")))
    matches: list[Match] = []
    for match_id, group in groupby(rows, key=lambda r: r["match_id"]):
        players = list(group)
        stats.read += 1
        wins = [p["win"].lower() == "true" for p in players]
        if len(players) != 10 or len(set(wins[:5])) != 1 or wins[0] == wins[5]:
            stats.drop("not 10 rows with one winning block of 5")
            continue
        heroes = [int(p["hero_id"]) for p in players]
        if not all(h in hero_ids for h in heroes):
            stats.drop("unknown hero")
            continue
        match: Match = {
            "match_id": int(match_id),
            "start_time": int(players[0]["start_time"]),
            "radiant_win": wins[0],
        }
        match.update(zip(HERO_COLS, heroes, strict=True))
        match.update(zip(ACCOUNT_COLS, (int(p["account_id"]) for p in players), strict=True))
        matches.append(match)
        stats.kept += 1
    return matches


def to_csv_gz(matches: list[Match]) -> tuple[bytes, pl.DataFrame]:
    """Dedupe on match_id (first source wins), sort, write CSV, gzip with mtime 0."""
    unique = {m["match_id"]: m for m in reversed(matches)}
    schema = {
        "match_id": pl.Int64,
        "start_time": pl.Int64,
        "radiant_win": pl.Boolean,
        **{c: pl.Int16 for c in HERO_COLS},
        **{c: pl.Int64 for c in ACCOUNT_COLS},
    }
    frame = pl.DataFrame(list(unique.values()), schema=schema, orient="row").sort("match_id")
    text = frame.select(COLUMNS).write_csv(line_terminator="\n").encode("utf-8")
    return gzip.compress(text, compresslevel=9, mtime=0), frame


def win_rate(frame: pl.DataFrame) -> float:
    """Share of matches radiant won."""
    return float(frame.select(pl.col("radiant_win").mean()).item())


def unique_accounts(frame: pl.DataFrame) -> int:
    """Distinct non-null account ids over all ten slots."""
    return int(frame.select(pl.concat_list(ACCOUNT_COLS).explode().drop_nulls().n_unique()).item())


def measured_row(label: str, frame: pl.DataFrame) -> str:
    """One row of the 'Measured' table."""
    times = frame["start_time"].is_not_null().sum()
    return (
        f"| {label} | {frame.height:,} | {win_rate(frame):.2%} | "
        f"{unique_accounts(frame):,} | {times:,} |"
    )


# Markdown table rows cannot be wrapped, hence the noqa on the closing line.
PROVENANCE = """# Provenance of backend/resources/

Generated by `scripts/build_default_dataset.py`; do not edit by hand.
Regenerate (from the repo root) with

    uv run python scripts/build_default_dataset.py --shared ../shared/data

`--shared` defaults to `../shared/data` relative to the repo root. The script is deterministic
(running it twice gives byte-identical files) and `--check` fails if the committed files are stale.
It refuses inputs whose sha256 differs from the ones below. At run time the product reads only
these files, never the shared folder.

## Inputs

All three inputs are real public data, copied unchanged (apart from gzip and concatenation) into the
shared data folder; its README documents each upstream in full.

| input | upstream | licence | sha256 |
|---|---|---|---|
| `{heroes_in}` | npm `dotaconstants@10.8.0` (OpenDota, repo odota/dotaconstants), `package/build/heroes.json` | MIT (`LICENSE.dotaconstants`) | `{heroes_sha}` |
| `{rosters_in}` | GitHub `AtCliffUnderline/dota-dataset`, folder `output/` (7,349 per-match JSON files concatenated to JSON Lines, `match_id` from the file name), commit `3cbb45961c8c477b61f1dc71efa1007cc615a108` (2019-11-10); data originally from trackdota.com | **none stated** | `{rosters_sha}` |
| `{players_in}` | GitHub `lucascbarbosa/Dota2-AI-Picker`, `data/match.csv`, commit `da18493baf6dc3120eabf8b4bb4c2a049969dacd` (2021-04-03), blob `519bbccbe241b122ffc780296cc31d2c5932ea4f` | **GPL-3.0** (repository licence) | `{players_sha}` |

## Outputs, each with its terms

The bundled match data keeps its sources' terms; it is split so that each file has one. The
service reads both match files together as the bundled default dataset (`dataset_id` "default",
`GET /api/v1/data/sample`); the project's code is under the MIT licence in `LICENSE`.

| file | what | terms | bytes | sha256 |
|---|---|---|---:|---|
| `heroes.json` | {hero_count} heroes sorted by id: `id`, `name` (= localized_name), `short_name` (= name minus `npc_dota_hero_`), `primary_attr`, `attack_type`, `roles` | MIT, © The OpenDota Project: `LICENSE.dotaconstants` | {heroes_size:,} | `{heroes_out_sha}` |
| `LICENSE.dotaconstants` | the dotaconstants MIT licence text, copied unchanged | - | {license_size:,} | `{license_sha}` |
| `default_matches.csv.gz` | {rosters_matches:,} pro matches 2018-19 with account ids, canonical one-row-per-match CSV ({rosters_raw:,} bytes uncompressed) | **no licence stated** upstream (AtCliffUnderline/dota-dataset; data from trackdota.com) | {rosters_gz:,} | `{rosters_gz_sha}` |
| `default_matches_gpl3.csv.gz` | {players_matches:,} pro matches 2020-21 with account ids and start times, same CSV layout ({players_raw:,} bytes uncompressed) | **GPL-3.0**, derived from lucascbarbosa/Dota2-AI-Picker: `COPYING.GPL-3.0` (the licence text, committed beside it) | {players_gz:,} | `{players_gz_sha}` |
| `COPYING.GPL-3.0` | the GNU GPL version 3 text (committed, not generated) | - | 35,149 | `3972dc9744f6499f0f9b2dbf76696f2ae7ad8af9b23dde66d6af86c9dfb36986` |

### What the script did to build the match files

- **Pro rosters 2018-19** → `default_matches.csv.gz` ({rosters_read:,} matches read, {rosters_kept:,} kept;
  dropped: {rosters_dropped}): `radiant_win` = `aftermatchData.winner == "radiant"`;
  heroes and account ids from `prematchData.rosters.radiant` / `.dire` in roster order.
  The file has no start time, so `start_time` is empty.
- **Pro players 2020-21** → `default_matches_gpl3.csv.gz` ({players_read:,} matches read, {players_kept:,} kept;
  dropped: {players_dropped}): 10 consecutive player rows per match; rows 1-5 are taken as
  **radiant** and rows 6-10 as dire (the file has no side column; this is inferred, see the caveats).
  `radiant_win` = the `win` of rows 1-5; `start_time` (unix seconds) and account ids as given.
- Deduplicated on `match_id` (first source listed wins; the two sources share no ids), each file
  sorted by `match_id`, written as CSV (LF line ends, booleans `true`/`false`, empty = unknown),
  then gzip level 9 with mtime 0.
- Each file was re-read with `backend.matches.read_matches(require_label=True)` as a check.

### Measured

| | matches | radiant win rate | unique account ids | start_time present |
|---|---:|---:|---:|---:|
{measured}

match_id range {min_id} to {max_id}; highest hero id used {max_hero}; empty account slots
{missing_accounts}. The reader confirmed every hero id exists and no match has a hero twice.

## Caveats

- **Side in the 2020-21 file is inferred**: there is no player_slot; in every match rows 1-5
  share one `win` value and rows 6-10 the opposite, and the first block wins about 54 % of the
  time (the usual radiant edge). The upstream author's notebook also treats rows 1-5 as radiant.
  Likely, but not stated upstream.
- **Licences**: the 2018-19 roster data has no licence stated upstream (all rights may be
  reserved by its collectors); the 2020-21 file comes from a GPL-3.0 repository and is shipped
  as its own GPL-3.0 file. Redistributors must honour both.
- Only pro/league games: what is learnt here (hero pool up to id {max_hero}, team play) may not
  carry over to public games, and heroes released later (ids up to 155) never appear.
- Most dropped 2018-19 matches are The International 2019 open-qualifier games whose rosters
  list hero 0 for every player, so their players' accounts are absent here.
- A few kept 2018-19 matches are very short (forfeits or early GGs; {rosters_short} last under
  10 minutes by the upstream `duration`), and the shared README lists 5 match ids whose winner or draft disagrees
  with another collector; they are kept as published.
- The 2018-19 matches have no start time; a time-ordered split can use match_id order instead
  (match ids increase with time).
"""  # noqa: E501


def provenance(
    inputs: dict[str, bytes],
    outputs: dict[str, bytes],
    stats: dict[str, SourceStats],
    frames: dict[str, pl.DataFrame],
) -> bytes:
    """PROVENANCE.md text with the counts measured in this run."""
    full = frames["all"]
    rosters, players = stats[ROSTERS_IN], stats[PLAYERS_IN]
    rosters_gz, players_gz = outputs[ROSTERS_OUT], outputs[PLAYERS_OUT]

    def dropped(s: SourceStats) -> str:
        return "; ".join(f"{n} {why}" for why, n in sorted(s.dropped.items())) or "none"

    measured = [
        measured_row("pro rosters 2018-19", frames["rosters"]),
        measured_row("pro players 2020-21", frames["players"]),
        measured_row("**both (the default dataset)**", full),
    ]
    text = PROVENANCE.format(
        heroes_in=HEROES_IN,
        rosters_in=ROSTERS_IN,
        players_in=PLAYERS_IN,
        heroes_sha=sha256(inputs[HEROES_IN]),
        rosters_sha=sha256(inputs[ROSTERS_IN]),
        players_sha=sha256(inputs[PLAYERS_IN]),
        hero_count=len(json.loads(outputs["heroes.json"])),
        heroes_size=len(outputs["heroes.json"]),
        heroes_out_sha=sha256(outputs["heroes.json"]),
        matches=full.height,
        rosters_matches=frames["rosters"].height,
        rosters_raw=len(gzip.decompress(rosters_gz)),
        rosters_gz=len(rosters_gz),
        rosters_gz_sha=sha256(rosters_gz),
        players_matches=frames["players"].height,
        players_raw=len(gzip.decompress(players_gz)),
        players_gz=len(players_gz),
        players_gz_sha=sha256(players_gz),
        license_size=len(outputs["LICENSE.dotaconstants"]),
        license_sha=sha256(outputs["LICENSE.dotaconstants"]),
        rosters_read=rosters.read,
        rosters_kept=rosters.kept,
        rosters_dropped=dropped(rosters),
        rosters_short=rosters.short,
        players_read=players.read,
        players_kept=players.kept,
        players_dropped=dropped(players),
        measured="\n".join(measured),
        min_id=full.select(pl.col("match_id").min()).item(),
        max_id=full.select(pl.col("match_id").max()).item(),
        max_hero=full.select(pl.max_horizontal(HERO_COLS).max()).item(),
        missing_accounts=full.select(
            pl.sum_horizontal(pl.col(ACCOUNT_COLS).is_null()).sum()
        ).item(),
    )
    return text.encode("utf-8")


def build(shared: Path) -> dict[str, bytes]:
    """All output files as bytes."""
    inputs = {name: read_input(shared, name) for name in EXPECTED_SHA256}
    heroes_json, hero_ids = build_heroes(inputs[HEROES_IN])
    stats = {ROSTERS_IN: SourceStats(), PLAYERS_IN: SourceStats()}
    rosters = from_rosters(inputs[ROSTERS_IN], hero_ids, stats[ROSTERS_IN])
    players = from_players(inputs[PLAYERS_IN], hero_ids, stats[PLAYERS_IN])
    roster_ids = {m["match_id"] for m in rosters}
    players = [m for m in players if m["match_id"] not in roster_ids]  # first source wins
    rosters_gz, rosters_frame = to_csv_gz(rosters)
    players_gz, players_frame = to_csv_gz(players)
    frames = {
        "all": pl.concat([rosters_frame, players_frame]).sort("match_id"),
        "rosters": rosters_frame,
        "players": players_frame,
    }
    outputs = {
        "heroes.json": heroes_json,
        "LICENSE.dotaconstants": inputs[LICENSE_IN],
        ROSTERS_OUT: rosters_gz,
        PLAYERS_OUT: players_gz,
    }
    outputs["PROVENANCE.md"] = provenance(inputs, outputs, stats, frames)
    return outputs


def verify(outputs: dict[str, bytes]) -> None:
    """Re-read the CSV with the product's own reader (needs heroes.json in place first)."""
    sys.path.insert(0, str(REPO_ROOT))
    from backend.matches import read_matches

    for name in (ROSTERS_OUT, PLAYERS_OUT):
        frame = read_matches(gzip.decompress(outputs[name]), require_label=True)
        print(f"verified {name}: {frame.height:,} matches, radiant win rate {win_rate(frame):.4f}")


def write(path: Path, data: bytes) -> None:
    """Write then rename, so a crash never leaves a half-written resource behind."""
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
        tmp.write(data)
    # NamedTemporaryFile creates 0600; shipped resources must be readable by the service user.
    Path(tmp.name).chmod(0o644)
    Path(tmp.name).replace(path)
    print(f"wrote {path} ({len(data):,} bytes)")


def main() -> int:
    """Build, then write and verify, or (with --check) compare with the committed files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared data folder")
    parser.add_argument("--check", action="store_true", help="fail if committed files differ")
    args = parser.parse_args()
    outputs = build(args.shared.resolve())
    if args.check:
        stale = [
            n for n in OUTPUTS if not (OUT / n).is_file() or (OUT / n).read_bytes() != outputs[n]
        ]
        print("stale: " + ", ".join(stale) if stale else "up to date")
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    # The product's reader validates heroes against the shipped heroes.json, so it goes first.
    write(OUT / "heroes.json", outputs["heroes.json"])
    verify(outputs)
    for name in OUTPUTS[1:]:
        write(OUT / name, outputs[name])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
