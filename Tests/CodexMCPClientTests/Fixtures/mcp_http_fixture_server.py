#!/usr/bin/env python3
"""A streamable-HTTP MCP server for the MCP client tests, written with the official MCP Python SDK (mcp 2.3.0).

Serves the tools of mcp_fixture_server.py (same folder) at http://127.0.0.1:<port>/mcp, plus `whoami` (the
Authorization header and the X-* headers of the call's HTTP request, as JSON text). Prints
`listening on http://127.0.0.1:<port>/mcp` on stdout once it accepts connections. Every HTTP request is appended as
one JSON line `{"method", "path", "headers": {lowercased name: value}, "body"}` to the --request-log file.

usage: mcp_http_fixture_server.py [--json-response] [--instructions TEXT] [--request-log FILE]
                                  [--status CODE | --hang | --garbage] [--oauth [--expires-in SECONDS]]
  --json-response  answer POSTs with application/json instead of an SSE stream
  --status CODE    answer every request with this HTTP status and body `fixture says CODE` (a broken server)
  --hang           never answer any request
  --garbage        answer every request 200 application/json with a body that is not JSON
  --oauth          also be the OAuth authorization server (fake_oauth.py, same folder): /mcp then answers 401
                   unless the request carries a bearer token this server issued
  --expires-in N   the `expires_in` of issued access tokens (default 3600)
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys

sys.dont_write_bytecode = True  # importing the stdio fixture must not leave __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import anyio  # noqa: E402
import mcp.types as types  # noqa: E402
import uvicorn  # noqa: E402
from mcp.server.lowlevel import Server  # noqa: E402
from fake_oauth import FakeAuthorizationServer  # noqa: E402
from mcp_fixture_server import TOOLS, call_tool, text, tool  # noqa: E402

WHOAMI = tool("whoami", "The request's Authorization and X-* headers.", {"type": "object", "properties": {}})
CURRENT_HEADERS: dict[str, str] = {}


async def list_tools(ctx, params) -> types.ListToolsResult:
    return types.ListToolsResult(tools=TOOLS + [WHOAMI])


async def call(ctx, params: types.CallToolRequestParams) -> types.CallToolResult:
    if params.name == "whoami":
        return types.CallToolResult(content=text(json.dumps(CURRENT_HEADERS, sort_keys=True)))
    return await call_tool(ctx, params)


def logging_middleware(
    app, log_path: str | None, status: int | None, hang: bool, garbage: bool, oauth: FakeAuthorizationServer | None
):
    async def middleware(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if log_path:
            entry = {"method": scope["method"], "path": scope["path"], "headers": headers, "body": body.decode("utf-8", "replace")}
            with open(log_path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(entry) + "\n")
        if hang:
            await anyio.sleep_forever()
        if garbage:
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": b"this is not json"})
            return
        if status is not None:
            await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]})
            await send({"type": "http.response.body", "body": f"fixture says {status}".encode()})
            return
        if oauth is not None:
            answer = oauth.handle(scope, headers, body)
            if answer is not None:
                code, answer_headers, answer_body = answer
                await send({"type": "http.response.start", "status": code, "headers": answer_headers})
                await send({"type": "http.response.body", "body": answer_body})
                return
        CURRENT_HEADERS.clear()
        CURRENT_HEADERS.update({k: v for k, v in headers.items() if k == "authorization" or k.startswith("x-")})
        delivered = False

        async def replay():
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return await app(scope, replay, send)

    return middleware


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json-response", action="store_true")
    parser.add_argument("--instructions")
    parser.add_argument("--request-log")
    parser.add_argument("--status", type=int)
    parser.add_argument("--hang", action="store_true")
    parser.add_argument("--garbage", action="store_true")
    parser.add_argument("--oauth", action="store_true")
    parser.add_argument("--expires-in", type=int, default=3600)
    options = parser.parse_args()
    server = Server(
        "http-fixture", version="1.0.0", instructions=options.instructions, on_list_tools=list_tools, on_call_tool=call
    )
    app = server.streamable_http_app(json_response=options.json_response)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    oauth = FakeAuthorizationServer(f"http://127.0.0.1:{port}", options.expires_in) if options.oauth else None
    config = uvicorn.Config(
        logging_middleware(app, options.request_log, options.status, options.hang, options.garbage, oauth),
        log_level="warning",
        lifespan="on",
    )
    uv = uvicorn.Server(config)
    async with anyio.create_task_group() as group:
        group.start_soon(uv.serve, [sock])
        while not uv.started:
            await anyio.sleep(0.01)
        print(f"listening on http://127.0.0.1:{port}/mcp", flush=True)


if __name__ == "__main__":
    anyio.run(main)
