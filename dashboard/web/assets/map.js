// Clientside callbacks of the Korea 1945-1954 map. Everything per day runs here, over the
// bundle the server built once (dashboard/figure/browser_bundle.py): no request per slider
// step. The tours, the clicker and the speaker's window live in tours.js; the viewer's keys
// and clicks in keys.js.
(function () {
  "use strict";
  const noUpdate = () => window.dash_clientside.no_update;
  const core = () => window.koreaMapCore;  // map_core.js, loaded after this file
  const setProps = (id, props) => window.dash_clientside.set_props(id, props);

  // What the address bar says beyond the map itself, and the interface's words; kept
  // here so that every callback writes the same address and speaks the same language.
  const view = { tour: null, stop: null, present: false, day: null, lang: "en" };
  let W = {};  // the interface's words in the current language (dashboard/model/words.py)
  const say = (key) => W[key] || key;

  function el(type, props) {
    return { type: type, namespace: "dash_html_components", props: props };
  }

  // A citation as Python wrote it (author, year, where in the work), the work's official
  // address as a link (https only), and the full reference for a reader who hovers.
  function citation(source) {
    const children = [source.text];
    if (source.url && /^https:\/\//.test(source.url)) {
      children.push(" ");
      children.push(el("A", { href: source.url, target: "_blank", rel: "noopener noreferrer",
        children: new URL(source.url).hostname }));
    }
    return el("Li", source.reference ? { children: children, title: source.reference }
      : { children: children });
  }

  // An event's entry in the side panel; its dates as Python wrote them in the map's language.
  function eventItem(e, selected, lang) {
    return el("Div", {
      className: "event cat-" + e.category + (selected ? " selected" : ""),
      role: "listitem", tabIndex: 0, "data-event": e.id, id: "event-" + e.id,
      children: [
        el("H3", { children: e.title }),
        el("P", { className: "meta",
          children: (e.when[lang] || e.when.en) + " · " + e.place + " " + e.place_ko }),
        el("P", { className: "description", children: e.description }),
        e.note ? el("P", { className: "note", children: say("note") + e.note }) : null,
        el("Ul", { className: "sources", children: e.sources.map(citation) }),
      ].filter(Boolean),
    });
  }

  let addressed = null;  // what the address was last written from

  // The address again, after a change outside the map (presentation view, tour stop).
  function rewriteAddress() {
    if (addressed) writeAddress.apply(null, addressed);
  }

  function writeAddress(bundle, day, layers, selected) {
    addressed = [bundle, day, layers, selected];
    const q = new URLSearchParams();
    q.set("date", core().isoOf(bundle, day));
    q.set("layers", (layers || []).join(","));
    if (selected) q.set("event", selected);
    if (bundle.lang !== "en") q.set("lang", bundle.lang);
    if (view.present) q.set("present", "1");
    if (view.tour) { q.set("tour", view.tour); q.set("stop", String(view.stop)); }
    const url = window.location.pathname + "?" + q.toString().replace(/%2C/g, ",");
    // Written once the steps pause: replaceState costs a few ms, too much for every day
    // of a play or a drag (the address is for sharing the view, not for each frame).
    clearTimeout(addressTimer);
    addressTimer = setTimeout(() => {
      if (url !== window.location.pathname + window.location.search) {
        window.history.replaceState(null, "", url);
      }
    }, ADDRESS_DELAY_MS);
  }
  let addressTimer = null;
  const ADDRESS_DELAY_MS = 150;

  // The map and the events list only change when the day crosses into another stretch
  // of constant state (dashboard/figure/browser_bundle.py): most slider steps redraw neither.
  let drawn = { bundle: null, epoch: null, selected: null, front: null };
  let onScreen = null;  // the bundle of the map on screen, for the slider's tooltip
  const viewing = { view: null, stop: null };  // the map's view: a stop's, or the viewer's

  // The moving map and the insets are drawn straight into their graphs once Dash has
  // drawn each graph's first figure: handed to Dash as a prop, a figure of thousands of
  // points costs Dash's renderer more time each step than the step's own drawing
  // (measured with bench/dashboard_speed.py).
  const handed = {};  // graph id: Dash has been given its first figure
  const later = {};  // graph id: the figure to draw once the frame is painted
  // `soon`: drawn after the frame is painted, the latest figure winning. The insets follow
  // the map so: a jump across the years (Home, End, a tour) changes both, and the map is
  // what the eye is on.
  function drawStraight(id, figure, soon) {
    const gd = document.querySelector("#" + id + " .js-plotly-plot");
    if (!gd || !gd._fullLayout || !handed[id]) {
      handed[id] = true;
      return figure;
    }
    if (!soon) {
      window.Plotly.react(gd, figure.data, figure.layout);
    } else {
      if (!(id in later)) {
        afterPaint(() => {
          const latest = later[id];
          delete later[id];
          window.Plotly.react(gd, latest.data, latest.layout);
        });
      }
      later[id] = figure;
    }
    return noUpdate();
  }

  // Once the next frame is painted.
  function afterPaint(job) {
    requestAnimationFrame(() => setTimeout(job, 0));
  }

  // The graph is drawn after the first render returns: watch the viewer's moves once it is.
  // The selected event scrolled into the side panel's view, once Dash has drawn it.
  function showSelectedSoon(tries) {
    const card = document.querySelector("#events-panel .event.selected");
    if (card) {
      card.scrollIntoView({ block: "nearest" });
      // A card chosen with Enter keeps the focus, though Dash has drawn it anew.
      if (view.refocus) { card.focus({ preventScroll: true }); view.refocus = false; }
    }
    else if ((tries || 0) < 20) setTimeout(() => showSelectedSoon((tries || 0) + 1), 50);
  }

  function watchSoon() {
    const gd = document.querySelector("#map .js-plotly-plot");
    const base = document.querySelector("#map-base .js-plotly-plot");
    if (gd && gd.on && base) {
      core().watchView(gd, viewing);
      core().followView(gd, base);
    } else setTimeout(watchSoon, 100);
  }

  // Every step: the written date, the timeline's cursor and the address bar, written
  // straight into their elements (which Dash renders empty and never updates): handed
  // to Dash as outputs they cost its renderer more each step than the map's own drawing
  // (bench/dashboard_speed.py).
  function moment(day, bundle, selected, layers) {
    view.day = day;
    writeAddress(bundle, day, layers, selected);
    const share = day / core().lastDay(bundle);
    const label = document.getElementById("date-label");
    const cursor = document.getElementById("timeline-cursor");
    const written = core().writtenDate(bundle, day);
    if (label && label.textContent !== written) label.textContent = written;
    // The slider's thumb says the date to a screen reader, not the day's number.
    const thumb = document.querySelector("#day [role=slider]");
    if (thumb && thumb.getAttribute("aria-valuetext") !== written) {
      thumb.setAttribute("aria-valuetext", written);
    }
    if (cursor) {
      // Over the strip's plot area, whose margins the page's CSS variables carry.
      cursor.style.left = "calc(var(--strip-left) + (100% - var(--strip-left)"
        + " - var(--strip-right)) * " + share.toFixed(5) + ")";
    }
  }

  function eventPanel(epoch, selected, events, lang) {
    const shown = epoch.events.filter((id) => events[id]);
    return shown.length ? shown.map((id) => eventItem(events[id], id === selected, lang))
      : [el("P", { className: "none", children: say("no_events") })];
  }

  function frontNote(bundle, day) {
    const found = core().frontAt(bundle.front, day);
    if (!found) return null;
    const note = [el("Strong", { children: say("front") }),
      found.status + " (± " + found.accuracy_km + " km)."];
    const pockets = core().pocketNames(bundle.front, day);
    if (pockets.length) {
      note.push(el("P", { className: "pockets", children: say("pockets")
        + pockets.join("; ") + "." }));
    }
    // The sources fold away: the events of the day come first in the panel.
    note.push(el("Details", { className: "front-sources", children: [
      el("Summary", { children: say("front_sources").replace("{n}", found.sources.length) }),
      el("Ul", { className: "sources", children: found.sources.map(citation) })] }));
    return note;
  }

  // What Dash last gave the map besides the day: the data, the selection, a stop's view.
  let given = null;
  // Days the page drew itself and then told Dash: Dash's render of an older one of them,
  // arriving after the page has moved on, must not draw the map back.
  const told = new Set();

  // The day's map, and the panel, note and summary when they change, by output name.
  function drawDay(day, g) {
    moment(day, g.bundle, g.selected, g.layers);
    const epoch = core().epochAt(g.bundle.epochs, day);
    const front = core().frontKey(g.bundle.front, day);
    if (drawn.bundle === g.bundle && drawn.epoch === epoch && drawn.selected === g.selected
        && drawn.front === front && drawn.stopView === g.stopView) {
      return {};
    }
    const before = drawn;
    drawn = { bundle: g.bundle, epoch: epoch, selected: g.selected, front: front,
      stopView: g.stopView };
    watchSoon();
    // A new tour stop with a view of its own replaces the viewer's; otherwise the
    // viewer's zoom and pan stay through date steps, play and new layers.
    if (g.stopView && g.stopView !== viewing.stop) viewing.view = g.stopView;
    viewing.stop = g.stopView;
    const out = {};
    const moving = core().movingFigure(g.bundle, epoch, g.selected, day, viewing.view);
    out["map.figure"] = drawStraight("map", moving);
    // The land is drawn again only for new data or a stop's view; the viewer's own
    // moves reach it directly (map_core.js followView).
    drawn.insetKey = core().insetKey(g.bundle, epoch);
    const sameData = before.bundle === g.bundle;
    if (!sameData || before.stopView !== g.stopView) {
      out["map-base.figure"] = core().baseFigure(g.bundle, viewing.view);
    }
    if (!sameData || before.insetKey !== drawn.insetKey) {
      out["map-inset.figure"] = drawStraight("map-inset", core().insetFigure(g.bundle, epoch),
        true);
    }
    // While the front moves the map changes every day, but the events, the front's note
    // and the summary only now and then: leave them be when they are the same.
    const found = core().frontAt(g.bundle.front, day);
    const pockets = core().pocketNames(g.bundle.front, day);
    if (!(sameData && before.epoch === epoch && before.selected === g.selected)) {
      out["events-panel.children"] = eventPanel(epoch, g.selected, g.events, g.bundle.lang);
    }
    const noteKey = [found, ...pockets];
    const sameNote = sameData && before.noteKey && before.noteKey.length === noteKey.length
      && before.noteKey.every((x, i) => x === noteKey[i]);
    drawn.noteKey = noteKey;
    if (!sameNote) out["front-note.children"] = frontNote(g.bundle, day);
    if (g.selected && before.selected !== g.selected) showSelectedSoon();
    if (!(sameNote && before.epoch === epoch)) {
      out["map-summary.children"] = epoch.summary
        + (found ? " " + say("front") + found.status + "." : "");
    }
    return out;
  }

  // A day chosen by the viewer's keys, the player or a tour: drawn at once, and told to
  // Dash (the slider, the export's state, the panel) only after the frame is painted.
  // Through Dash first, each step waited about 12 ms for its renderer before the map
  // began (bench/dashboard_speed.py).
  let forDash = null;
  function goToDay(day) {
    if (!given) { setProps("day", { value: day }); return; }
    const out = drawDay(day, given);
    const first = !forDash;
    forDash = Object.assign(forDash || {}, out, { "day.value": day });
    if (first) afterPaint(tellDash);
  }

  function tellDash() {
    const out = forDash;
    forDash = null;
    if (!out) return;
    told.add(out["day.value"]);
    const byId = {};
    Object.keys(out).forEach((key) => {
      if (out[key] === noUpdate()) return;
      const [id, prop] = key.split(".");
      (byId[id] = byId[id] || {})[prop] = out[key];
    });
    Object.keys(byId).forEach((id) => setProps(id, byId[id]));
  }

  // A clientside callback's values by name ("component.property"), in the order Dash
  // declared its outputs (what is not named is left as it is).
  function byName(values) {
    const outputs = window.dash_clientside.callback_context.outputs_list;
    const one = (o) => {
      // A dict id is named as Dash writes it: JSON, its keys sorted.
      const id = typeof o.id === "string" ? o.id
        : JSON.stringify(Object.fromEntries(Object.entries(o.id).sort()));
      const key = id + "." + o.property.split("@")[0];
      return key in values ? values[key] : noUpdate();
    };
    return Array.isArray(outputs) ? outputs.map(one) : one(outputs);
  }

  const korea = {
    render: function (day, bundle, events, selected, stopView, layers) {
      // The map's data and the events are files the page fetches: draw once both are here.
      if (!bundle || !events || day === undefined || day === null) return byName({});
      if (onScreen !== bundle) {
        onScreen = bundle;
        // The slider writes its tooltip when it renders, and it first rendered before the
        // written days were in: a class naming the bundle's language renders it again.
        window.dash_clientside.set_props("day", { className: "days-written-" + bundle.lang });
      }
      given = { bundle: bundle, events: events, selected: selected, stopView: stopView,
        layers: layers };
      const trigger = window.dash_clientside.callback_context.triggered || [];
      const dayMoved = trigger.some((t) => t.prop_id === "day.value");
      if (dayMoved && told.has(day)) {
        told.delete(day);
        // Dash's echo of a day the page drew itself, or of an older one: leave the map
        // as the page has it.
        if (day !== view.day || forDash) return byName({});
      }
      // What the page drew and has not yet told Dash goes out with this answer. A day
      // moved in Dash (a drag, an event's step) leads; otherwise the page's day does.
      const pending = forDash || {};
      delete pending["day.value"];
      if (forDash && !dayMoved) {
        day = view.day;
        forDash = { "day.value": day };
      } else {
        forDash = null;
        if (dayMoved) told.clear();
      }
      return byName(Object.assign(pending, drawDay(day, given)));
    },

    // The map's data, the events and the tours: files of their own (dashboard/web/data_files.py)
    // that the browser keeps, named by their content.
    fetchData: function (url) {
      if (!url) return noUpdate();
      return window.fetch(url).then((r) => {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
    },

    togglePlay: function (clicks, disabled) {
      return byName({ "player.disabled": !disabled,
        "play.children": say(disabled ? "pause" : "play") });
    },

    // The player's step: from the day on screen (Dash hears of it after the paint).
    tick: function (n, dashDay, speed, loop, bundle) {
      const day = view.day === null ? dashDay : view.day;
      const last = core().lastDay(bundle);
      let next = day + 1;
      if (speed === "week") next = day + 7;
      if (speed === "month") next = core().aMonthOn(bundle, day);
      if (next > last) {
        if (loop && loop.length) { goToDay(0); return byName({}); }
        goToDay(last);
        return byName({ "player.disabled": true, "play.children": say("play") });
      }
      goToDay(next);
      return byName({});
    },

    stepEvent: function (prevClicks, nextClicks, day, events) {
      const trigger = window.dash_clientside.callback_context.triggered[0];
      if (!trigger) return byName({});
      const days = [...new Set(Object.values(events).map((e) => e.day))].sort((a, b) => a - b);
      const earlier = days.filter((d) => d < day);
      const target = trigger.prop_id.startsWith("next-event")
        ? days.find((d) => d > day) : earlier[earlier.length - 1];
      if (target === undefined) return byName({});
      // The first event of that day (the events come in the order of their dates).
      const first = Object.values(events).find((e) => e.day === target);
      return byName(Object.assign({ "day.value": target },
        first ? { "selected-event.data": first.id } : {}));
    },

    pick: function (mapClick, stripClick, events, day, bundle) {
      const trigger = window.dash_clientside.callback_context.triggered[0];
      if (!trigger) return byName({});
      const fromStrip = trigger.prop_id.startsWith("timeline");
      const click = fromStrip ? stripClick : mapClick;
      const point = click && click.points && click.points[0];
      if (!point || !point.customdata) return byName({});
      if (fromStrip) {
        return byName({ "selected-event.data": point.customdata[0],
          "day.value": point.customdata[1] });
      }
      if (point.customdata[0] === "event" && events[point.customdata[1]]) {
        return byName({ "selected-event.data": point.customdata[1] });
      }
      // A town's dot lies on the events placed at that town: a click on it selects the
      // first event of the day there (Plotly gives the click to the smaller marker).
      if (point.customdata[0] === "place" && bundle) {
        const here = core().epochAt(bundle.epochs, day).events
          .find((id) => events[id] && events[id].place_id === point.customdata[1]);
        if (here) return byName({ "selected-event.data": here });
      }
      return byName({});
    },

    // The interface in another language: every label the page has, from the words store.
    relabel: function (lang, allWords, playerOff) {
      W = allWords[lang] || allWords.en;
      view.lang = lang;
      document.documentElement.lang = lang === "ko" ? "ko" : "en";
      // The timeline's row names, as Python wrote them for this language.
      const strip = document.querySelector("#timeline .js-plotly-plot");
      if (strip && strip.layout && window.Plotly) {
        window.Plotly.relayout(strip, { "yaxis.ticktext": W._timeline_rows });
      }
      // Each output's word, by the output's name, as Python sends them with the words
      // (dashboard/web/page_words.py RELABELLED).
      const shown = Object.assign({}, W, {
        play: playerOff === false ? W.pause : W.play,
        present: view.present ? W.leave_present : W.present,
      });
      const out = {};
      Object.keys(W._relabelled).forEach((name) => { out[name] = shown[W._relabelled[name]]; });
      return byName(out);
    },

    togglePresent: function (clicks, present) { return !present; },

    present: function (present) {
      view.present = !!present;
      rewriteAddress();
      return byName({ "page.className": "page" + (present ? " present" : ""),
        "present-toggle.children": say(present ? "leave_present" : "present"),
        "present-toggle.aria-pressed": present ? "true" : "false" });
    },

  };
  window.dash_clientside = Object.assign({}, window.dash_clientside, { korea: korea });

  // The last day of the timeline, as the bundle gives it (the slider's before it is in).
  function lastShown() {
    if (given) return core().lastDay(given.bundle);
    const s = document.querySelector("#day [role=slider]");
    return s ? Number(s.getAttribute("aria-valuemax")) : 0;
  }

  // What tours.js (the tours, the clicker and the speaker's window) and keys.js (the
  // viewer's keys and clicks) use of the map.
  window.koreaMap = { view: view, say: say, el: el, byName: byName, goToDay: goToDay,
    rewriteAddress: rewriteAddress, lastShown: lastShown };

  // The slider's tooltip: the day written out in the map's language, not its number,
  // counted from the first day the bundle gives (nothing until the bundle is in).
  window.dccFunctions = Object.assign({}, window.dccFunctions, {
    writtenDay: (n) => (onScreen ? core().writtenDate(onScreen, n) : ""),
  });

})();
