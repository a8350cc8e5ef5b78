"""HTTP authentication for a store: Basic, Digest, or whichever the store's challenge asks for."""

from __future__ import annotations

import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

__all__ = ["AUTH_SCHEMES", "ChallengeAuth"]

#: ``auto`` answers the store's 401 challenge (Digest or Basic); the others send that scheme.
AUTH_SCHEMES: tuple[str, ...] = ("auto", "basic", "digest")


class ChallengeAuth(AuthBase):
    """Log in as ``user`` with Basic or Digest authentication.

    ``scheme="auto"`` sends no credentials until the store answers 401, then answers its
    challenge (Digest if offered, else Basic) and keeps that scheme for later requests; Digest
    then signs each request at once with the store's last nonce (requests' ``HTTPDigestAuth``).

    >>> import requests
    >>> r = requests.Request("PUT", "http://h/store", auth=ChallengeAuth("u", "p", "basic")).prepare()
    >>> r.headers["Authorization"]
    'Basic dTpw'
    """

    def __init__(self, user: str, password: str, scheme: str = "auto") -> None:
        if scheme not in AUTH_SCHEMES:
            raise ValueError(f"unknown scheme {scheme!r}; choose from: {', '.join(AUTH_SCHEMES)}")
        self.user = user
        self.scheme = scheme
        self._basic = HTTPBasicAuth(user, password)
        self._digest = HTTPDigestAuth(user, password)

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        if self.scheme == "basic":
            return self._basic(r)
        r = self._digest(r)
        if self.scheme == "auto":
            r.register_hook("response", self._answer_basic)
        return r

    def _answer_basic(self, r: requests.Response, **kwargs) -> requests.Response:
        """Resend once with Basic credentials when a 401 challenge offers Basic and not Digest."""
        challenge = r.headers.get("www-authenticate", "").lower()
        if r.status_code != 401 or "basic" not in challenge or "digest" in challenge:
            return r
        self.scheme = "basic"
        r.content  # noqa: B018 - read the body so the connection can be reused
        r.close()
        prep = r.request.copy()
        self._basic(prep)
        again = r.connection.send(prep, **kwargs)
        again.history.append(r)
        again.request = prep
        return again
