"""Links left per host (links/queues.py): what the progress display shows beside checked / all."""

from __future__ import annotations

from armsdeal.links.queues import HostQueues, host_of


def test_the_busiest_hosts_come_first_and_shrink_as_answers_come() -> None:
    queues = HostQueues(
        [
            "http://A.example/1",
            "http://a.example/2",
            "https://a.example:8443/3",
            "http://b.example/",
            "http://c.example/",
        ]
    )
    assert queues.total == 5
    assert queues.busiest(2) == [("a.example", 3), ("b.example", 1)]  # a tie goes by name
    for url in ("http://a.example/1", "http://a.example/2", "http://b.example/"):
        queues.answered(url)
    assert queues.busiest(3) == [("a.example", 1), ("c.example", 1)]
    assert queues.hosts_waiting() == 2 and queues.checked == 3


def test_a_url_without_a_host_is_counted_under_no_name() -> None:
    assert host_of("http://[::1") == "" and host_of("mailto:someone@example.org") == ""
    queues = HostQueues(["http://[::1"])
    queues.answered("http://[::1")
    assert queues.busiest(3) == [] and queues.checked == 1
