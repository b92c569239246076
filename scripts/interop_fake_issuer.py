"""A fake OAuth issuer on 127.0.0.1 for the SDK login steps of interop_sdk.py.

`GET /oauth/authorize` plays the user who signs in (302 to the redirect URI with a code and the state);
`POST /oauth/token` exchanges a code after checking the PKCE verifier, and answers the API-key exchange;
the device-code endpoints approve on the second poll. Tokens are unsigned JWTs for user@example.com on
the `pro` plan. Nothing here reaches a real issuer.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

EMAIL = "user@example.com"
PLAN = "pro"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _jwt(claims: dict[str, Any]) -> str:
    return _b64(b'{"alg":"none"}') + "." + _b64(json.dumps(claims).encode()) + ".c2ln"


class FakeIssuer:
    def __init__(self) -> None:
        self.codes: dict[str, tuple[str, str]] = {}
        self.device_polls = 0
        self.lock = threading.Lock()
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:  # quiet
                pass

            def _send(self, status: int, body: str = "", headers: dict[str, str] | None = None) -> None:
                data = body.encode()
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                if url.path != "/oauth/authorize":
                    return self._send(404, "{}")
                query = dict(urllib.parse.parse_qsl(url.query))
                with issuer.lock:
                    code = f"code-{len(issuer.codes) + 1}"
                    issuer.codes[code] = (query["code_challenge"], query["redirect_uri"])
                location = query["redirect_uri"] + "?" + urllib.parse.urlencode({"code": code, "state": query["state"]})
                self._send(302, "", {"Location": location})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                if self.path == "/oauth/token":
                    form = dict(urllib.parse.parse_qsl(raw))
                    if form.get("grant_type") == "authorization_code":
                        with issuer.lock:
                            entry = issuer.codes.pop(form.get("code", ""), None)
                        challenge = _b64(hashlib.sha256(form.get("code_verifier", "").encode()).digest())
                        if entry is None or entry != (challenge, form.get("redirect_uri")):
                            return self._send(400, '{"error":"invalid_grant"}')
                        return self._send(200, json.dumps(issuer.tokens()))
                    return self._send(200, '{"access_token":"sk-interop-exchanged"}')
                if self.path == "/api/accounts/deviceauth/usercode":
                    return self._send(200, '{"device_auth_id":"dev-1","user_code":"ABCD-EFGH","interval":"0"}')
                if self.path == "/api/accounts/deviceauth/token":
                    with issuer.lock:
                        issuer.device_polls += 1
                        if issuer.device_polls < 2:
                            return self._send(403, '{"error":"pending"}')
                        verifier = "interop-device-verifier"
                        issuer.codes["device-code"] = (
                            _b64(hashlib.sha256(verifier.encode()).digest()),
                            issuer.base_url + "/deviceauth/callback",
                        )
                    answer = {"authorization_code": "device-code", "code_challenge": "", "code_verifier": verifier}
                    return self._send(200, json.dumps(answer))
                self._send(404, "{}")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def tokens(self) -> dict[str, str]:
        auth = {"chatgpt_plan_type": PLAN, "chatgpt_account_id": "acct-interop", "chatgpt_user_id": "user-interop"}
        return {
            "id_token": _jwt({"email": EMAIL, "https://api.openai.com/auth": auth}),
            "access_token": _jwt({"exp": 4102444800}),
            "refresh_token": "rt-interop",
        }

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
