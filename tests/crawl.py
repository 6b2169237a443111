"""Following an account's links from its landing page, as a user finds the pages (used by the
reachability test and by the accessibility check of every page)."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def crawl(client, pages_per_pattern=5, html_only=False):
    """{url name: [path, …]} of the pages reachable by links from "/" (a few per URL name);
    with `html_only`, only the pages that answered with HTML (no downloads, no refusals)."""
    found, queue, seen_paths, html_paths = {}, deque(["/"]), set(), set()
    while queue:
        path = queue.popleft()
        response = client.get(path, follow=True)  # "/" sends a regional account to its region
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html_paths.add(path)
        parser = Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/") \
                    or parts.path.startswith("/static/") or parts.path in seen_paths:
                continue
            seen_paths.add(parts.path)
            try:
                name = resolve(parts.path).url_name
            except Resolver404:
                continue
            visited = found.setdefault(name, [])
            # A few pages per URL pattern: what a page links can depend on its object (a signed
            # Bimtek visit links no edit form, a planned one does).
            if len(visited) < pages_per_pattern:
                visited.append(parts.path)
                queue.append(parts.path)
    if html_only:
        return {name: kept for name, paths in found.items()
                if (kept := [path for path in paths if path in html_paths])}
    return found
