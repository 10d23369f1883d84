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

  // The figure for a stretch: the static traces plus that stretch's traces.
  function figureFor(bundle, epoch, selected) {
    const data = bundle.static.concat(epoch.traces.map((i) => bundle.variants[i]));
    const ring = selected ? selectionRing(data, selected) : null;
    if (ring) data.push(ring);
    const layout = Object.assign({}, bundle.layout,
      { geo2: epoch.inset ? bundle.inset_on : bundle.inset_off });
    return { data: data, layout: layout };
  }

  window.koreaMapCore = { dateOf, isoOf, lastDay, writtenDate, epochAt, figureFor };
})();
