"""OpenDota sync panel (Data page): start a sync, follow it live, cancel it, see past runs.

The service runs the sync as a worker job; this panel only sends the options and reads the job
back (GET /api/v1/data/sync/status), so a reload or another tab shows the same run.
"""

from __future__ import annotations

import datetime
from typing import Any

import streamlit as st

from dota_predict_sdk import SyncJobRead
from streamlit_app import service

ACTIVE = {"queued", "running"}
POLL_SECONDS = 1.0
RECENT = 10
_FOLLOWED = "sync_followed"  # the job this session started (its outcome is shown once it ends)


def _league_ids(text: str) -> list[int] | None:
    """'4122, 12027' -> [4122, 12027]; a warning (and None) for anything else."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
    try:
        ids = [int(p) for p in parts]
    except ValueError:
        st.warning(f"League ids: {text!r} is not a list of whole numbers (e.g. `4122, 12027`).")
        return None
    return ids


def _start(options: dict[str, Any]) -> None:
    started = service.call("Starting the sync", service.client().start_sync, **options)
    if started is not None:
        st.session_state[_FOLLOWED] = started.job_id


def _cancel(job_id: str) -> None:
    service.call("Cancelling the sync", service.client().cancel_sync, job_id)


def _form() -> None:
    with st.form("sync_form", border=False):
        left, middle, right = st.columns(3)
        max_matches = left.number_input(
            "Most matches", min_value=1, max_value=100_000, value=1000, step=100, key="sync_max"
        )
        since = middle.date_input("Since (UTC day)", value=None, key="sync_since")
        until = right.date_input("Until (UTC day)", value=None, key="sync_until")
        leagues = st.text_input(
            "League ids (optional, comma-separated OpenDota leagueid)", key="sync_leagues"
        )
        left, middle, right = st.columns(3)
        players = left.toggle("Pro player names", value=True, key="sync_players")
        as_dataset = middle.toggle("Also store as a dataset", value=True, key="sync_dataset")
        reset = right.toggle(
            "From the newest page",
            key="sync_reset",
            help="Start again from the newest page instead of the stored cursor (matches "
            "already stored are still skipped).",
        )
        submitted = st.form_submit_button("Start sync", type="primary", icon=":material/sync:")
    if not submitted:
        return
    league_ids = _league_ids(leagues)
    if league_ids is None:
        return
    _start(
        {
            "max_matches": int(max_matches),
            "since": since if isinstance(since, datetime.date) else None,
            "until": until if isinstance(until, datetime.date) else None,
            "league_ids": league_ids or None,
            "players": players,
            "as_dataset": as_dataset,
            "reset": reset,
        }
    )


def _counts(job: SyncJobRead) -> str:
    parts = [
        f"{job.stored:,} new matches stored",
        f"{job.duplicates:,} already stored",
        f"{job.pages:,} pages",
        f"{job.calls:,} OpenDota calls",
    ]
    if job.player_names:
        parts.append(f"{job.player_names:,} pro player names cached")
    return " · ".join(parts)


def _live(job_id: str, jobs: list[SyncJobRead]) -> None:
    """Polled every POLL_SECONDS while the job runs; the whole page reruns once it ends."""
    job = service.call("Reading the sync", service.client().sync_status, job_id)
    if job is None:
        return
    if job.status not in ACTIVE:
        service.forget_players()  # names may have been cached: the pickers read them again
        st.rerun()
    progress = min(max(float(job.progress), 0.0), 1.0)
    st.progress(progress, text=f"Sync `{job.job_id}` · {job.message} · {progress:.0%}")
    left, right = st.columns([4, 1])
    left.caption(f"{job.status} · {_counts(job)}")
    right.button(
        "Cancel sync",
        on_click=_cancel,
        args=(job.job_id,),
        key=f"sync_cancel_{job.job_id}",
        icon=":material/stop:",
    )
    _table([job if j.job_id == job.job_id else j for j in jobs])


def _outcome(job: SyncJobRead) -> None:
    if job.status == "failed":
        st.error(f"**The sync failed.** {job.error or job.message}", icon=":material/error:")
    elif job.status == "cancelled":
        st.warning(f"The sync was cancelled. {_counts(job)}.", icon=":material/stop:")
    else:
        stored = f" Dataset `{job.dataset_id}` was stored." if job.dataset_id else ""
        st.success(f"**Sync finished.** {_counts(job)}.{stored}", icon=":material/check_circle:")


def _table(jobs: list[SyncJobRead]) -> None:
    st.markdown("**Past syncs**")
    st.dataframe(
        [
            {
                "job": j.job_id,
                "state": j.status,
                "progress": float(j.progress),
                "message": j.error or j.message,
                "stored": j.stored,
                "duplicates": j.duplicates,
                "names": j.player_names,
                "dataset": j.dataset_id or "",
                "scheduled": j.scheduled,
                "finished": f"{j.finished_at:%Y-%m-%d %H:%M:%S}" if j.finished_at else "",
            }
            for j in jobs
        ],
        hide_index=True,
        column_config={
            "job": "Job id",
            "state": "State",
            "progress": st.column_config.ProgressColumn("Progress", min_value=0, max_value=1),
            "message": st.column_config.TextColumn("Message", width="large"),
            "stored": "Stored",
            "duplicates": "Already stored",
            "names": "Names",
            "dataset": "Dataset",
            "scheduled": "Scheduled",
            "finished": "Finished (UTC)",
        },
    )


def sync_panel() -> None:
    """Start a sync (the service says if it may not), its live progress, the past runs."""
    st.caption(
        "Fetches new pro matches from OpenDota (/proMatches, then /matches/{id} for each) in a "
        "worker job: their results roll every model forward, and they can be stored as a "
        "dataset to train on. Starting one needs the admin key when the service has one."
    )
    jobs = service.call("Listing the syncs", service.client().sync_jobs, limit=RECENT)
    if jobs is None:
        return
    running = next((j for j in jobs if j.status in ACTIVE), None)
    if running is None:
        _form()
        jobs = service.call("Listing the syncs", service.client().sync_jobs, limit=RECENT) or []
        running = next((j for j in jobs if j.status in ACTIVE), None)
    followed = next((j for j in jobs if j.job_id == st.session_state.get(_FOLLOWED)), None)
    if followed is not None and followed.status not in ACTIVE:
        _outcome(followed)
    if running is not None:  # the bar, Cancel and the runs, with the running one as polled
        st.fragment(_live, run_every=POLL_SECONDS)(running.job_id, jobs)
    elif jobs:
        _table(jobs)
    else:
        st.caption("No sync has run yet.")
