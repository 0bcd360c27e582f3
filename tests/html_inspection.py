"""Reading served HTML the way a browser enforcing the Content-Security-Policy would."""

import re
from html.parser import HTMLParser

# Script types browsers do not execute: data blocks, allowed without a nonce.
DATA_BLOCK_TYPES = {"application/json", "application/ld+json"}


class CspViolationFinder(HTMLParser):
    def __init__(self, nonce: str) -> None:
        super().__init__()
        self.nonce = nonce
        self.violations: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.violations.append(f"inline event handler {name} on <{tag}>")
            if name == "style":
                self.violations.append(f"inline style attribute on <{tag}>")
            if (
                name in {"href", "src", "action"}
                and value
                and value.strip().lower().startswith("javascript:")
            ):
                self.violations.append(f"javascript: URL on <{tag}>")
        if tag == "script":
            self.scripts += 1
            if (attributes.get("type") or "").lower() in DATA_BLOCK_TYPES:
                return
            if not attributes.get("src"):
                self.violations.append("inline <script> without src")
        if tag == "style" and attributes.get("nonce") != self.nonce:
            self.violations.append("<style> without the response's nonce")


def csp_nonce(header: str) -> str:
    match = re.search(r"script-src [^;]*'nonce-([^']+)'", header)
    return match.group(1) if match else ""


def csp_violations(html: str, csp_header: str) -> list[str]:
    finder = CspViolationFinder(csp_nonce(csp_header))
    finder.feed(html)
    return finder.violations
