"""`armsdeal links` without the printing: the cited URLs of some timelines, checked over HTTP.

- ``citations``: which URLs the timelines cite, where each `url:` is written and
  which events stand on it (read from the files, located as `check` locates).
- ``fetch``: every distinct URL checked once, concurrently and politely (a limit
  per host, timeouts, retries with backoff, Retry-After honoured, redirects
  followed and bounded, HEAD first, a streamed GET closed before its body).
- ``client``: HTTP/1.1 requests with h11, connections kept per origin, no body read.
- ``queues``: links left per host, for the progress display.
- ``safety``: the addresses a URL may not reach without --allow-private.
- ``archive``: the Wayback availability API's closest snapshot of a URL.
- ``report``: the results as check's located problems, through check's formats.
- ``rules``: the rule ids of those problems, documented as check's are.

h11 (and, for --archive, httpx) is imported only here, so that no other command pays for it at start-up.
"""
