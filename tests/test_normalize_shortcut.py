"""``normalize`` looks for the characters it replaces only where they can be (see its comments)."""

import pytest

from sobaocao.vietnamese.text import _INVISIBLE, _LOOKALIKE_D, normalize


def test_every_invisible_character_is_unprintable() -> None:
    """A printable text holds none of them, so it is not searched for them."""
    assert not any(ch.isprintable() for ch in _INVISIBLE)


@pytest.mark.parametrize("lookalike", sorted(_LOOKALIKE_D))
def test_a_lookalike_d_is_replaced_in_a_printable_composed_text(lookalike: str) -> None:
    assert normalize(f"{lookalike}ảng ủy") == f"{_LOOKALIKE_D[lookalike]}ảng ủy"


@pytest.mark.parametrize("invisible", sorted(_INVISIBLE))
def test_an_invisible_character_goes_from_a_composed_text(invisible: str) -> None:
    assert normalize(f"Đảng{invisible} ủy") == "Đảng ủy"
