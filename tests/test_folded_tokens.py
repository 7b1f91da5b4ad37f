"""The tokens ``fold`` keeps: bounded, and never the fold of another token."""

from sobaocao.vietnamese import text


def test_tokens_are_kept_by_their_whole_text(monkeypatch) -> None:
    monkeypatch.setattr(text._FoldedTokens, "MAX_TOKENS", 3)
    kept = text._FoldedTokens()
    monkeypatch.setattr(text, "_folded_token", kept)
    assert text.fold("Đảng ủy") == "dang uy"
    assert text.fold("Đảng ủy,") == "dang uy"
    assert text.fold("ĐẢNG Ủy") == "dang uy"
    assert len(kept) <= 3
    assert text.fold("đảng – Ủy") == "dang uy"
    assert len(kept) <= 3
    assert text.fold("07-CT/TW đảng") == "07 ct tw dang"
    assert all(folded == text._fold_token(token) for token, folded in kept.items())


def test_emptied_as_a_kept_function_is() -> None:
    text.fold("Nghị quyết")
    assert text._folded_token["quyết"] == "quyet"
    text._folded_token.cache_clear()
    assert not text._folded_token
