// Lecturing: the tours (a stop's caption, layers, event and view, and the date's journey
// there), the presentation clicker, and the speaker's notes window, which follows the map
// window's tour through the browser. Uses the map through window.koreaMap (map.js).
(function () {
  "use strict";
  const noUpdate = () => window.dash_clientside.no_update;
  const setProps = (id, props) => window.dash_clientside.set_props(id, props);
  const map = () => window.koreaMap;  // map.js

  const shown = { first: true, tour: null, stop: null };
  let journey = null;

  // From the day shown to `target` over about a second, eased, one frame at a time
  // (each frame waits for the map to be painted).
  function animateDay(target) {
    if (journey) cancelAnimationFrame(journey.frame);
    const from = map().view.day;
    if (from === null || from === target) { map().goToDay(target); return; }
    const started = performance.now(), duration = 1000;
    let last = from;
    const step = (now) => {
      const t = Math.min((now - started) / duration, 1);
      const eased = t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
      const day = t < 1 ? Math.round(from + (target - from) * eased) : target;
      if (day !== last) { map().goToDay(day); last = day; }
      journey = t < 1 ? { frame: requestAnimationFrame(step) } : null;
    };
    journey = { frame: requestAnimationFrame(step) };
  }

  // The map window and the notes window talk through the browser (same origin), so the
  // server keeps no one's place in a tour.
  const channel = "BroadcastChannel" in window ? new BroadcastChannel("korea-map-tour") : null;
  const isNotes = () => !!document.getElementById("notes-page");

  function announce() {
    if (channel && !isNotes()) {
      channel.postMessage({ kind: "at", tour: map().view.tour, stop: map().view.stop });
    }
  }

  function goStop(step) {
    if (isNotes()) {
      if (channel) channel.postMessage({ kind: "go", step: step });
      return;
    }
    if (map().view.tour) {
      const b = document.getElementById(step > 0 ? "next-stop" : "prev-stop");
      if (b) b.click();
    } else {
      const b = document.getElementById(step > 0 ? "next-event" : "prev-event");
      if (b) b.click();
    }
  }

  if (channel) {
    channel.onmessage = function (ev) {
      const m = ev.data || {};
      if (isNotes() && m.kind === "at") {
        setProps("notes-at", { data: { tour: m.tour, stop: m.stop } });
      } else if (!isNotes() && m.kind === "hello") {
        announce();
      } else if (!isNotes() && m.kind === "go" && (m.step === 1 || m.step === -1)) {
        goStop(m.step);
      }
    };
  }

  // The notes window, once drawn, asks the map window where it is, and keeps a clock.
  let notesStarted = false;
  function startNotes() {
    if (notesStarted) return;
    notesStarted = true;
    if (channel) channel.postMessage({ kind: "hello" });
    const tick = () => {
      const clock = document.getElementById("notes-clock");
      if (clock) clock.textContent = new Date().toLocaleTimeString();
    };
    tick();
    setInterval(tick, 1000);
  }

  document.addEventListener("click", function (ev) {
    const id = ev.target && ev.target.id;
    if (id === "notes-prev" || id === "notes-next") goStop(id === "notes-next" ? 1 : -1);
    if (id === "notes-open") {
      const v = map().view;
      const q = new URLSearchParams({ notes: "1", lang: v.lang });
      if (v.tour) { q.set("tour", v.tour); q.set("stop", String(v.stop)); }
      window.open(window.location.pathname + "?" + q.toString(), "korea-map-notes",
        "width=900,height=700");
    }
  });

  // A presentation clicker sends PageDown/PageUp: they step the tour (or the events)
  // wherever the focus is, before a focused slider could take them as its own.
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "PageDown" && ev.key !== "PageUp") return;
    const t = ev.target;
    if (t && t.closest && t.closest("input[type=text], textarea")) return;
    ev.preventDefault();
    ev.stopPropagation();
    goStop(ev.key === "PageDown" ? 1 : -1);
  }, true);

  // On a tour, Left/Right and Space step between stops; in the notes window they step the
  // map window's tour. Taken before the map's own keys (keys.js).
  document.addEventListener("keydown", function (ev) {
    if (!map() || !window.koreaKeys.keyForTheMap(ev)) return;
    const forward = ev.key === "ArrowRight" || ev.key === " ";
    if (!(isNotes() || map().view.tour) || !(forward || ev.key === "ArrowLeft")) return;
    ev.preventDefault();
    ev.stopPropagation();
    goStop(forward ? 1 : -1);
  }, true);

  const tours = {
    pickTour: function (name, tours, current) {
      const wanted = name && name !== "none" && tours[name] ? name : null;
      if (wanted === (current || null)) return map().byName({});
      return map().byName({ "tour.data": wanted, "stop.data": wanted ? 1 : null });
    },

    stepStop: function (prevClicks, nextClicks, stop, tour, tours) {
      const trigger = window.dash_clientside.callback_context.triggered[0];
      if (!trigger || !tour || !tours[tour]) return noUpdate();
      const count = tours[tour].stops.length;
      const next = trigger.prop_id.startsWith("next-stop") ? stop + 1 : stop - 1;
      return next >= 1 && next <= count ? next : noUpdate();
    },

    // A stop: its caption on the map, its layers and event, its view; the date travels
    // there over about a second. The first call (the page as loaded) moves nothing.
    showStop: function (stop, tour, lang, tours, layers) {
      // The tours arrive as a file of their own, just after the page: until then, wait.
      if (!tours) return map().byName({});
      const first = shown.first;
      shown.first = false;
      const t = tour && tours[tour];
      const at = t && t.stops[stop - 1];
      map().view.tour = at ? tour : null;
      map().view.stop = at ? stop : null;
      announce();
      map().rewriteAddress();
      if (!at) {
        return map().byName({ "stop-caption.children": [], "stop-caption.hidden": true,
          "stop-label.children": "", "tour-bar.hidden": true, "stop-view.data": null });
      }
      const caption = [
        map().el("P", { className: "caption-text",
          children: lang === "ko" ? at.caption_ko : at.caption }),
        map().el("P", { className: "caption-source", children: at.source }),
      ];
      const label = map().say("stop_of").replace("{n}", stop).replace("{m}", t.stops.length);
      const moved = !first && (shown.tour !== tour || shown.stop !== stop);
      shown.tour = tour; shown.stop = stop;
      if (moved) animateDay(at.day);
      const sameLayers = layers && layers.length === at.layers.length
        && at.layers.every((n) => layers.includes(n));
      const out = { "stop-caption.children": caption, "stop-caption.hidden": false,
        "stop-label.children": label, "tour-bar.hidden": false, "stop-view.data": at.view };
      if (moved && !sameLayers) out["layers.value"] = at.layers;
      if (moved) out["selected-event.data"] = at.events[0];
      return map().byName(out);
    },

    // The speaker's window: this stop's caption and notes, and the next stop's caption.
    notes: function (at, tours, allWords, lang) {
      startNotes();  // only the notes window has this callback's output
      const w = allWords[lang] || allWords.en;
      const t = at && at.tour && tours[at.tour];
      if (!t) return map().el("P", { children: w.notes_waiting });
      const stop = t.stops[at.stop - 1], next = t.stops[at.stop];
      const caption = (s) => (lang === "ko" ? s.caption_ko : s.caption);
      const children = [
        map().el("H2", { children: (lang === "ko" ? t.title_ko : t.title) }),
        map().el("P", { className: "notes-stop",
          children: w.stop_of.replace("{n}", at.stop).replace("{m}", t.stops.length) }),
        map().el("P", { className: "notes-caption", children: caption(stop) }),
        map().el("Div", { className: "notes-text", children: stop.notes || w.no_notes }),
        map().el("Ul", { className: "notes-references",
          children: stop.references.map((r) => map().el("Li", { children: r })) }),
      ];
      if (next) {
        children.push(map().el("P", { className: "notes-next",
          children: w.next_up + ": " + caption(next) }));
      }
      return children;
    },
  };
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.korea = Object.assign(window.dash_clientside.korea || {}, tours);
})();
