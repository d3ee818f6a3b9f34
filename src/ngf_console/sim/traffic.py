"""Synthetic inference traffic: a daily rate pattern and prompt families sharing prefixes.

* **Rate.** `DailyPattern.rate(t)` in requests/s: a smooth day with its peak at `peak_hour`
  and its trough twelve hours later at `trough_fraction` of the peak
  (`peak x (f + (1 - f) x ((1 + cos(2π (hour - peak_hour) / 24)) / 2) ** 2)`). A simulated
  day lasts `day_seconds` virtual seconds, so a demo can compress it.
* **Arrivals.** A non-homogeneous Poisson process sampled by thinning (Lewis-Shedler):
  candidates at the peak rate, each kept with probability `rate(t) / peak`.
* **Prompts.** Each `PromptFamily` is an application - a long shared system prompt plus one of
  its user questions and a random suffix - so requests of a family share their leading blocks
  (what the prefix-cache scorer and the servers' prefix caches exploit). Families are drawn by
  weight; output lengths are exponential around the family's mean, capped.

All randomness comes from the injected `random.Random`: same seed, same traffic.
"""

from __future__ import annotations

import asyncio
import math
import random
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from ngf_console.sim.clock import SimClock

_HOURS = 24.0


@dataclass(frozen=True, slots=True)
class DailyPattern:
    """Requests per second over a (possibly compressed) day."""

    peak_rps: float = 4.0
    trough_fraction: float = 0.15
    peak_hour: float = 14.0
    day_seconds: float = 86400.0
    start_hour: float = 0.0

    def hour(self, t: float) -> float:
        """Hour of the simulated day at virtual time `t`."""
        return (self.start_hour + t / self.day_seconds * _HOURS) % _HOURS

    def rate(self, t: float) -> float:
        """Arrival rate (requests/s) at virtual time `t`."""
        phase = 2 * math.pi * (self.hour(t) - self.peak_hour) / _HOURS
        shape = ((1 + math.cos(phase)) / 2) ** 2
        f = self.trough_fraction
        return self.peak_rps * (f + (1 - f) * shape)


@dataclass(frozen=True, slots=True)
class PromptFamily:
    """An application whose requests share a system prompt."""

    name: str
    system_prompt: str
    questions: tuple[str, ...]
    weight: float = 1.0
    mean_output_tokens: int = 128


def _system_prompt(role: str, rules: Sequence[str]) -> str:
    lines = [f"You are {role}. Follow these rules in every answer."]
    lines += [f"Rule {i + 1}: {rule}" for i, rule in enumerate(rules)]
    return "\n".join(lines * 3) + "\n"


DEFAULT_FAMILIES: tuple[PromptFamily, ...] = (
    PromptFamily(
        "support-bot",
        _system_prompt(
            "the customer support assistant of an online bank",
            ["be concise", "never reveal account numbers", "link to the help centre",
             "escalate fraud reports", "answer in the customer's language"],
        ),
        ("How do I reset my card PIN?", "Why was my transfer declined?",
         "Can I raise my daily withdrawal limit?", "How do I dispute a card payment?"),
        weight=4.0,
        mean_output_tokens=96,
    ),
    PromptFamily(
        "code-assistant",
        _system_prompt(
            "a senior Python reviewer",
            ["prefer the standard library", "explain every change", "type-annotate code",
             "point out security issues first", "keep functions small", "write tests"],
        ),
        ("Review this function for bugs.", "Add type hints to this module.",
         "Why is this loop slow?", "Write a unit test for this class."),
        weight=2.0,
        mean_output_tokens=256,
    ),
    PromptFamily(
        "rag-summarizer",
        _system_prompt(
            "a summarizer answering from retrieved documents only",
            ["quote the source document id", "say 'unknown' when the documents do not tell",
             "use at most five bullet points", "keep numbers exact"],
        ),
        ("Summarize the incident report.", "What changed in the Q3 policy?",
         "List the open action items.", "Who approved the budget?"),
        weight=2.0,
        mean_output_tokens=160,
    ),
    PromptFamily(
        "translator",
        _system_prompt("a translator", ["keep formatting", "do not add explanations"]),
        ("Translate to German: the meeting moved to Friday.",
         "Translate to French: your order has shipped.",
         "Translate to Spanish: the password was reset."),
        weight=1.0,
        mean_output_tokens=48,
    ),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Arrival:
    """One request of the generated traffic."""

    at: float
    family: str
    prompt: str
    max_tokens: int


class TrafficGenerator:
    """Generates arrivals in order; `arrivals(until)` continues where the last call stopped."""

    def __init__(
        self,
        pattern: DailyPattern,
        rng: random.Random,
        families: Sequence[PromptFamily] = DEFAULT_FAMILIES,
        *,
        start: float = 0.0,
        max_output_tokens: int = 1024,
    ) -> None:
        if pattern.peak_rps <= 0:
            raise ValueError("peak_rps must be positive")
        self.pattern = pattern
        self.families = tuple(families)
        self._rng = rng
        self._weights = [f.weight for f in self.families]
        self._t = start
        self._max_output = max_output_tokens

    def arrivals(self, until: float) -> list[Arrival]:
        """Every arrival in (last call's end, `until`]."""
        out: list[Arrival] = []
        peak = self.pattern.peak_rps
        while True:
            candidate = self._t + self._rng.expovariate(peak)
            if candidate > until:
                return out  # memoryless: the next call may draw from `until` afresh
            self._t = candidate
            if self._rng.random() * peak <= self.pattern.rate(candidate):
                out.append(self._make(candidate))

    def _make(self, at: float) -> Arrival:
        family = self._rng.choices(self.families, self._weights)[0]
        question = self._rng.choice(family.questions)
        suffix = f" (ticket {self._rng.randrange(10**6):06d})"
        out = min(self._max_output, 1 + int(self._rng.expovariate(1 / family.mean_output_tokens)))
        return Arrival(at, family.name, family.system_prompt + question + suffix, out)

    async def run(
        self,
        send: Callable[[Arrival], Awaitable[object]],
        clock: SimClock,
        *,
        tick: float = 0.5,
    ) -> None:
        """Forever: every `tick` virtual seconds, start `send()` for each due arrival.

        Cancelling `run()` cancels the sends still in flight.
        """
        tasks: set[asyncio.Future[object]] = set()
        try:
            while True:
                for arrival in self.arrivals(clock.now()):
                    task = asyncio.ensure_future(send(arrival))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
                await asyncio.sleep(clock.real_delay(tick))
        finally:
            for pending in tasks:
                pending.cancel()
