"""The cache folder comes with the manuscript and is untrusted: its links are never followed,
nothing outside it is written or deleted, and its records cannot carry styles (tests/e2e/test_cache.py)."""

import json

from book.store import Cache


def test_a_planted_link_for_the_parts_folder_deletes_nothing_outside(tmp_path):
    victim = tmp_path / "home"
    victim.mkdir()
    (victim / "thesis.tex").write_text("years of work")
    cache = tmp_path / "book" / ".cache"
    cache.mkdir(parents=True)
    (cache / "parts").symlink_to(victim)
    Cache(cache).keep_files("parts", {"abc.pdf": b"%PDF"})
    assert (victim / "thesis.tex").read_text() == "years of work"
    assert not (cache / "parts").is_symlink() and (cache / "parts" / "abc.pdf").read_bytes() == b"%PDF"


def test_a_planted_link_for_the_temporary_file_is_not_written_through(tmp_path):
    outside = tmp_path / "bashrc"
    outside.write_text("original")
    cache = tmp_path / ".cache"
    cache.mkdir()
    (cache / ".build.json.part").symlink_to(outside)
    Cache(cache).save("build.json", {"inputs": "x"})
    assert outside.read_text() == "original"
    assert json.loads((cache / "build.json").read_text()) == {"inputs": "x"}


def test_a_cache_file_that_links_outside_is_not_read(tmp_path):
    outside = tmp_path / "secret.json"
    outside.write_text('{"stolen": true}')
    cache = tmp_path / ".cache"
    cache.mkdir()
    (cache / "parts.json").symlink_to(outside)
    assert Cache(cache).load("parts.json") == {} and Cache(cache).read("parts.json") is None


def test_a_cache_folder_that_is_itself_a_link_is_left_alone(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / ".cache").symlink_to(elsewhere)
    Cache(tmp_path / ".cache").save("build.json", {"inputs": "x"})
    assert list(elsewhere.iterdir()) == []
