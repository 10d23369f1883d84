// The map at any day, from the bundle the server built (dashboard/figure/browser_bundle.py): shared by
// the dashboard (map.js) and the self-contained HTML export (dashboard/export/standalone.py).
// Nothing here touches the page: pure functions of the bundle and a day number.
(function () {
  "use strict";
  // A trace on a geo of its own (the world locator, the talks' area) belongs to the insets.
  const inInset = (trace) => Boolean(trace.geo) && trace.geo !== "geo";

  function lastDay(bundle) { return bundle.epochs[bundle.epochs.length - 1].to; }

  // Day n as Python wrote it: in the bundle's language (events/dates.py written_day), as
  // the address gives it (YYYY-MM-DD), and the day a month on (state.py a_month_on).
  function writtenDate(bundle, n) { return bundle.written[n]; }
  function isoOf(bundle, n) { return bundle.iso[n]; }
  function aMonthOn(bundle, n) { return bundle.month_on[n]; }

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
      if (!trace.customdata || inInset(trace)) continue;
      const i = trace.customdata.findIndex((c) => c[0] === "event" && c[1] === selected);
      if (i >= 0) {
        return { type: "scattergeo", mode: "markers", lon: [trace.lon[i]], lat: [trace.lat[i]],
          marker: { size: 26, color: "rgba(0,0,0,0)", line: { color: "#111", width: 3 } },
          hoverinfo: "skip", showlegend: false, name: "selected" };
      }
    }
    return null;
  }

  // ---- The front: computed in Python (dashboard/model/front.py), packed for the page
  // (dashboard/figure/front_payload.py). Here the day's pieces are only unpacked and drawn.

  // Rings written as runs over reference rings (the coast's, then the day's line) and
  // single points, back into the lon/lat lists Plotly draws, each ring closed.
  function unpack(front, rings, line) {
    const refs = front.coast.concat([{ lon: line.map((p) => p[0]), lat: line.map((p) => p[1]) }]);
    const lon = [], lat = [];
    for (const ring of rings) {
      if (lon.length) { lon.push(null); lat.push(null); }
      const start = lon.length;
      for (const t of ring) {
        if (t.length === 2) { lon.push(t[0]); lat.push(t[1]); continue; }
        const r = refs[t[0]], n = r.lon.length;
        for (let i = t[1]; ; i = (i + t[3] + n) % n) {
          lon.push(r.lon[i]); lat.push(r.lat[i]);
          if (i === t[2]) break;
        }
      }
      lon.push(lon[start]); lat.push(lat[start]);
    }
    return { lon: lon, lat: lat };
  }

  // The day's entry [shape, islands, note], or null outside the war.
  function frontDay(front, n) {
    const i = n - front.first;
    return i >= 0 && i < front.days.length ? { i: i, at: front.days[i] } : null;
  }

  // The note under the map: status, accuracy and sources, as Python wrote them.
  function frontAt(front, n) {
    const day = frontDay(front, n);
    return day ? front.notes[day.at[2]] : null;
  }

  // The pockets held on day n: their whole traces (the areas, or the front line round
  // them), built in Python.
  function pocketsOn(front, n, which) {
    const day = frontDay(front, n), traces = front[which || "pockets"];
    return day && traces.length ? front.pockets_on[day.i].map((k) => traces[k]) : [];
  }

  // The names of the pockets held on day n (for the note under the map).
  function pocketNames(front, n) {
    const day = frontDay(front, n);
    return day ? front.pockets_on[day.i].map((k) => front.pocket_names[k]) : [];
  }

  // The front's traces on day n: the templates with the day's coordinates.
  function frontTraces(front, n) {
    const t = front.templates, day = frontDay(front, n);
    if (!day) return t.held.concat(t.band, t.line);
    const shape = front.shapes[day.at[0]], islands = front.islands[day.at[1]];
    const named = front.held_names.filter((era) => era.from <= n).pop();
    const held = (named ? named.held : t.held).map((tpl) => {
      const side = tpl.meta.side === "UN" ? "un" : "communist";
      return Object.assign({}, tpl, unpack(front, shape[side].concat(islands[side]), shape.line));
    });
    const band = t.band.map((tpl) => Object.assign({}, tpl, unpack(front, shape.band, shape.line)));
    const line = t.line.map((tpl) => Object.assign({}, tpl, {
      lon: shape.line.map((p) => p[0]), lat: shape.line.map((p) => p[1]),
      text: front.notes[day.at[2]].line_text }));
    return held.concat(pocketsOn(front, n), band, line, pocketsOn(front, n, "pocket_lines"));
  }

  // What changes the front's drawing: the day, while the war is on and a front layer is on.
  function frontKey(front, n) {
    return front.days.length && frontDay(front, n) ? n : -1;
  }

  // Plotly keeps neither a scroll zoom nor a pan across Plotly.react (it does not count a
  // wheel zoom as the viewer's own change): remember the viewer's last view in `memory`
  // and give it back with every new figure.
  function watchView(gd, memory) {
    if (!gd || !gd.on || gd._koreaViewWatched) return;
    gd._koreaViewWatched = true;
    gd.on("plotly_relayout", (change) => {
      if (!Object.keys(change).some((k) => k.startsWith("geo."))) return;
      const geo = gd._fullLayout.geo;
      memory.view = { lon: geo.center.lon, lat: geo.center.lat, zoom: geo.projection.scale };
    });
  }

  function viewed(layout, view) {
    if (!view) return layout;
    return Object.assign({}, layout, { geo: Object.assign({}, layout.geo, {
      center: { lon: view.lon, lat: view.lat },
      projection: Object.assign({}, layout.geo.projection, { scale: view.zoom }) }) });
  }

  // What moves on a day: the front on that day and the stretch's traces, over a clear
  // background. `view` ({lon, lat, zoom}: a tour stop's, or the viewer's own) centres it.

  // An empty trace keeps the map's geo (and so its zoom and pan) when no layer is on.
  const ANCHOR = { type: "scattergeo", mode: "lines", lon: [], lat: [], hoverinfo: "skip",
    showlegend: false, name: "", meta: { layer: "land" } };

  function movingFigure(bundle, epoch, selected, day, view) {
    const data = [ANCHOR].concat(frontTraces(bundle.front, day),
      epoch.traces.map((i) => bundle.variants[i]).filter((t) => !inInset(t)));
    const ring = selected ? selectionRing(data, selected) : null;
    if (ring) data.push(ring);
    const clear = "rgba(0,0,0,0)";
    const layout = Object.assign({}, bundle.layout, { paper_bgcolor: clear });
    delete layout.geo2;
    delete layout.geo3;
    layout.geo = Object.assign({}, layout.geo, { bgcolor: clear });
    return { data: data, layout: viewed(layout, view) };
  }

  // Under it the land, the same on every day (drawn again for new data or a stop's view).
  function baseFigure(bundle, view) {
    const layout = Object.assign({}, bundle.layout, { showlegend: false });
    delete layout.geo2;
    delete layout.geo3;
    return { data: bundle.static, layout: viewed(layout, view) };
  }

  // Over it the world inset, which changes with the stretch of time.
  function insetFigure(bundle, epoch) {
    const layout = Object.assign({}, bundle.layout, { showlegend: false,
      paper_bgcolor: "rgba(0,0,0,0)" }, bundle.insets[epoch.inset]);
    delete layout.geo;
    return { data: epoch.traces.map((i) => bundle.variants[i]).filter(inInset), layout: layout };
  }

  // Which of the stretch's traces the insets draw: when they change, so do the insets.
  function insetKey(bundle, epoch) {
    return epoch.inset + ":" + epoch.traces.filter((i) => inInset(bundle.variants[i])).join(",");
  }

  // The whole map in one figure, as the print draws it (the self-contained HTML page):
  // during the war the held areas replace Korea's land (dashboard/figure/map_figure.py).
  function figureFor(bundle, epoch, selected, day, view) {
    const covered = frontDay(bundle.front, day) ? bundle.front.covers : -1;
    const moving = movingFigure(bundle, epoch, selected, day, view);
    const inset = insetFigure(bundle, epoch);
    return { data: bundle.static.filter((t, i) => i !== covered).concat(moving.data.slice(1),
      inset.data), layout: viewed(Object.assign({}, bundle.layout, bundle.insets[epoch.inset]),
      view) };
  }

  // The land graph follows the map's view while the viewer drags or zooms the map.
  function followView(gd, base) {
    if (!gd || !gd.on || gd._koreaBaseFollows) return;
    gd._koreaBaseFollows = true;
    const follow = (change) => {
      const geo = {};
      for (const [key, value] of Object.entries(change)) {
        if (key.startsWith("geo.")) geo[key] = value;
      }
      if (Object.keys(geo).length && base && base.data) window.Plotly.relayout(base, geo);
    };
    gd.on("plotly_relayouting", follow);
    gd.on("plotly_relayout", follow);
  }

  window.koreaMapCore = {
    isoOf, aMonthOn, lastDay, writtenDate, epochAt, figureFor, frontAt, frontKey, pocketsOn,
    watchView, movingFigure, baseFigure, insetFigure, insetKey, followView, pocketNames,
    frontTraces,
  };
})();
