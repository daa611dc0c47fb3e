"""A training job's live progress (a polling fragment) and its outcome."""

from __future__ import annotations

import streamlit as st

from dota_predict_sdk import JobStatusRead
from streamlit_app import service
from streamlit_app.model_views import metric_cards

ACTIVE = {"queued", "running"}
POLL_SECONDS = 1.0


def _cancel(job_id: str) -> None:
    service.call("Cancelling the job", service.client().cancel, job_id)


def _progress(job: JobStatusRead) -> None:
    progress = min(max(float(job.progress), 0.0), 1.0)
    st.progress(progress, text=f"**{job.status}** · {job.message} · {progress:.0%}")
    st.caption(f"Job `{job.job_id}` · model `{job.model_id}` ({job.model_type})")


@st.fragment(run_every=POLL_SECONDS)
def _live(job_id: str) -> None:
    job = service.call("Reading the job status", service.client().job, job_id)
    if job is None:
        return
    if job.status not in ACTIVE:
        st.rerun()  # a full run shows the outcome, and this fragment (and its polling) goes away
    _progress(job)
    st.button("Cancel", on_click=_cancel, args=(job_id,), key="job_cancel", icon=":material/stop:")


def _seconds(job: JobStatusRead) -> float | None:
    """Wall time from start to finish, if both are known."""
    if job.started_at and job.finished_at:
        return (job.finished_at - job.started_at).total_seconds()
    return None


def _outcome(job: JobStatusRead) -> None:
    if job.status == "failed":
        st.error(f"**Training `{job.model_id}` failed.** {job.error or job.message}")
        return
    if job.status == "cancelled":
        st.warning(f"Training `{job.model_id}` was cancelled. {job.message}")
        return
    info = service.call("Reading the model", service.client().model_info, job.model_id)
    took = _seconds(job)
    seconds = f" in {took:.1f} s" if took else ""
    st.success(f"Model `{job.model_id}` is trained{seconds}.", icon=":material/check_circle:")
    if info is not None:
        metric_cards(info.to_dict().get("metrics"))
    st.page_link(
        "app_pages/models.py",
        label="Compare and activate it on the Models page",
        icon=":material/leaderboard:",
    )


def job_panel(job_id: str) -> None:
    """Live progress while the job is queued or running; then its metrics or its error."""
    job = service.call("Reading the job status", service.client().job, job_id)
    if job is None:
        return
    if job.status in ACTIVE:
        _live(job_id)
    else:
        _outcome(job)
