#!/usr/bin/env python3
"""A stdio MCP server for the MCP client tests, written with the official MCP Python SDK (mcp 2.3.0).

Tools: echo (text back), structured (structuredContent), image (one PNG block), fail (isError), rpcerror (a
JSON-RPC error), slow (sleeps `seconds`), crash (the process exits), env (one environment variable), cwd (the
working directory), pid (the process id), dup-name / dup_name (a sanitising collision), readonly (annotated
read-only: needs no approval) and ask (sends `elicitation/create` for a `colour` and returns
`ELICIT:<action>:<content as JSON>`). Every tools/call's params are appended as
one JSON line to $FIXTURE_CALL_LOG when that variable is set (pass it through the server's `env`).

usage: mcp_fixture_server.py [--instructions TEXT]
"""

from __future__ import annotations

import json
import os
import sys

import anyio
import mcp.types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from mcp.shared.exceptions import MCPError

TEXT_SCHEMA = {
    "type": "object",
    "properties": {"text": {"type": "string", "description": "what to echo", "title": "Text"}},
    "required": ["text"],
}
EMPTY_SCHEMA = {"type": "object", "properties": {}}
PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def tool(name: str, description: str, schema: dict) -> types.Tool:
    return types.Tool(name=name, description=description, input_schema=schema)


TOOLS = [
    tool("echo", "Echo the text back.", TEXT_SCHEMA),
    tool("structured", "Returns structured content.", EMPTY_SCHEMA),
    tool("image", "Returns an image.", EMPTY_SCHEMA),
    tool("fail", "Reports an error result.", EMPTY_SCHEMA),
    tool("rpcerror", "Answers with a JSON-RPC error.", EMPTY_SCHEMA),
    tool("slow", "Sleeps.", {"type": "object", "properties": {"seconds": {"type": "number"}}}),
    tool("crash", "Exits the server.", EMPTY_SCHEMA),
    tool("env", "One environment variable.", {"type": "object", "properties": {"name": {"type": "string"}}}),
    tool("cwd", "The working directory.", EMPTY_SCHEMA),
    tool("pid", "The server's process id.", EMPTY_SCHEMA),
    tool("dup-name", "Collides with dup_name.", EMPTY_SCHEMA),
    tool("dup_name", "Collides with dup-name.", EMPTY_SCHEMA),
    types.Tool(
        name="readonly", description="Reads only.", input_schema=EMPTY_SCHEMA,
        annotations=types.ToolAnnotations(read_only_hint=True, destructive_hint=False)),
    tool("ask", "Asks the user for a colour.", EMPTY_SCHEMA),
]
COLOUR_SCHEMA = {"type": "object", "properties": {"colour": {"type": "string"}}, "required": ["colour"]}


def text(value: str) -> list[types.TextContent]:
    return [types.TextContent(type="text", text=value)]


async def list_tools(ctx, params) -> types.ListToolsResult:
    return types.ListToolsResult(tools=TOOLS)


async def call_tool(ctx, params: types.CallToolRequestParams) -> types.CallToolResult:
    log = os.environ.get("FIXTURE_CALL_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(params.model_dump(mode="json", by_alias=True, exclude_none=True)) + "\n")
    arguments = params.arguments or {}
    name = params.name
    if name == "echo":
        return types.CallToolResult(content=text("ECHO:" + str(arguments.get("text", ""))))
    if name == "structured":
        return types.CallToolResult(content=text("ignored by the model"), structured_content={"answer": 42})
    if name == "image":
        return types.CallToolResult(content=[types.ImageContent(type="image", data=PNG_1X1, mime_type="image/png")])
    if name == "fail":
        return types.CallToolResult(content=text("it went wrong"), is_error=True)
    if name == "rpcerror":
        raise MCPError(-32000, "custom rpc failure")
    if name == "slow":
        await anyio.sleep(float(arguments.get("seconds", 30)))
        return types.CallToolResult(content=text("slept"))
    if name == "crash":
        os._exit(3)
    if name == "env":
        return types.CallToolResult(content=text(os.environ.get(str(arguments.get("name", "")), "<unset>")))
    if name == "cwd":
        return types.CallToolResult(content=text(os.getcwd()))
    if name == "ask":
        answer = await ctx.session.elicit_form("Which colour?", COLOUR_SCHEMA, related_request_id=ctx.request_id)
        return types.CallToolResult(content=text(f"ELICIT:{answer.action}:{json.dumps(answer.content, sort_keys=True)}"))
    if name == "pid":
        return types.CallToolResult(content=text(str(os.getpid())))
    return types.CallToolResult(content=text(name))


async def main() -> None:
    instructions = None
    if len(sys.argv) == 3 and sys.argv[1] == "--instructions":
        instructions = sys.argv[2]
    server = Server("fixture", version="1.0.0", instructions=instructions, on_list_tools=list_tools, on_call_tool=call_tool)
    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


if __name__ == "__main__":
    anyio.run(main)
