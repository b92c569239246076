#!/usr/bin/env python3
"""A fake ChatGPT backend with the connectors gateway, for the connector tests (connectors.md section 5).

usage: fake_chatgpt_connectors.py [--request-log FILE] [--mcp-status CODE]

Serves on 127.0.0.1 (any free port) and prints `listening on http://127.0.0.1:PORT/backend-api/`:
  POST /backend-api/ps/mcp                 streamable-HTTP MCP with JSON responses (the `codex_apps` gateway);
                                           answers every POST with CODE instead when --mcp-status is given
  GET  /backend-api/ps/mcp                 405;  DELETE -> 200
  GET  /backend-api/connectors/directory/list   the app directory, two pages (token "p2")
  POST /backend-api/ps/apps/batch          metadata of the known ids among `app_ids`
  anything else                            404 {"detail":"not found"}
Every request is appended to the log as one JSON line {method, path, headers, body}.
Standard library only.
"""
import argparse
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOOLS = [
    {"name": "acme_docs_search", "description": "Search Acme Docs.",
     "inputSchema": {"type": "object", "properties": {"query": {"type": "string"}}},
     "annotations": {"readOnlyHint": True},
     "_meta": {"connector_id": "connector_acme", "connector_name": "Acme Docs",
               "connector_description": "Docs from Acme."}},
    {"name": "acme_docs_create_page", "description": "Create a page.",
     "inputSchema": {"type": "object", "properties": {"title": {"type": "string"}}},
     "annotations": {"readOnlyHint": False, "destructiveHint": False, "openWorldHint": True},
     "_meta": {"connector_id": "connector_acme", "connector_name": "Acme Docs",
               "connector_description": "Docs from Acme."}},
    {"name": "zeta_list", "description": "List Zeta things.",
     "inputSchema": {"type": "object", "properties": {}},
     "annotations": {"readOnlyHint": True},
     "_meta": {"connector_id": "connector_zeta", "connector_name": "Zeta"}},
    {"name": "openai_internal", "description": "Internal.",
     "inputSchema": {"type": "object", "properties": {}},
     "_meta": {"connector_id": "connector_openai_internal", "connector_name": "OpenAI Internal"}},
]

DIRECTORY_PAGES = {
    None: {"apps": [
        {"id": "connector_zeta", "name": "Zeta", "description": "Zeta app", "logoUrl": "https://x/zeta.png",
         "distributionChannel": "ECOSYSTEM_DIRECTORY"},
        {"id": "connector_beta", "name": "Beta (not linked)", "description": None},
        {"id": "connector_hidden", "name": "Hidden", "visibility": "HIDDEN"},
    ], "next_token": "p2"},
    "p2": {"apps": [
        {"id": "connector_acme", "name": "Acme Docs", "description": "Docs from Acme.",
         "logo_url": "https://x/acme.png"},
    ], "next_token": None},
}

BATCH = {
    "connector_acme": {"id": "connector_acme", "name": "Acme Docs", "description": "Docs from Acme.",
                       "icon_url": "https://x/acme.png", "distribution_channel": "ECOSYSTEM_DIRECTORY",
                       "tools": [{"name": "search", "title": "Search", "description": "Search docs.",
                                  "is_read_only": True},
                                 {"name": "create_page", "description": "Create a page.", "is_read_only": False,
                                  "is_enabled": False, "disabled_reason": "admin"}]},
    "connector_zeta": {"id": "connector_zeta", "name": "Zeta", "tools": []},
}

LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record(self, body):
        if not self.server.request_log:
            return
        entry = {"method": self.command, "path": self.path,
                 "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
        with LOCK, open(self.server.request_log, "a") as log:
            log.write(json.dumps(entry) + "\n")

    def reply(self, status, payload=None, headers=None):
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if payload is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return raw.decode(errors="replace")

    def do_GET(self):
        self.record(None)
        path, _, query = self.path.partition("?")
        params = dict(part.split("=", 1) for part in query.split("&") if "=" in part)
        if path == "/backend-api/ps/mcp":
            return self.reply(405)
        if path == "/backend-api/connectors/directory/list":
            page = DIRECTORY_PAGES.get(params.get("token"))
            return self.reply(200, page) if page else self.reply(400, {"detail": "bad token"})
        self.reply(404, {"detail": "not found"})

    def do_DELETE(self):
        self.record(None)
        self.reply(200 if self.path.startswith("/backend-api/ps/mcp") else 404)

    def do_POST(self):
        body = self.read_body()
        self.record(body)
        if self.path == "/backend-api/ps/apps/batch":
            ids = body.get("app_ids", []) if isinstance(body, dict) else []
            return self.reply(200, {"apps": [BATCH[i] for i in ids if i in BATCH]})
        if self.path != "/backend-api/ps/mcp":
            return self.reply(404, {"detail": "not found"})
        if self.server.mcp_status:
            return self.reply(self.server.mcp_status, {"detail": "gateway unavailable"})
        if not isinstance(body, dict) or "id" not in body:
            return self.reply(202)
        method, rid = body.get("method"), body["id"]
        if method == "initialize":
            result = {"protocolVersion": body.get("params", {}).get("protocolVersion", "2025-06-18"),
                      "capabilities": {"tools": {"listChanged": False}},
                      "serverInfo": {"name": "fake-codex-apps", "version": "1.0.0"}}
            return self.reply(200, {"jsonrpc": "2.0", "id": rid, "result": result},
                              {"Mcp-Session-Id": "fake-session-1"})
        if method == "tools/list":
            return self.reply(200, {"jsonrpc": "2.0", "id": rid, "result": {"tools": TOOLS}})
        if method == "tools/call":
            params = body.get("params", {})
            text = "CALLED %s %s" % (params.get("name"), json.dumps(params.get("arguments"), sort_keys=True))
            return self.reply(200, {"jsonrpc": "2.0", "id": rid,
                                    "result": {"content": [{"type": "text", "text": text}], "isError": False}})
        self.reply(200, {"jsonrpc": "2.0", "id": rid, "error": {"code": -32601, "message": "method not found"}})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--request-log")
    parser.add_argument("--mcp-status", type=int)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_log = args.request_log
    server.mcp_status = args.mcp_status
    print("listening on http://127.0.0.1:%d/backend-api/" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
