"""CIELAB as the tests measure colour: sRGB to L*a*b* (D65), after Machado, Oliveira &
Fernandes (2009)'s simulation of protanopia and deuteranopia (severity 1.0, applied to
linear RGB); and the fills a rendered image actually shows."""

from __future__ import annotations

import re

import numpy as np

MACHADO_2009 = {
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "normal vision": np.eye(3),
}
SRGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)
WHITE = SRGB_TO_XYZ @ np.ones(3)


def _rgb(colour: str, over: str = "#ffffff") -> np.ndarray:
    """sRGB 0..1 of '#rrggbb' or 'rgba(r, g, b, a)' laid over a background."""
    if colour.startswith("#"):
        return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    r, g, b, a = (float(x) for x in re.findall(r"[\d.]+", colour))
    return a * np.array([r, g, b]) / 255 + (1 - a) * _rgb(over)


def _linear(rgb: np.ndarray) -> np.ndarray:
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    t = (SRGB_TO_XYZ @ np.clip(linear, 0, 1)) / WHITE
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen(colour: str, vision: str, over: str = "#ffffff") -> np.ndarray:
    return _lab(MACHADO_2009[vision] @ _linear(_rgb(colour, over)))


def difference(a: str, b: str, vision: str, over: str = "#ffffff") -> float:
    return float(np.linalg.norm(seen(a, vision, over) - seen(b, vision, over)))


def lightness(colour: str) -> float:
    """CIELAB L* of an opaque colour, for normal vision."""
    return float(seen(colour, "normal vision")[0])


def rendered_fill(image, expected: str, least_share: float = 0.01) -> str:
    """The colour `image` (a PIL RGB image) really shows where it paints `expected`: the
    most common pixel within a few levels of it, required to cover at least `least_share`
    of the image (so a fill that is missing, or painted in another colour, fails)."""
    want = np.array([int(expected[i : i + 2], 16) for i in (1, 3, 5)])
    pixels = np.asarray(image.convert("RGB")).reshape(-1, 3).astype(int)
    near = pixels[np.abs(pixels - want).max(axis=1) <= 3]
    assert len(near) >= least_share * len(pixels), (expected, len(near), len(pixels))
    values, counts = np.unique(near, axis=0, return_counts=True)
    return "#" + "".join(f"{c:02x}" for c in values[counts.argmax()])
