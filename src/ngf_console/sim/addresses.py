"""Loopback pod IPs: one address per simulated pod, so every pod can listen on its real port.

Linux routes all of 127.0.0.0/8 to the loopback interface, so a simulated pod serves its
model server on `<podIP>:8000` and its DCGM exporter on `<podIP>:9400` like a real pod,
without port juggling, and Prometheus scrapes the address the Pod object reports.

`AddressPool` hands out the hosts of one loopback network (default `127.10.0.0/16`, away from
`127.0.0.1` and Debian's `127.0.1.1`) round-robin, like a CNI's IPAM: a released address is
reused only after every other free one, so a pod that just left is not confused with the
next one in Prometheus. Pure bookkeeping; nothing is bound here.
"""

from __future__ import annotations

import ipaddress

DEFAULT_NETWORK = "127.10.0.0/16"
_LOOPBACK = ipaddress.IPv4Network("127.0.0.0/8")


class AddressPoolExhaustedError(RuntimeError):
    """Every address of the network is in use."""


class AddressPool:
    """Allocates the host addresses of a loopback network, round-robin."""

    def __init__(self, network: str = DEFAULT_NETWORK) -> None:
        net = ipaddress.IPv4Network(network)
        if not net.subnet_of(_LOOPBACK):
            raise ValueError(f"{network} is not inside the loopback network 127.0.0.0/8")
        if net.num_addresses < 4:
            raise ValueError(f"{network} is too small: use at least a /30")
        self.network = net
        self._first = int(net.network_address) + 1
        self._size = net.num_addresses - 2  # no network or broadcast address
        self._next = 0
        self._used: set[int] = set()

    def __len__(self) -> int:
        """Addresses in use."""
        return len(self._used)

    def allocate(self) -> str:
        """The next free address after the last one handed out."""
        if len(self._used) >= self._size:
            raise AddressPoolExhaustedError(f"all {self._size} addresses of {self.network} in use")
        while True:
            offset = self._next
            self._next = (self._next + 1) % self._size
            if offset not in self._used:
                self._used.add(offset)
                return str(ipaddress.IPv4Address(self._first + offset))

    def release(self, address: str) -> None:
        """Return `address` to the pool (unknown addresses are ignored)."""
        offset = int(ipaddress.IPv4Address(address)) - self._first
        self._used.discard(offset)

    def in_use(self, address: str) -> bool:
        return int(ipaddress.IPv4Address(address)) - self._first in self._used
