"""The brand in one place (docs/_data/practice.yml brand:, kirkas/brand.py, hooks/brand.py).

Colours are checked for form and WCAG AA contrast in both schemes, the logo for
being a self-contained SVG without scripts; each problem fails the build naming the
data file's line. (That the colours reach the stylesheet and the share images, and
the logo the header, is tested on the fixture practice: tests/test_engine_fixture.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kirkas.brand import contrast_ratio, parse_color, svg_problem
from tests.support.report import entries_at
from tests.support.site import SITE_PROJECT, build_project

DATA_FILE = Path("docs") / "_data" / "practice.yml"


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio(parse_color("#000"), parse_color("#ffffff")) == pytest.approx(21)
    assert contrast_ratio(parse_color("#777777"), parse_color("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(parse_color("#ffffff"), parse_color("#ffffff")) == pytest.approx(1)


@pytest.mark.parametrize(("svg", "expected"), [
    ('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4" fill="#000"/></svg>', None),
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "event handler"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
     '<image x:href="https://cdn.example/a.png"/></svg>', "another file"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:red"/></svg>', "style="),
    ('<svg xmlns="http://www.w3.org/2000/svg"><linearGradient id="g"/></svg>', 'id="g"'),
    ("<html><body>not a drawing</body></html>", "not an SVG"),
    ("GIF89a", "not a valid SVG"),
])
def test_logo_safety(tmp_path, svg, expected):
    logo = tmp_path / "logo.svg"
    logo.write_text(svg, encoding="utf-8")
    problem = svg_problem(logo)  # (what is wrong, how to fix it)
    if expected is None:
        assert problem is None, problem
    else:
        message, fix = problem
        assert expected in message and fix, problem


@pytest.mark.real_site
def test_the_sites_brand_passes_its_own_checks():
    data = yaml.safe_load((SITE_PROJECT / DATA_FILE).read_text(encoding="utf-8"))
    assert svg_problem(SITE_PROJECT / "docs" / data["brand"]["logo"]) is None
    for scheme in data["brand"]["colors"].values():
        assert contrast_ratio(parse_color(scheme["text"]), parse_color(scheme["background"])) >= 4.5


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing needle."""
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.slow
def test_brand_problems_fail_the_build_naming_the_data_file_line(fixture_project: Path, tmp_path: Path):
    data_file = fixture_project / DATA_FILE
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    text = data_file.read_text(encoding="utf-8")
    dark = data["brand"]["colors"]["dark"]
    light = data["brand"]["colors"]["light"]
    # Dark scheme: links barely lighter than the background. Light scheme: not a colour.
    text = text.replace(f'      primary: "{dark["primary"]}"', '      primary: "#2a2533"')
    text = text.replace(f'      accent: "{light["accent"]}"', "      accent: orange")
    (fixture_project / "docs" / data["brand"]["logo"]).write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8")
    data_file.write_text(text, encoding="utf-8")
    result = build_project(fixture_project, tmp_path / "site")
    assert result.returncode != 0
    shown = DATA_FILE.as_posix()
    (contrast,) = entries_at(result.output, shown, line_of(text, '"#2a2533"'))
    assert "In the dark scheme, links are hard to see on the page background." in contrast
    assert "brand.colors.dark.primary #2a2533" in contrast and "WCAG AA needs 4.5:1" in contrast
    assert "How to fix: Make 'primary' or 'background' darker or lighter." in contrast
    (colour,) = entries_at(result.output, shown, line_of(text, "accent: orange"))
    assert "'brand.colors.light.accent': 'orange' is not a colour." in colour
    assert 'How to fix: Write a hexadecimal colour code in quotes, e.g. "#1d5c57"' in colour
    (logo,) = entries_at(result.output, shown, line_of(text, "logo:"))
    assert f"The logo docs/{data['brand']['logo']} contains <script>" in logo
    assert "How to fix: Export the logo without it." in logo
