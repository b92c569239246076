"""A fake OAuth 2.1 authorization server for the MCP OAuth tests (used by mcp_http_fixture_server.py --oauth).

Serves, on the MCP server's own origin: RFC 9728 protected-resource metadata
(`/.well-known/oauth-protected-resource[/mcp]`), RFC 8414 metadata (`/.well-known/oauth-authorization-server`),
dynamic client registration (`POST /register`), `GET /authorize` (no login page: it redirects at once to the
`redirect_uri` with a code and the `state`) and `POST /token` (authorization_code with the PKCE S256 check, and
refresh_token). `/mcp` is refused with 401 unless it carries `Authorization: Bearer <an issued access token>`.
Every access token, refresh token and code is unique; a refresh token is good for one refresh.
"""

from __future__ import annotations

import base64
import hashlib
import json
import urllib.parse


class FakeAuthorizationServer:
    def __init__(self, origin: str, expires_in: int) -> None:
        self.origin = origin
        self.expires_in = expires_in
        self.counter = 0
        self.clients: dict[str, list[str]] = {}
        self.codes: dict[str, dict] = {}
        self.access_tokens: set[str] = set()
        self.refresh_tokens: dict[str, str] = {}

    def next_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-{self.counter}"

    @staticmethod
    def json_answer(code: int, value) -> tuple[int, list, bytes]:
        return code, [(b"content-type", b"application/json")], json.dumps(value).encode()

    def metadata(self) -> dict:
        return {
            "issuer": self.origin,
            "authorization_endpoint": self.origin + "/authorize",
            "token_endpoint": self.origin + "/token",
            "registration_endpoint": self.origin + "/register",
            "scopes_supported": ["read", "write"],
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["none"],
        }

    def handle(self, scope, headers: dict[str, str], body: bytes):
        """The answer to a request this server owns, or None to pass it on to the MCP app."""
        path = scope["path"]
        method = scope["method"]
        query = dict(urllib.parse.parse_qsl(scope.get("query_string", b"").decode()))
        if path in ("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"):
            return self.json_answer(200, {"resource": self.origin + "/mcp", "authorization_servers": [self.origin]})
        if path == "/.well-known/oauth-authorization-server":
            return self.json_answer(200, self.metadata())
        if path.startswith("/.well-known/"):
            return self.json_answer(404, {"error": "not_found"})
        if path == "/register" and method == "POST":
            request = json.loads(body or b"{}")
            client_id = self.next_id("client")
            self.clients[client_id] = list(request.get("redirect_uris", []))
            return self.json_answer(201, {**request, "client_id": client_id})
        if path == "/authorize" and method == "GET":
            return self.authorize(query)
        if path == "/token" and method == "POST":
            return self.token(dict(urllib.parse.parse_qsl(body.decode())))
        if path == "/mcp":
            authorization = headers.get("authorization", "")
            if not authorization.startswith("Bearer ") or authorization[7:] not in self.access_tokens:
                return (
                    401,
                    [
                        (b"content-type", b"application/json"),
                        (
                            b"www-authenticate",
                            f'Bearer resource_metadata="{self.origin}/.well-known/oauth-protected-resource/mcp"'.encode(),
                        ),
                    ],
                    b'{"error":"invalid_token"}',
                )
            return None
        return self.json_answer(404, {"error": "not_found"})

    def authorize(self, query: dict[str, str]):
        client_id = query.get("client_id", "")
        redirect_uri = query.get("redirect_uri", "")
        if client_id not in self.clients or redirect_uri not in self.clients[client_id]:
            return self.json_answer(400, {"error": "invalid_client"})
        if query.get("response_type") != "code" or query.get("code_challenge_method") != "S256":
            return self.json_answer(400, {"error": "invalid_request"})
        code = self.next_id("code")
        self.codes[code] = {
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "challenge": query.get("code_challenge", ""),
            "scope": query.get("scope", ""),
        }
        separator = "&" if "?" in redirect_uri else "?"
        location = redirect_uri + separator + urllib.parse.urlencode({"code": code, "state": query.get("state", "")})
        return 302, [(b"location", location.encode())], b""

    def issue(self, scope: str):
        access = self.next_id("access")
        refresh = self.next_id("refresh")
        self.access_tokens.add(access)
        self.refresh_tokens[refresh] = scope
        answer = {"access_token": access, "token_type": "Bearer", "expires_in": self.expires_in, "refresh_token": refresh}
        if scope:
            answer["scope"] = scope
        return self.json_answer(200, answer)

    def token(self, form: dict[str, str]):
        grant = form.get("grant_type")
        if grant == "authorization_code":
            entry = self.codes.pop(form.get("code", ""), None)
            if entry is None or entry["client_id"] != form.get("client_id") or entry["redirect_uri"] != form.get("redirect_uri"):
                return self.json_answer(400, {"error": "invalid_grant"})
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != entry["challenge"]:
                return self.json_answer(400, {"error": "invalid_grant", "error_description": "PKCE check failed"})
            return self.issue(entry["scope"])
        if grant == "refresh_token":
            scope = self.refresh_tokens.pop(form.get("refresh_token", ""), None)
            if scope is None:
                return self.json_answer(400, {"error": "invalid_grant"})
            return self.issue(scope)
        return self.json_answer(400, {"error": "unsupported_grant_type"})
