"""arq worker: runs training jobs in child processes and records their state."""
