// Clientside callbacks of the Korea 1945-1954 map. Everything per day runs here, over the
// bundle the server built once (dashboard/animation.py): no request per slider step.
(function () {
  "use strict";
  const DAY_MS = 86400000;
  // The timeline strip's plot margins (dashboard/figures.py timeline_figure).
  const PLOT_LEFT = 84, PLOT_RIGHT = 14;
  const noUpdate = () => window.dash_clientside.no_update;
  const core = () => window.koreaMapCore;  // map_core.js, loaded after this file

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

  function writeAddress(bundle, day, layers, selected) {
    const q = new URLSearchParams();
    q.set("date", core().isoOf(bundle, day));
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
  let drawn = { bundle: null, epoch: null, selected: null, front: null };

  function frontNote(bundle, day) {
    const found = core().frontAt(bundle.front, day);
    if (!found || !bundle.front.templates.length) return null;
    return [el("Strong", { children: "Front line: " }),
      found.status + " (± " + found.accuracy + " km).",
      el("Ul", { className: "sources", children: found.sources.map(citation) })];
  }

  const korea = {
    render: function (day, bundle, selected, events) {
      if (!bundle || day === undefined || day === null) {
        return [noUpdate(), noUpdate(), noUpdate()];
      }
      const epoch = core().epochAt(bundle.epochs, day);
      const front = core().frontKey(bundle.front, day);
      if (drawn.bundle === bundle && drawn.epoch === epoch && drawn.selected === selected
          && drawn.front === front) {
        return [noUpdate(), noUpdate(), noUpdate()];
      }
      drawn = { bundle: bundle, epoch: epoch, selected: selected, front: front };
      const shown = epoch.events.filter((id) => events[id]);
      const panel = shown.length ? shown.map((id) => eventItem(events[id], id === selected))
        : [el("P", { className: "none", children: "No event in the data at this date." })];
      return [core().figureFor(bundle, epoch, selected, day), panel, frontNote(bundle, day)];
    },

    // Every step: the written date, the timeline's cursor and the address bar. Cheap.
    moment: function (day, bundle, selected, layers) {
      if (!bundle || day === undefined || day === null) return [noUpdate(), noUpdate()];
      writeAddress(bundle, day, layers, selected);
      const share = day / core().lastDay(bundle);
      const cursor = { left: "calc(" + PLOT_LEFT + "px + (100% - " + (PLOT_LEFT + PLOT_RIGHT)
        + "px) * " + share.toFixed(5) + ")" };
      return [core().writtenDate(bundle, day, bundle.lang), cursor];
    },

    togglePlay: function (clicks, disabled) {
      return disabled ? [false, "❚❚ Pause"] : [true, "▶ Play"];
    },

    tick: function (n, day, speed, loop, bundle) {
      const last = core().lastDay(bundle);
      let next = day + 1;
      if (speed === "week") next = day + 7;
      if (speed === "month") {
        const d = core().dateOf(bundle, day);
        const m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
        next = day + Math.round((m - d.getTime()) / DAY_MS);
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
    writtenDay: (n) => core().writtenDate({ start: TIMELINE_START }, n, "en"),
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
