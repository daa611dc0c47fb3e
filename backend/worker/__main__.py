"""`python -m backend.worker`: run one arq worker; `--check`: is this container's worker alive?"""

from __future__ import annotations

import argparse
import logging
import sys

from arq.worker import run_worker

from backend.settings import get_settings
from backend.worker.settings import heartbeat_is_fresh, worker_settings


def main(argv: list[str] | None = None) -> int:
    """Run until SIGINT/SIGTERM (the running job is re-queued), or check the heartbeat file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 0 if the worker's sweeper touched APP_WORKER_HEARTBEAT_FILE in the last 30 s",
    )
    args = parser.parse_args(argv)
    if args.check:
        return 0 if heartbeat_is_fresh(get_settings()) else 1
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(levelname)s %(message)s")
    run_worker(worker_settings())
    return 0


if __name__ == "__main__":
    sys.exit(main())
