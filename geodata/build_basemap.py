"""Regenerate geodata/basemap.geojson, mdl_1953.geojson and world_110m.geojson.

Source: Natural Earth (public domain) as TopoJSON in the npm package world-atlas@2.0.2:
countries-10m.json (1:10m admin-0 countries) and land-110m.json (1:110m land, for the
world locator inset). Run from the project root:

    python -m geodata.build_basemap                # fetches the package with `npm pack`
    python -m geodata.build_basemap --package-dir PATH/package

The output is byte-for-byte the same on every run: coordinates are snapped to a
0.0001 degree grid (about 10 m) and features and keys are written in a fixed order.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import shapely
import shapely.affinity
from shapely.geometry import box, mapping
from shapely.ops import linemerge, unary_union

from geodata.region import BASEMAP_LAT, BASEMAP_LON

PACKAGE = "world-atlas@2.0.2"
# sha256 of the files inside world-atlas 2.0.2: refuse any other input.
SHA256 = {
    "countries-10m.json": "3bc6f1d367a9bcec479841bae0e76092f512838411d0cef124e92eec4db45f79",
    "land-110m.json": "ead5f68119c49a9250902e7da303bcb209341bbb8fefe7369a439b48b704658a",
}
GRID = 1e-4
WORLD_GRID = 1e-2  # about 1 km: plenty for a thumbnail of the world
HERE = Path(__file__).resolve().parent
NE_CITATION = (
    "Natural Earth 1:10m Admin 0 - Countries (public domain), "
    "https://www.naturalearthdata.com/, via npm package world-atlas@2.0.2 countries-10m.json"
)

# Natural Earth name -> how the land area is labelled on a map of 1945-1954.
LAND_AREAS = {
    "North Korea": "Korea",
    "South Korea": "Korea",
    "China": "China",
    "Mongolia": "Mongolia",
    "Russia": "USSR",
    "Japan": "Japan",
}


def fetch_package(workdir: Path) -> Path:
    """Download the world-atlas package with npm and unpack it; returns its folder."""
    subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True, stdout=subprocess.DEVNULL
    )
    tarball = next(workdir.glob("world-atlas-*.tgz"))
    with tarfile.open(tarball) as tar:
        for name in SHA256:
            tar.extract(f"package/{name}", workdir, filter="data")
    return workdir / "package"


def verified(package_dir: Path, name: str) -> Path:
    path = package_dir / name
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SHA256[name]:
        raise SystemExit(f"{path}: sha256 {digest} is not world-atlas 2.0.2's {name}")
    return path


def _snap(geometry):
    return shapely.set_precision(geometry, GRID)


def _polygons_only(geometry):
    """Drop the slivers of line and point that clipping leaves on the frame's edge."""
    polygons = [
        g for g in shapely.get_parts(geometry) if g.geom_type in ("Polygon", "MultiPolygon")
    ]
    return shapely.MultiPolygon(list(shapely.get_parts(shapely.union_all(polygons))))


def build_land(countries: gpd.GeoDataFrame) -> list[dict]:
    """Land areas clipped to the base map's box; North and South Korea merged into one Korea.

    The 1953 line is NOT drawn as a border on the base map: before 27 July 1953 it did not
    exist, and after that date the MDL layer draws it.
    """
    frame = box(BASEMAP_LON[0], BASEMAP_LAT[0], BASEMAP_LON[1], BASEMAP_LAT[1])
    features = []
    for label in sorted(set(LAND_AREAS.values())):
        names = [ne for ne, lab in LAND_AREAS.items() if lab == label]
        parts = countries[countries["name"].isin(names)].geometry
        # Clip first: Natural Earth's Russia is invalid far outside our frame (Chukotka).
        clipped = [shapely.make_valid(part).intersection(frame) for part in parts]
        land = _polygons_only(_snap(unary_union(clipped)))
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": label,
                    "ne_names": ", ".join(sorted(names)),
                    "source": NE_CITATION,
                },
                "geometry": mapping(land),
            }
        )
    return features


def build_mdl(countries: gpd.GeoDataFrame) -> dict:
    """The line North and South Korea share in Natural Earth, ordered west to east."""
    north = countries.loc[countries["name"] == "North Korea"].geometry.iloc[0]
    south = countries.loc[countries["name"] == "South Korea"].geometry.iloc[0]
    shared = linemerge(north.boundary.intersection(south.boundary))
    if shared.geom_type != "LineString":
        raise SystemExit(f"expected one shared line, got {shared.geom_type}")
    if shared.coords[0][0] > shared.coords[-1][0]:
        shared = shared.reverse()
    return {
        "type": "Feature",
        "properties": {
            "id": "mdl_1953",
            "name": "Military Demarcation Line",
            "valid_from": "1953-07-27",
            "accuracy_km": 1.2,
            "source": (
                "Korean Armistice Agreement, 27 July 1953, Article I and map annex | "
                + NE_CITATION
                + ": the North Korea/South Korea shared boundary, Han River estuary to the"
                " east coast"
            ),
            "accuracy_note": (
                "Natural Earth 1:10m generalises the line to 44 vertices: about 1.2 km from "
                "the MDL on average as measured when the base map was chosen, a few km where "
                "it cuts a bend. It measures 204 km; the Agreement gives no length (it fixes "
                "the line on its maps), and International Boundary Study No. 22 gives about "
                "148.5 miles (239 km). The line ends where the Han River estuary begins: the "
                "estuary itself is open water under Article I, paragraph 5."
            ),
        },
        "geometry": mapping(_snap(shared)),
    }


def write_geojson(path: Path, features: list[dict]) -> None:
    """One feature per line, so that validation can point at FILE:LINE."""
    lines = ['{"type": "FeatureCollection", "features": [']
    body = [json.dumps(f, ensure_ascii=False, sort_keys=True) for f in features]
    lines.append(",\n".join(body))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _unwrapped(ring) -> list[tuple[float, float]]:
    """A ring's points with longitudes made continuous: a ring that crosses the
    antimeridian goes on past 180° instead of jumping back to -180°."""
    points, shift, last = [], 0.0, None
    for x, y in ring.coords:
        if last is not None and abs(x + shift - last) > 180:
            shift += 360 if x + shift < last else -360
        points.append((x + shift, y))
        last = x + shift
    return points


def _on_one_side(polygon) -> list:
    """A polygon of the sphere as polygons of the plane between -180° and 180°: cut where
    it crosses the antimeridian, each part moved back to its own side."""
    exterior = shapely.Polygon(
        _unwrapped(polygon.exterior), [_unwrapped(r) for r in polygon.interiors]
    )
    exterior = shapely.make_valid(exterior)
    parts = []
    for offset in (-360, 0, 360):
        window = box(-180 - offset, -90, 180 - offset, 90)
        piece = exterior.intersection(window)
        if not piece.is_empty:
            parts.append(shapely.affinity.translate(piece, xoff=offset))
    return parts


def build_world(land: gpd.GeoDataFrame) -> list[dict]:
    """The world's land, coarse, for the locator inset that shows Moscow, New York, Geneva.
    Every polygon stays on its side of the antimeridian (Chukotka and Fiji are cut there),
    so that a map drawing straight lines between points never draws one across the world."""
    pieces = []
    for geometry in land.geometry:
        for polygon in shapely.get_parts(geometry):
            # Antarctica is left out: the inset never reaches it, and its ring circles the pole.
            if polygon.bounds[1] < -60:
                continue
            pieces.extend(_on_one_side(polygon))
    world = _polygons_only(shapely.set_precision(shapely.union_all(pieces), WORLD_GRID))
    return [
        {
            "type": "Feature",
            "properties": {
                "name": "World land",
                "source": NE_CITATION.replace("1:10m Admin 0 - Countries", "1:110m Land").replace(
                    "countries-10m", "land-110m"
                ),
            },
            "geometry": mapping(world),
        }
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--package-dir",
        type=Path,
        help="an unpacked world-atlas 2.0.2 (default: fetch it with npm pack)",
    )
    parser.add_argument("--out-dir", type=Path, default=HERE)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        package = args.package_dir or fetch_package(Path(tmp))
        countries = gpd.read_file(verified(package, "countries-10m.json"), layer="countries")
        land = gpd.read_file(verified(package, "land-110m.json"), layer="land")
    write_geojson(args.out_dir / "basemap.geojson", build_land(countries))
    write_geojson(args.out_dir / "mdl_1953.geojson", [build_mdl(countries)])
    write_geojson(args.out_dir / "world_110m.geojson", build_world(land))
    print(f"wrote basemap.geojson, mdl_1953.geojson and world_110m.geojson in {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
