#!/usr/bin/env sh
# Make sure `uv` is available: use the one on PATH, else install a pinned one into .tools/.
set -eu
if command -v uv >/dev/null 2>&1 || [ -x .tools/bin/uv ]; then
  exit 0
fi
echo "uv not found; installing uv into .tools/ (a local virtual environment)" >&2
python3 -m venv .tools
.tools/bin/pip install --quiet "uv==0.13.9"
