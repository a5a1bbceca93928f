"""Fail if the built HTML book loads anything from another host.

Scans every .html and .css file under the build folder for scripts, stylesheets,
fonts and images (``src=``, ``<link href=``, CSS ``url(...)``, ``@import``) whose
address starts with ``http://``, ``https://`` or ``//``. Plain hyperlinks
(``<a href>``) are fine: a reader may follow them when online.

Usage: python tools/check_offline.py [_build/html]
"""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""", re.IGNORECASE)


class _AssetFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.remote = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "style":
            self._in_style = True
        if tag in ("script", "img", "iframe", "source", "video", "audio", "embed", "input"):
            src = attrs.get("src") or ""
            if REMOTE.match(src):
                self.remote.append(f"<{tag} src={src}>")
        if tag == "link":
            rel = (attrs.get("rel") or "").lower()
            href = attrs.get("href") or ""
            if REMOTE.match(href) and any(
                r in rel for r in ("stylesheet", "preload", "icon", "modulepreload", "prefetch")
            ):
                self.remote.append(f"<link rel={rel} href={href}>")
        style = attrs.get("style") or ""
        self.remote.extend(u for u in CSS_URL.findall(style) if REMOTE.match(u))

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.remote.extend(u for u in CSS_URL.findall(data) if REMOTE.match(u))


def find_remote_assets(root):
    """Return ``{file: [remote asset references]}`` for every offending file under ``root``."""
    root = Path(root)
    found = {}
    for path in sorted(root.rglob("*")):
        if path.suffix == ".html":
            finder = _AssetFinder()
            finder.feed(path.read_text(encoding="utf-8", errors="replace"))
            hits = finder.remote
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            hits = [u for u in CSS_URL.findall(text) if REMOTE.match(u)]
        else:
            continue
        if hits:
            found[str(path.relative_to(root))] = sorted(set(hits))
    return found


def main(argv):
    root = Path(argv[1] if len(argv) > 1 else "_build/html")
    if not (root / "index.html").exists():
        print(f"check_offline: no built book at {root} (run `jupyter-book build .` first)")
        return 2
    found = find_remote_assets(root)
    n_pages = sum(1 for _ in root.rglob("*.html"))
    if found:
        print(f"check_offline: {len(found)} file(s) load assets from other hosts:")
        for name, hits in found.items():
            for hit in hits:
                print(f"  {name}: {hit}")
        return 1
    print(f"check_offline: {n_pages} HTML pages, no script/stylesheet/font/image from another host")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
