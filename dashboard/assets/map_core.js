// The map at any day, from the bundle the server built (dashboard/animation.py): shared by
// the dashboard (map.js) and the self-contained HTML export (dashboard/standalone.py).
// Nothing here touches the page: pure functions of the bundle and a day number.
(function () {
  "use strict";
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  const DAY_MS = 86400000;

  function startMs(bundle) { return Date.parse(bundle.start + "T00:00:00Z"); }
  function dateOf(bundle, n) { return new Date(startMs(bundle) + n * DAY_MS); }
  function isoOf(bundle, n) { return dateOf(bundle, n).toISOString().slice(0, 10); }
  function lastDay(bundle) { return bundle.epochs[bundle.epochs.length - 1].to; }

  // "27 July 1953", "1953년 7월 27일", or both.
  function writtenDate(bundle, n, lang) {
    const d = dateOf(bundle, n);
    const en = d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
    const ko = d.getUTCFullYear() + "년 " + (d.getUTCMonth() + 1) + "월 " + d.getUTCDate() + "일";
    return lang === "ko" ? ko : lang === "both" ? en + " · " + ko : en;
  }

  // The stretch of constant state that contains day n (binary search).
  function epochAt(epochs, n) {
    let lo = 0, hi = epochs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (epochs[mid].from <= n) lo = mid; else hi = mid - 1;
    }
    return epochs[lo];
  }

  // A ring round the selected event's marker, when it is on the map.
  function selectionRing(data, selected) {
    for (const trace of data) {
      if (!trace.customdata || trace.geo === "geo2") continue;
      const i = trace.customdata.findIndex((c) => c[0] === "event" && c[1] === selected);
      if (i >= 0) {
        return { type: "scattergeo", mode: "markers", lon: [trace.lon[i]], lat: [trace.lat[i]],
          marker: { size: 26, color: "rgba(0,0,0,0)", line: { color: "#111", width: 3 } },
          hoverinfo: "skip", showlegend: false, name: "selected" };
      }
    }
    return null;
  }

  // ---- The front (dashboard/front.py does the same exactly, with shapely) ----
  const KM_PER_DEGREE = 111.32;

  // Plotly fills on the sphere (d3-geo): an outer ring must run clockwise, or its fill
  // covers the rest of the world instead.
  function clockwise(shape) {
    let twice = 0;
    const n = shape.lon.length;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      twice += shape.lon[i] * shape.lat[j] - shape.lon[j] * shape.lat[i];
    }
    return twice > 0 ? { lon: shape.lon.slice().reverse(), lat: shape.lat.slice().reverse() }
      : shape;
  }

  // The line on day n: the keyframe's, or each resampled point moved linearly between
  // the two keyframes around n. null outside the war.
  function frontAt(front, n) {
    const kfs = front.keyframes;
    if (!kfs.length || n < kfs[0].day || n > kfs[kfs.length - 1].day) return null;
    let i = 0;
    while (i + 1 < kfs.length && kfs[i + 1].day <= n) i++;
    const a = kfs[i];
    if (a.day === n) {
      return { lon: a.lon, lat: a.lat, accuracy: a.accuracy_km, day: n,
        status: "keyframe: " + a.label, sources: a.sources };
    }
    const b = kfs[i + 1];
    const t = (n - a.day) / (b.day - a.day);
    return {
      lon: a.lon.map((x, j) => x + t * (b.lon[j] - x)),
      lat: a.lat.map((y, j) => y + t * (b.lat[j] - y)),
      accuracy: Math.max(a.accuracy_km, b.accuracy_km), day: n,
      status: "interpolated between " + a.short + " and " + b.short,
      sources: a.sources.concat(b.sources),
    };
  }

  function nearestIndex(ring, x, y) {
    let best = 0, bestD = Infinity;
    for (let i = 0; i < ring.lon.length; i++) {
      const d = (ring.lon[i] - x) ** 2 + (ring.lat[i] - y) ** 2;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  }

  // Ring indices from `from` to `to` stepping by `step` (both ends included).
  function walk(count, from, to, step) {
    const out = [from];
    for (let i = from; i !== to; ) { i = (i + step + count) % count; out.push(i); }
    return out;
  }

  // The mainland either side of the line: the line plus the coast from its east end round
  // to its west end, one way (by Pusan: the UN side) or the other.
  function heldAreas(front, line) {
    const ring = front.ring, count = ring.lon.length, last = line.lon.length - 1;
    const west = nearestIndex(ring, line.lon[0], line.lat[0]);
    const east = nearestIndex(ring, line.lon[last], line.lat[last]);
    const forward = walk(count, east, west, 1), backward = walk(count, east, west, -1);
    const unPath = forward.includes(front.pusan) ? forward : backward;
    const otherPath = unPath === forward ? backward : forward;
    const area = (path) => clockwise({
      lon: line.lon.concat(path.map((i) => ring.lon[i])),
      lat: line.lat.concat(path.map((i) => ring.lat[i])),
    });
    return { un: area(unPath), communist: area(otherPath) };
  }

  // The band within `km` of the line either side (a polygon round the line).
  function band(line, km) {
    const left = { lon: [], lat: [] }, right = { lon: [], lat: [] }, n = line.lon.length;
    for (let i = 0; i < n; i++) {
      const p = Math.max(i - 1, 0), q = Math.min(i + 1, n - 1);
      const cos = Math.cos(line.lat[i] * Math.PI / 180);
      const dx = (line.lon[q] - line.lon[p]) * cos, dy = line.lat[q] - line.lat[p];
      const len = Math.hypot(dx, dy) || 1;
      const nx = -dy / len * km / KM_PER_DEGREE, ny = dx / len * km / KM_PER_DEGREE;
      left.lon.push(line.lon[i] + nx / cos); left.lat.push(line.lat[i] + ny);
      right.lon.push(line.lon[i] - nx / cos); right.lat.push(line.lat[i] - ny);
    }
    return clockwise({ lon: left.lon.concat(right.lon.reverse(), [left.lon[0]]),
      lat: left.lat.concat(right.lat.reverse(), [left.lat[0]]) });
  }

  // The front's traces on day n, filled into the templates the server built.
  function frontTraces(front, n) {
    const found = frontAt(front, n);
    return front.templates.map((template) => {
      const trace = Object.assign({}, template);
      if (!found) return trace;
      const layer = template.meta.layer, side = template.meta.side;
      let shape = null;
      if (layer === "frontline") {
        shape = found;
        trace.text = "Front line, " + found.status + " (± " + found.accuracy + " km)";
      } else if (layer === "uncertainty") {
        shape = band(found, found.accuracy);
      } else if (side === "pocket") {
        const pockets = front.pockets.filter((p) => p.from <= n && n <= p.to);
        shape = { lon: [].concat(...pockets.map((p) => p.lon.concat([null]))),
          lat: [].concat(...pockets.map((p) => p.lat.concat([null]))) };
      } else {
        shape = heldAreas(front, found)[side];
      }
      trace.lon = shape.lon; trace.lat = shape.lat;
      return trace;
    });
  }

  // What changes the front's drawing: the day, while the war is on and a front layer is on.
  function frontKey(front, n) {
    return front.templates.length && frontAt(front, n) ? n : -1;
  }

  // The figure for a day: static traces, the front on that day, the stretch's traces.
  // `stopView` ({lon, lat, zoom}) is a tour stop's view: a new uirevision lets Plotly
  // apply it over whatever the viewer panned to; without one the map keeps the viewer's.
  function figureFor(bundle, epoch, selected, day, stopView) {
    const data = bundle.static.concat(frontTraces(bundle.front, day),
      epoch.traces.map((i) => bundle.variants[i]));
    const ring = selected ? selectionRing(data, selected) : null;
    if (ring) data.push(ring);
    const layout = Object.assign({}, bundle.layout,
      { geo2: epoch.inset ? bundle.inset_on : bundle.inset_off });
    if (stopView) {
      const v = stopView;
      layout.geo = Object.assign({}, layout.geo, { center: { lon: v.lon, lat: v.lat },
        projection: Object.assign({}, layout.geo.projection, { scale: v.zoom }) });
      layout.uirevision = "stop " + v.lon + " " + v.lat + " " + v.zoom;
    }
    return { data: data, layout: layout };
  }

  window.koreaMapCore = {
    dateOf, isoOf, lastDay, writtenDate, epochAt, figureFor, frontAt, frontKey,
  };
})();
