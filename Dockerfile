# One image for every process of the service (api, worker, ui, migrate); see docker-compose.yml.
FROM python:3.11-slim
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy PYTHONUNBUFFERED=1
RUN pip install --no-cache-dir "uv==0.13.9" \
    && useradd --create-home --uid 10001 app
WORKDIR /app
COPY pyproject.toml uv.lock ./
COPY sdk ./sdk
RUN uv sync --frozen --no-dev --no-install-project
# .dockerignore keeps .env, local databases and caches out of the image.
COPY . .
# Bytecode at build time: on Kubernetes the root filesystem is read-only (deploy/kubernetes).
RUN python -m compileall -q backend alembic streamlit_app \
    && chown -R app /app
ENV PATH="/app/.venv/bin:$PATH"
USER app
EXPOSE 8000 8501
CMD ["uvicorn", "backend.app:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000"]
