// Clientside callbacks of the Korea 1945-1954 map. Everything per day runs here, over the
// bundle the server built once (dashboard/animation.py): no request per slider step.
(function () {
  "use strict";
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  const DAY_MS = 86400000;
  // The timeline strip's plot margins (dashboard/figures.py timeline_figure).
  const PLOT_LEFT = 84, PLOT_RIGHT = 14;
  const noUpdate = () => window.dash_clientside.no_update;

  function startMs(bundle) { return Date.parse(bundle.start + "T00:00:00Z"); }
  function dateOf(bundle, n) { return new Date(startMs(bundle) + n * DAY_MS); }
  function isoOf(bundle, n) { return dateOf(bundle, n).toISOString().slice(0, 10); }
  function lastDay(bundle) { return bundle.epochs[bundle.epochs.length - 1].to; }

  function writtenDate(bundle, n, lang) {
    const d = dateOf(bundle, n);
    const en = d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
    const ko = d.getUTCFullYear() + "년 " + (d.getUTCMonth() + 1) + "월 " + d.getUTCDate() + "일";
    return lang === "ko" ? ko : lang === "both" ? en + " · " + ko : en;
  }

  function epochAt(epochs, n) {
    let lo = 0, hi = epochs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (epochs[mid].from <= n) lo = mid; else hi = mid - 1;
    }
    return epochs[lo];
  }

  function el(type, props) {
    return { type: type, namespace: "dash_html_components", props: props };
  }

  // A citation as text, with its web address (http or https only) as a real link.
  function citation(source) {
    const children = [source.url ? source.text.replace(source.url, "").replace(/[,\s]+$/, "")
      : source.text];
    if (source.url && /^https?:\/\//.test(source.url)) {
      children.push(" ");
      children.push(el("A", { href: source.url, target: "_blank", rel: "noopener noreferrer",
        children: new URL(source.url).hostname }));
    }
    return el("Li", { children: children });
  }

  function eventItem(e, selected) {
    return el("Div", {
      className: "event cat-" + e.category + (selected ? " selected" : ""),
      role: "listitem", tabIndex: 0, "data-event": e.id, id: "event-" + e.id,
      children: [
        el("H3", { children: e.title }),
        el("P", { className: "meta", children: e.when + " · " + e.place + " " + e.place_ko }),
        el("P", { className: "description", children: e.description }),
        el("Ul", { className: "sources", children: e.sources.map(citation) }),
      ],
    });
  }

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

  function writeAddress(bundle, day, layers, selected) {
    const q = new URLSearchParams();
    q.set("date", isoOf(bundle, day));
    q.set("layers", (layers || []).join(","));
    if (selected) q.set("event", selected);
    if (bundle.lang !== "en") q.set("lang", bundle.lang);
    const url = window.location.pathname + "?" + q.toString().replace(/%2C/g, ",");
    if (url !== window.location.pathname + window.location.search) {
      window.history.replaceState(null, "", url);
    }
  }

  // The map and the events list only change when the day crosses into another stretch
  // of constant state (dashboard/animation.py): most slider steps redraw neither.
  let drawn = { bundle: null, epoch: null, selected: null };

  const korea = {
    render: function (day, bundle, selected, events) {
      if (!bundle || day === undefined || day === null) return [noUpdate(), noUpdate()];
      const epoch = epochAt(bundle.epochs, day);
      if (drawn.bundle === bundle && drawn.epoch === epoch && drawn.selected === selected) {
        return [noUpdate(), noUpdate()];
      }
      drawn = { bundle: bundle, epoch: epoch, selected: selected };
      const data = bundle.static.concat(epoch.traces.map((i) => bundle.variants[i]));
      const ring = selected ? selectionRing(data, selected) : null;
      if (ring) data.push(ring);
      const layout = Object.assign({}, bundle.layout,
        { geo2: epoch.inset ? bundle.inset_on : bundle.inset_off });
      const shown = epoch.events.filter((id) => events[id]);
      const panel = shown.length ? shown.map((id) => eventItem(events[id], id === selected))
        : [el("P", { className: "none", children: "No event in the data at this date." })];
      return [{ data: data, layout: layout }, panel];
    },

    // Every step: the written date, the timeline's cursor and the address bar. Cheap.
    moment: function (day, bundle, selected, layers) {
      if (!bundle || day === undefined || day === null) return [noUpdate(), noUpdate()];
      writeAddress(bundle, day, layers, selected);
      const share = day / lastDay(bundle);
      const cursor = { left: "calc(" + PLOT_LEFT + "px + (100% - " + (PLOT_LEFT + PLOT_RIGHT)
        + "px) * " + share.toFixed(5) + ")" };
      return [writtenDate(bundle, day, bundle.lang), cursor];
    },

    togglePlay: function (clicks, disabled) {
      return disabled ? [false, "❚❚ Pause"] : [true, "▶ Play"];
    },

    tick: function (n, day, speed, loop, bundle) {
      const last = lastDay(bundle);
      let next = day + 1;
      if (speed === "week") next = day + 7;
      if (speed === "month") {
        const d = dateOf(bundle, day);
        const m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
        next = Math.round((m - startMs(bundle)) / DAY_MS);
      }
      if (next > last) {
        if (loop && loop.length) return [0, noUpdate(), noUpdate()];
        return [last, true, "▶ Play"];
      }
      return [next, noUpdate(), noUpdate()];
    },

    stepEvent: function (prevClicks, nextClicks, day, events) {
      const trigger = window.dash_clientside.callback_context.triggered[0];
      if (!trigger) return noUpdate();
      const days = [...new Set(Object.values(events).map((e) => e.day))].sort((a, b) => a - b);
      if (trigger.prop_id.startsWith("next-event")) {
        const later = days.find((d) => d > day);
        return later === undefined ? noUpdate() : later;
      }
      const earlier = days.filter((d) => d < day);
      return earlier.length ? earlier[earlier.length - 1] : noUpdate();
    },

    pick: function (mapClick, stripClick, events, day) {
      const trigger = window.dash_clientside.callback_context.triggered[0];
      if (!trigger) return [noUpdate(), noUpdate()];
      const fromStrip = trigger.prop_id.startsWith("timeline");
      const click = fromStrip ? stripClick : mapClick;
      const point = click && click.points && click.points[0];
      if (!point || !point.customdata) return [noUpdate(), noUpdate()];
      if (fromStrip) return [point.customdata[0], point.customdata[1]];
      if (point.customdata[0] === "event" && events[point.customdata[1]]) {
        return [point.customdata[1], noUpdate()];
      }
      return [noUpdate(), noUpdate()];
    },
  };
  window.dash_clientside = Object.assign({}, window.dash_clientside, { korea: korea });

  // The slider's tooltip: the day written out, not its number. The first day must match
  // TIMELINE_START in dashboard/state.py (a test checks it).
  const TIMELINE_START = "1945-08-10";
  window.dccFunctions = Object.assign({}, window.dccFunctions, {
    writtenDay: (n) => writtenDate({ start: TIMELINE_START }, n, "en"),
  });

  // Keyboard: Left/Right previous/next event, Space play/pause, Home/End first/last day.
  // A focused control keeps its own keys (the slider moves a day, a button clicks).
  document.addEventListener("keydown", function (ev) {
    const t = ev.target;
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (t && (t.closest("input, textarea, select, button, [role=slider], [role=radio]"))) return;
    const click = (id) => { const b = document.getElementById(id); if (b) b.click(); };
    const setDay = (v) => window.dash_clientside.set_props("day", { value: v });
    if (ev.key === "ArrowLeft") click("prev-event");
    else if (ev.key === "ArrowRight") click("next-event");
    else if (ev.key === " ") click("play");
    else if (ev.key === "Home") setDay(0);
    else if (ev.key === "End") {
      const s = document.querySelector("#day [role=slider]");
      setDay(s ? Number(s.getAttribute("aria-valuemax")) : 0);
    } else if (ev.key === "Enter" && t && t.dataset && t.dataset.event) {
      window.dash_clientside.set_props("selected-event", { data: t.dataset.event });
    } else return;
    ev.preventDefault();
  });

  // Clicking an event in the side panel selects it (links inside still open normally).
  document.addEventListener("click", function (ev) {
    const item = ev.target.closest && ev.target.closest("[data-event]");
    if (!item || ev.target.closest("a")) return;
    window.dash_clientside.set_props("selected-event", { data: item.dataset.event });
  });
})();
