// The viewer's keys and clicks: the slider's own keys draw straight, the map's keys step
// events, play and present, and a click or Enter on an event in the side panel selects it.
// Uses the map through window.koreaMap (map.js); tours.js asks keyForTheMap first.
(function () {
  "use strict";
  const map = () => window.koreaMap;  // map.js, loaded after this file

  // The focused slider's own keys (a day per arrow, Home, End) draw straight as well; a
  // drag stays with the slider and reaches the map through Dash.
  document.addEventListener("keydown", function (ev) {
    const t = ev.target;
    if (!t || !t.closest || !t.closest("#day [role=slider]")) return;
    if (!map() || map().view.day === null) return;
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    const moves = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 };
    const last = map().lastShown();
    let day;
    if (ev.key in moves) day = Math.min(Math.max(map().view.day + moves[ev.key], 0), last);
    else if (ev.key === "Home") day = 0;
    else if (ev.key === "End") day = last;
    else return;
    ev.preventDefault();
    ev.stopPropagation();
    map().goToDay(day);
  }, true);

  // Keyboard: Left/Right previous/next event, Space play/pause, Home/End first/last day,
  // P presentation view on and off, Escape leaves it (on a tour, tours.js takes Left,
  // Right and Space first). A focused control keeps its own keys (the slider moves a day,
  // a button clicks).
  // Whether a key is the map's: fields that use the arrows themselves keep them; on a
  // button or a checkbox the arrows still step the map (Space and Enter press what has
  // the focus).
  function keyForTheMap(ev) {
    const t = ev.target;
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return false;
    const own = "input[type=text], input[type=search], input[type=radio], textarea, select, "
      + "[role=slider], [role=radio], [role=listbox], [role=option]";
    const arrow = ["ArrowLeft", "ArrowRight", "Home", "End"].includes(ev.key);
    return !(t && t.closest && (t.closest(own) || (!arrow && t.closest("input, button"))));
  }

  document.addEventListener("keydown", function (ev) {
    if (!map() || !keyForTheMap(ev)) return;
    const t = ev.target;
    const click = (id) => { const b = document.getElementById(id); if (b) b.click(); };
    if (ev.key === "ArrowLeft") click("prev-event");
    else if (ev.key === "ArrowRight") click("next-event");
    else if (ev.key === " ") click("play");
    else if (ev.key === "Escape" && map().view.present) click("present-toggle");
    else if (ev.key === "p" || ev.key === "P") click("present-toggle");  // as its tooltip says
    else if (ev.key === "Home") map().goToDay(0);
    else if (ev.key === "End") map().goToDay(map().lastShown());
    else if (ev.key === "Enter" && t && t.dataset && t.dataset.event) {
      map().view.refocus = true;
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

  window.koreaKeys = { keyForTheMap: keyForTheMap };
})();
