"""Which hosts a link may reach: a timeline is untrusted input, and a CI runner sits inside a network.

A URL whose host is, or resolves to, a loopback, private, link-local, multicast,
reserved or otherwise non-global address is refused unless the user allows it
(--allow-private): otherwise a timeline could make a scheduled job probe the
runner's own network. Every hop of a redirect is checked again.

The check resolves the name before the request, and the HTTP client resolves it
again when it connects: a name whose answer changes between the two (DNS
rebinding) is not caught. What it prevents is the plain case, a link that names
an internal host or address.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class Unresolvable(Exception):
    """The host name has no address (DNS failure)."""


def is_public(address: Address) -> bool:
    """True for an address on the public internet; an IPv4-mapped IPv6 address is judged as its IPv4 one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def literal_address(host: str) -> Address | None:
    """The address a host names directly ('127.0.0.1', '[::1]'), or None for a name."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


async def resolve(host: str, port: int) -> list[Address]:
    """Every address the host resolves to; Unresolvable when it has none."""
    literal = literal_address(host)
    if literal is not None:
        return [literal]
    loop = asyncio.get_running_loop()
    try:
        answers = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Unresolvable(str(error)) from None
    found: list[Address] = []
    for _family, _type, _proto, _name, sockaddr in answers:
        try:
            found.append(ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0]))
        except ValueError:
            continue
    if not found:
        raise Unresolvable(f"{host} has no address")
    return found


async def refused_address(host: str, port: int) -> Address | None:
    """The first non-public address the host resolves to (None if every one is public)."""
    for address in await resolve(host, port):
        if not is_public(address):
            return address
    return None
