"""Label boxes as Chromium lays the map's text out, and what collides: two labels, a label
and the legend, a label and the map's frame, a map label and an inset's frame."""

from __future__ import annotations

BOXES = """() => {
  const box = (n) => { const r = n.getBoundingClientRect();
    return {text: n.textContent.trim(), l: r.left, r: r.right, t: r.top, b: r.bottom}; };
  const labels = Array.from(document.querySelectorAll('.geo text'))
    .filter(n => n.textContent.trim() && n.getBoundingClientRect().width).map(box);
  const legends = Array.from(document.querySelectorAll('.legend')).map(box);
  const plot = document.querySelector('#map .js-plotly-plot');
  // The insets' frames (the world locator, the talks' area): the map's own labels must
  // not hide under them; their own labels are measured like the map's.
  const insets = [], outside = [];
  for (const holder of document.querySelectorAll('.js-plotly-plot')) {
    if (!holder.getBoundingClientRect().width) continue;  // a graph not shown
    for (const name of ["geo2", "geo3"]) {
      const layout = holder._fullLayout;
      if (!layout || !layout[name] || !layout[name].showframe) continue;
      const s = layout[name]._subplot, r = holder.getBoundingClientRect();
      const f = {text: name, l: r.left + s.xaxis._offset, t: r.top + s.yaxis._offset};
      f.r = f.l + s.xaxis._length; f.b = f.t + s.yaxis._length;
      insets.push(f);
      // An inset's own words stay inside its frame.
      for (const n of holder.querySelectorAll('.' + name + ' text')) {
        if (!n.textContent.trim() || !n.getBoundingClientRect().width) continue;
        const b = box(n);
        if (b.l < f.l - 1 || b.r > f.r + 1 || b.t < f.t - 1 || b.b > f.b + 1) {
          outside.push([b.text, "the " + name + " frame's edge"]);
        }
      }
    }
  }
  let frame = null;
  if (plot) {
    const s = plot._fullLayout.geo._subplot, r = plot.getBoundingClientRect();
    frame = {l: r.left + s.xaxis._offset, t: r.top + s.yaxis._offset};
    frame.r = frame.l + s.xaxis._length; frame.b = frame.t + s.yaxis._length;
  } else {  // an exported figure: its frame is the rectangle drawn round the map
    const r = document.querySelector('.shapelayer path').getBoundingClientRect();
    frame = {l: r.left, r: r.right, t: r.top, b: r.bottom};
  }
  // The main map's own words: text in a geo that is not an inset's (Plotly classes each
  // geo's group by its name: "geo", "geo2", "geo3").
  const own = Array.from(document.querySelectorAll('.geo text'))
    .filter(n => !n.closest('.geo2, .geo3'))
    .filter(n => n.textContent.trim() && n.getBoundingClientRect().width).map(box);
  return {labels, legends, frame, insets, own, outside};
}"""


def _apart(a: dict, b: dict, pad: float = 1.0) -> bool:
    return (
        a["r"] - pad <= b["l"]
        or b["r"] - pad <= a["l"]
        or a["b"] - pad <= b["t"]
        or (b["b"] - pad <= a["t"])
    )


def collisions(measured: dict) -> list[tuple[str, str]]:
    labels, frame = measured["labels"], measured["frame"]
    found = [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if not _apart(a, b)
    ]
    found += [
        (a["text"], "the legend") for a in labels for g in measured["legends"] if not _apart(a, g)
    ]
    found += [tuple(pair) for pair in measured.get("outside", [])]
    found += [
        (a["text"], f"the inset {f['text']}")
        for a in measured.get("own", [])
        for f in measured.get("insets", [])
        if not _apart(a, f)
    ]
    found += [
        (a["text"], "the frame's edge")
        for a in labels
        if a["l"] < frame["l"] - 1
        or a["r"] > frame["r"] + 1
        or a["t"] < frame["t"] - 1
        or a["b"] > frame["b"] + 1
    ]
    return found
