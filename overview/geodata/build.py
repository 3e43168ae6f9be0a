"""Build ``map.json``, the outlines of the countries of Africa and Europe that the map of
the dialogue draws, from ``countries-50m.json`` (Natural Earth's 1:50m countries, public
domain, as TopoJSON from the world-atlas package 2.0.2, ISC licence).

    python -m overview.geodata.build

The outlines are cut to a box around the two continents, projected (Lambert azimuthal
equal-area, centred on 15° E, 20° N, so that neither continent is stretched), simplified
(Douglas-Peucker, to a fraction of a pixel at the map's width) and written as SVG path
data with one decimal, keyed by ISO 3166 alpha-2 code (from Debian's iso-codes,
``/usr/share/iso-codes/json/iso_3166-1.json``), each with a point inside it for a label.
Run it again only to change the map; the result is committed.
"""

import itertools
import json
import math
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "countries-50m.json"
TARGET = HERE / "map.json"
ISO_CODES = Path("/usr/share/iso-codes/json/iso_3166-1.json")
# Longitude and latitude of the box kept, and the centre of the projection.
WEST, EAST, SOUTH, NORTH = -26.0, 60.0, -36.0, 72.0
CENTRE = (15.0, 20.0)
WIDTH = 1000.0
TOLERANCE = 0.7
SMALLEST_RING = 1.5  # square units: smaller islands go, unless they are a whole country
SLIVER = 0.2


def decode_arcs(topology):
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"].values()
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(indexes, arcs):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def clip(ring):
    """Sutherland-Hodgman against the box, edge by edge."""
    edges = [
        (lambda p: p[0] >= WEST, lambda a, b: _cross_x(a, b, WEST)),
        (lambda p: p[0] <= EAST, lambda a, b: _cross_x(a, b, EAST)),
        (lambda p: p[1] >= SOUTH, lambda a, b: _cross_y(a, b, SOUTH)),
        (lambda p: p[1] <= NORTH, lambda a, b: _cross_y(a, b, NORTH)),
    ]
    for inside, cross in edges:
        if not ring:
            break
        result = []
        previous = ring[-1]
        for point in ring:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        ring = result
    return ring


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def project(point):
    lon, lat = map(math.radians, point)
    lon0, lat0 = map(math.radians, CENTRE)
    cos_c = math.sin(lat0) * math.sin(lat) + math.cos(lat0) * math.cos(lat) * math.cos(lon - lon0)
    k = math.sqrt(2 / (1 + cos_c))
    x = k * math.cos(lat) * math.sin(lon - lon0)
    y = k * (math.cos(lat0) * math.sin(lat) - math.sin(lat0) * math.cos(lat) * math.cos(lon - lon0))
    return x, -y


def simplify(points, tolerance):
    """Douglas-Peucker, without recursion."""
    if len(points) < 3:
        return points
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay) or 1e-12
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep.add(farthest)
            stack += [(first, farthest), (farthest, last)]
    return [points[index] for index in sorted(keep)]


def edges(ring):
    """Each side of a ring, the last one closing it."""
    return zip(ring, [*ring[1:], ring[0]], strict=True)


def area(ring):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in edges(ring))) / 2


def centroid(ring):
    a = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in edges(ring)) / 2
    if not a:
        return ring[0]
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in edges(ring))
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in edges(ring))
    return cx / (6 * a), cy / (6 * a)


def path(rings):
    parts = []
    for ring in rings:
        x, y = ring[0]
        steps = [f"M{x:.1f} {y:.1f}"]
        for (px, py), (qx, qy) in itertools.pairwise(ring):
            steps.append(f"l{round(qx, 1) - round(px, 1):.1f} {round(qy, 1) - round(py, 1):.1f}")
        parts.append("".join(steps).replace(".0 ", " ").replace(".0l", "l") + "z")
    return "".join(parts)


def main():
    topology = json.loads(SOURCE.read_text())
    arcs = decode_arcs(topology)
    alpha_2 = {
        entry["numeric"]: entry["alpha_2"] for entry in json.loads(ISO_CODES.read_text())["3166-1"]
    }
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = []
        for polygon in polygons:
            for indexes in polygon[:1]:  # outer rings only: lakes are not drawn
                whole = ring_points(indexes, arcs)
                if not any(WEST <= x <= EAST and SOUTH <= y <= NORTH for x, y in whole):
                    continue
                ring = clip(whole)
                # Rings end where they start: simplified as an open line, closed by "z".
                if ring and ring[0] == ring[-1]:
                    ring = ring[:-1]
                if len(ring) >= 3:
                    rings.append([project(point) for point in ring])
        if rings:
            key = alpha_2.get(geometry.get("id") or "", "") or f"~{geometry['properties']['name']}"
            shapes.append((key, rings))
    points = [point for _key, rings in shapes for ring in rings for point in ring]
    left = min(x for x, _y in points)
    top = min(y for _x, y in points)
    scale = WIDTH / (max(x for x, _y in points) - left)
    height = (max(y for _x, y in points) - top) * scale
    countries = {}
    for key, rings in shapes:
        rings = [
            simplify([((x - left) * scale, (y - top) * scale) for x, y in ring], TOLERANCE)
            for ring in rings
        ]
        # A ring along the edge of the box, where a country was cut away, has no area.
        rings = [ring for ring in rings if len(ring) >= 3 and area(ring) >= SLIVER]
        if not rings:
            continue
        largest = max(rings, key=area)
        kept = [ring for ring in rings if area(ring) >= SMALLEST_RING] or [largest]
        x, y = centroid(largest)
        countries[key] = {"d": path(kept), "x": round(x, 1), "y": round(y, 1)}
    TARGET.write_text(
        json.dumps(
            {"width": WIDTH, "height": round(height, 1), "countries": countries},
            separators=(",", ":"),
            sort_keys=True,
        )
        + "\n"
    )
    print(f"{len(countries)} countries, {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
