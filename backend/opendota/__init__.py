"""OpenDota: an HTTP client for its public API and a paged, resumable pro-match sync."""
