"""The model server's HTTP face: OpenAI `POST /v1/completions` (+ SSE), `/metrics`, health.

Request and response shapes follow the OpenAI completions API as vLLM serves it:
`{"model", "prompt", "max_tokens" (16), "stream", "stream_options": {"include_usage"}}` in;
a `text_completion` object out, or with `stream: true` one `data: {...}` event per token,
the last carrying `finish_reason`, an optional usage event, then `data: [DONE]`. Errors use
vLLM's body (`{"object": "error", "message", "type", "param", "code"}`): 404 for an unknown
model, 400 for a prompt that does not fit. The generated text is filler words.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Literal, Protocol

from fastapi import FastAPI
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from ngf_console.sim.engine import SimRequest
from ngf_console.sim.runner import EngineRunner

_WORDS = ("the", "model", "answers", "with", "tokens", "from", "a", "simulated", "GPU", "and")


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="ignore")
    include_usage: bool = False


class CompletionRequest(BaseModel):
    """The fields the simulator honours; others (temperature, top_p, ...) are accepted."""

    model_config = ConfigDict(extra="ignore")
    model: str
    prompt: str | list[str]
    max_tokens: int = Field(default=16, ge=1)
    stream: bool = False
    stream_options: StreamOptions | None = None

    @property
    def text(self) -> str:
        return self.prompt if isinstance(self.prompt, str) else "".join(self.prompt)


class ServedModel(Protocol):
    """What the HTTP layer needs from a simulated pod."""

    @property
    def model(self) -> str: ...

    @property
    def backend(self) -> Literal["vllm", "triton"]: ...

    @property
    def runner(self) -> EngineRunner: ...

    def metrics(self) -> tuple[bytes, str]:
        """The `/metrics` body and its content type."""
        ...


def token_text(index: int) -> str:
    """The simulated text of output token `index`."""
    return " " + _WORDS[index % len(_WORDS)]


def _error(status: int, kind: str, message: str) -> JSONResponse:
    body = {"object": "error", "message": message, "type": kind, "param": None, "code": status}
    return JSONResponse(body, status_code=status)


def _usage(request: SimRequest) -> dict[str, int]:
    return {
        "prompt_tokens": request.prompt_tokens,
        "completion_tokens": request.output_tokens,
        "total_tokens": request.prompt_tokens + request.output_tokens,
    }


def _chunk(request: SimRequest, model: str, created: int, text: str, finish: str | None) -> str:
    choice = {"index": 0, "text": text, "logprobs": None, "finish_reason": finish}
    body = {
        "id": request.request_id,
        "object": "text_completion",
        "created": created,
        "model": model,
        "choices": [choice],
    }
    return f"data: {json.dumps(body)}\n\n"


async def _events(
    served: ServedModel, request: SimRequest, include_usage: bool
) -> AsyncIterator[str]:
    created = int(time.time())
    sent = 0
    async for new in served.runner.tokens(request):
        for _ in range(new):
            last = request.done and sent == request.output_tokens - 1
            finish = request.finish_reason if last else None
            yield _chunk(request, served.model, created, token_text(sent), finish)
            sent += 1
    if include_usage:
        usage = {
            "id": request.request_id,
            "object": "text_completion",
            "created": created,
            "model": served.model,
            "choices": [],
            "usage": _usage(request),
        }
        yield f"data: {json.dumps(usage)}\n\n"
    yield "data: [DONE]\n\n"


def build_app(served: ServedModel) -> FastAPI:
    """The FastAPI app of one simulated model-server pod."""
    app = FastAPI(title=f"simulated {served.backend} ({served.model})", openapi_url=None)

    @app.post("/v1/completions", response_model=None)
    async def completions(body: CompletionRequest) -> Response:
        if body.model != served.model:
            return _error(404, "NotFoundError", f"The model `{body.model}` does not exist.")
        try:
            request = served.runner.submit(body.text, body.max_tokens)
        except ValueError as e:
            return _error(400, "BadRequestError", str(e))
        if body.stream:
            include_usage = body.stream_options is not None and body.stream_options.include_usage
            return StreamingResponse(
                _events(served, request, include_usage), media_type="text/event-stream"
            )
        await served.runner.finished(request)
        text = "".join(token_text(i) for i in range(request.output_tokens))
        choice = {
            "index": 0,
            "text": text,
            "logprobs": None,
            "finish_reason": request.finish_reason,
        }
        return JSONResponse(
            {
                "id": request.request_id,
                "object": "text_completion",
                "created": int(time.time()),
                "model": served.model,
                "choices": [choice],
                "usage": _usage(request),
            }
        )

    @app.get("/v1/models")
    async def models() -> dict[str, object]:
        entry = {"id": served.model, "object": "model", "owned_by": served.backend}
        return {"object": "list", "data": [entry]}

    @app.get("/metrics")
    async def metrics() -> Response:
        body, content_type = served.metrics()
        return Response(body, media_type=content_type)

    @app.get("/health")
    @app.get("/v2/health/ready")
    async def health() -> Response:
        return Response(status_code=200)

    return app
