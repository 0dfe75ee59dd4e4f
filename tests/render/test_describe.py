"""Plain wording of quantities and values, shared by the terminal view and exports."""

from __future__ import annotations

import pytest

from armsdeal.core.model import Money, Quantity
from armsdeal.render.describe import money, quantity


@pytest.mark.parametrize(
    ("amount", "approximate", "shown"),
    [
        (2_500_000_000, True, "~2.5 bn USD"),
        (5_430_000_000, False, "5.43 bn USD"),
        (999_999_999, False, "1 bn USD"),
        (999_999, False, "1 m USD"),
        (1_234_567, False, "1.23 m USD"),
        (1_250, False, "1,250 USD"),
        (0.4, False, "0.4 USD"),
        (0, False, "0 USD"),
    ],
)
def test_money_reads_naturally_at_every_size(amount, approximate, shown) -> None:
    """Millions and billions with at most two decimals; never '1000 m'."""
    assert money(Money(amount=amount, currency="USD", approximate=approximate)) == shown


def test_quantity_marks_estimates() -> None:
    """An approximate count gets a tilde."""
    assert quantity(Quantity(count=4, unit="battery", approximate=True)) == "~4 battery"
    assert quantity(Quantity(count=40, unit="aircraft")) == "40 aircraft"
