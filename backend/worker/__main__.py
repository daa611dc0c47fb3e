"""`python -m backend.worker`: run one arq worker with the service settings."""

from __future__ import annotations

import logging

from arq.worker import run_worker

from backend.worker.settings import worker_settings


def main() -> None:
    """Run until SIGINT/SIGTERM."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(levelname)s %(message)s")
    run_worker(worker_settings())


if __name__ == "__main__":
    main()
