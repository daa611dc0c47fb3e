"""Developer scripts (run as files; tests import the Kubernetes validator from here)."""
