"""Training jobs as the service sees them: live progress with Cancel, outcomes, recent jobs.

Everything is read from the service on every run, so a reload or a second tab shows the same
jobs; the job the user is following is in the URL (?job=…).
"""

from __future__ import annotations

import streamlit as st

from dota_predict_sdk import JobStatusRead
from streamlit_app import service
from streamlit_app.model_views import metric_cards, worse_than_baseline

ACTIVE = {"queued", "running"}
JOB_QUERY = "job"
RECENT = 10
POLL_SECONDS = 1.0
IDLE_POLL_SECONDS = 5.0  # also notice jobs started in another tab or by a script


def follow(job_id: str) -> None:
    """Put the job into the URL, so a reload or a shared link shows it."""
    st.query_params[JOB_QUERY] = job_id


def followed() -> str | None:
    """The job id in the URL, if any."""
    return st.query_params.get(JOB_QUERY) or None


def _cancel(job_id: str) -> None:
    service.call("Cancelling the job", service.client().cancel, job_id)


def _progress(job: JobStatusRead) -> None:
    progress = min(max(float(job.progress), 0.0), 1.0)
    st.progress(
        progress, text=f"**{job.model_id}** ({job.model_type}) · {job.message} · {progress:.0%}"
    )
    left, right = st.columns([4, 1])
    left.caption(f"Job `{job.job_id}` · {job.status} since {_clock(job)}")
    right.button(
        "Cancel",
        on_click=_cancel,
        args=(job.job_id,),
        key=f"job_cancel_{job.job_id}",
        icon=":material/stop:",
    )


def _clock(job: JobStatusRead) -> str:
    when = job.started_at or job.created_at
    return f"{when:%H:%M:%S} UTC"


def _active(jobs: list[JobStatusRead]) -> list[JobStatusRead]:
    return [j for j in jobs if j.status in ACTIVE]


def _live(watched: tuple[str, ...]) -> None:
    jobs = service.call("Reading the jobs", service.client().jobs, limit=RECENT)
    if jobs is None:
        return
    active = _active(jobs)
    if tuple(j.job_id for j in active) != watched:
        st.rerun()  # a job finished or started: the full page shows outcomes and polls anew
    for job in active:
        _progress(job)


def _seconds(job: JobStatusRead) -> float | None:
    if job.started_at and job.finished_at:
        return (job.finished_at - job.started_at).total_seconds()
    return None


def outcome(job: JobStatusRead) -> None:
    """How a finished job ended: its metrics, its error, or that it was cancelled."""
    if job.status == "failed":
        st.error(f"**Training `{job.model_id}` failed.** {job.error or job.message}")
        return
    if job.status == "cancelled":
        detail = job.error or ("" if job.message in ("", "cancelled") else job.message)
        st.warning(
            f"Training `{job.model_id}` was cancelled. {detail}".strip(), icon=":material/stop:"
        )
        return
    took = _seconds(job)
    seconds = f" in {took:.1f} s" if took else ""
    info = service.call("Reading the model", service.client().model_info, job.model_id)
    metrics = info.to_dict().get("metrics") if info is not None else None
    if (excess := worse_than_baseline(metrics)) is not None:
        st.warning(
            f"Model `{job.model_id}` is trained{seconds}, but it is **worse than the baseline** "
            f"(always predicting the training Radiant win rate): its holdout log-loss is "
            f"{excess:.4f} higher. Do not activate it; try other hyperparameters or more data.",
            icon=":material/trending_down:",
        )
    else:
        st.success(f"Model `{job.model_id}` is trained{seconds}.", icon=":material/check_circle:")
    if info is not None:
        metric_cards(metrics)
    st.page_link(
        "app_pages/models.py",
        label="Compare and activate it on the Models page",
        icon=":material/leaderboard:",
    )


def _table(jobs: list[JobStatusRead]) -> None:
    rows = [
        {
            "job": j.job_id,
            "model": j.model_id,
            "type": j.model_type,
            "status": j.status,
            "progress": float(j.progress),
            "message": j.error or j.message,
            "finished": f"{j.finished_at:%Y-%m-%d %H:%M:%S}" if j.finished_at else "",
        }
        for j in jobs
    ]
    st.dataframe(
        rows,
        hide_index=True,
        column_config={
            "job": "Job id",
            "model": "Model id",
            "type": "Model type",
            "status": "Status",
            "progress": st.column_config.ProgressColumn("Progress", min_value=0, max_value=1),
            "message": "Message",
            "finished": "Finished (UTC)",
        },
    )


def jobs_panel() -> None:
    """Running jobs (live, with Cancel), the followed job's outcome, and the recent jobs."""
    jobs = service.require("Listing the training jobs", service.client().jobs, limit=RECENT)
    focus = followed()
    if focus and focus not in {j.job_id for j in jobs}:
        found = service.call("Reading the job", service.client().job, focus)
        jobs = [found, *jobs] if found is not None else jobs
    active = _active(jobs)
    st.subheader("Training jobs")
    if not active:
        st.caption("No job is running.")
    watched = tuple(j.job_id for j in active)
    run_every = POLL_SECONDS if active else IDLE_POLL_SECONDS
    st.fragment(_live, run_every=run_every)(watched)
    followed_job = next((j for j in jobs if j.job_id == focus), None)
    if followed_job is not None and followed_job.status not in ACTIVE:
        outcome(followed_job)
    if jobs:
        with st.expander("Recent training jobs", expanded=True):
            _table(jobs)
