// The self-contained HTML export's page: a slider, a play button, the map and its events.
// Runs with no server and no network; the data sits in the page (dashboard/export/standalone.py).
(function () {
  "use strict";
  const core = window.koreaMapCore;
  const bundle = JSON.parse(document.getElementById("bundle").textContent);
  const events = JSON.parse(document.getElementById("events").textContent);
  const slider = document.getElementById("day");
  const label = document.getElementById("date");
  const list = document.getElementById("events-list");
  const play = document.getElementById("play");
  const map = document.getElementById("map");
  let shown = null, timer = null;
  const viewing = { view: null };  // the viewer's zoom and pan, kept across redraws

  slider.max = String(core.lastDay(bundle));

  function show(day) {
    const epoch = core.epochAt(bundle.epochs, day);
    label.textContent = core.writtenDate(bundle, day);
    const key = epoch.from + ":" + core.frontKey(bundle.front, day);
    if (key === shown) return;
    shown = key;
    window.Plotly.react(map, core.figureFor(bundle, epoch, null, day, viewing.view));
    list.replaceChildren(...epoch.events.filter((id) => events[id]).map((id) => {
      const item = document.createElement("li");  // text only: nothing becomes markup
      const title = document.createElement("strong");
      title.textContent = events[id].title;
      const when = events[id].when;
      item.append(title, " — " + (when[bundle.lang] || when.en) + ", " + events[id].place);
      return item;
    }));
  }

  function toggle() {
    if (timer) { clearInterval(timer); timer = null; play.textContent = "▶ Play"; return; }
    play.textContent = "❚❚ Pause";
    timer = setInterval(() => {
      const next = Number(slider.value) + 7;
      if (next > Number(slider.max)) { toggle(); return; }
      slider.value = String(next);
      show(next);
    }, bundle.tick_ms);
  }

  slider.addEventListener("input", () => show(Number(slider.value)));
  play.addEventListener("click", toggle);
  window.Plotly.newPlot(map, core.figureFor(bundle, core.epochAt(bundle.epochs, 0), null, 0),
    { displaylogo: false, scrollZoom: true, responsive: true });
  core.watchView(map, viewing);
  show(Number(slider.value));
})();
