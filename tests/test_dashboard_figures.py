"""The map figure: built from our own land, drawn per date, the same for app and export."""

from __future__ import annotations

import datetime as dt
import itertools
import json

from dashboard.figure.front_traces import side_names
from dashboard.figure.map_figure import build_figure
from dashboard.figure.talks_inset import talks_inset_traces
from dashboard.figure.timeline_strip import timeline_figure
from dashboard.figure.traces import plain
from dashboard.model.front import history_of
from dashboard.model.map_options import MapOptions
from dashboard.model.state import TIMELINE_DAYS, day_from_number, state_at

FRONT_LAYERS = ("control", "uncertainty", "frontline")  # drawn from the front's templates


def figure_on(dataset, day, **options):
    return build_figure(dataset, state_at(dataset, day), MapOptions(**options))


def traces_named(figure, name):
    return [t for t in figure["data"] if t.get("name") == name]


def sitting_labels(figure, name="Talks in session"):
    (active,) = traces_named(figure, name)
    return [text.strip("\u00a0") for text in active["text"]]


def test_the_map_uses_no_built_in_geo_layers(dataset):
    layout = figure_on(dataset, dt.date(1951, 8, 1))["layout"]
    for geo in ("geo", "geo2"):
        assert layout[geo]["visible"] is False
        # No built-in layer (those would be fetched from elsewhere); a frame is drawn.
        assert not any(k.startswith("show") for k in layout[geo] if k != "showframe")
    assert layout["template"] == {"data": {}, "layout": {}}


def test_kaesong_is_highlighted_in_august_1951_and_panmunjom_in_june_1952(dataset):
    august_1951 = sitting_labels(figure_on(dataset, dt.date(1951, 8, 1)))
    june_1952 = sitting_labels(figure_on(dataset, dt.date(1952, 6, 1)))
    assert august_1951 == ["<b>Kaesong</b>"]
    assert june_1952 == ["<b>Panmunjom</b>"]


def test_korean_labels(dataset):
    figure = figure_on(dataset, dt.date(1952, 6, 1), lang="ko")
    assert sitting_labels(figure, "회담 진행 중") == ["<b>판문점</b>"]
    # The legend and the neighbours' names speak Korean too.
    names = {t["name"] for t in figure["data"] if t.get("showlegend", True)}
    assert {"군사분계선 (1953년 7월 27일)", "유엔군·국군 점령 지역", "전선"} & names
    assert not {n for n in names if n.isascii()}
    (areas,) = traces_named(figure, "area names")
    assert areas["text"] == ["중국", "소련", "일본"]


def drawn(figure, layer):
    return [t for t in figure["data"] if t["meta"].get("layer") == layer and t["lon"]]


def test_the_mdl_and_dmz_wait_for_27_july_1953_unless_the_future_line_is_asked_for(dataset):
    before = figure_on(dataset, dt.date(1953, 7, 26))
    assert not drawn(before, "mdl") and not drawn(before, "dmz")
    assert all(t.get("showlegend") is False for t in before["data"] if t["meta"]["layer"] == "mdl")
    with_future = figure_on(
        dataset, dt.date(1953, 7, 26), layers=frozenset({"mdl", "dmz", "future"})
    )
    assert [t["name"] for t in drawn(with_future, "mdl")] == [
        "1953 MDL (future line, not yet agreed)"
    ]
    assert [t["name"] for t in drawn(with_future, "dmz")] == ["DMZ (future, from 27 July 1953)"]
    after = figure_on(dataset, dt.date(1953, 7, 27))
    assert [t["name"] for t in drawn(after, "mdl")] == ["Military Demarcation Line (27 July 1953)"]
    assert drawn(after, "dmz")


def test_the_legend_names_who_held_each_side_on_every_day_of_the_war(dataset):
    events = dataset.events["first_day"]
    un_command, cpv = events["unsc_res84"], events["cpv_cross_yalu"]
    assert (un_command, cpv) == (dt.date(1950, 7, 7), dt.date(1950, 10, 19))
    history = history_of(dataset)
    day = history.first_day
    while history.on(day) is not None:
        names = side_names(dataset, day)
        assert names["UN"] == (
            "Held by the UN Command and ROK"
            if day >= un_command
            else "Held by the Republic of Korea"
        ), day
        assert names["communist"] == (
            "Held by the DPRK and Chinese People's Volunteers"
            if day >= cpv
            else "Held by the DPRK (Korean People's Army)"
        ), day
        day += dt.timedelta(days=1)
    first = figure_on(dataset, history.first_day, layers=frozenset({"control"}))
    assert [t["name"] for t in first["data"] if t["meta"].get("side")] == [
        "Held by the Republic of Korea",
        "Held by the DPRK (Korean People's Army)",
    ]


def test_the_38th_parallel_divides_until_the_invasion(dataset):
    assert traces_named(
        figure_on(dataset, dt.date(1948, 1, 1)), "38th parallel: dividing line (1945–1950)"
    )
    assert traces_named(figure_on(dataset, dt.date(1951, 1, 1)), "38th parallel (reference line)")


def test_layers_that_are_off_are_not_drawn(dataset):
    figure = figure_on(dataset, dt.date(1953, 8, 1), layers=frozenset({"venues"}))
    layers = {t["meta"]["layer"] for t in figure["data"]}
    assert layers == {"land", "venues", "inset"}


def test_the_world_inset_appears_only_while_talks_are_abroad(dataset):
    geneva = figure_on(dataset, dt.date(1954, 5, 1))
    korea_only = figure_on(dataset, dt.date(1952, 6, 1))
    (marks,) = traces_named(geneva, "away from Korea")
    # The place's name without its city; Korea's square is named by its hover only.
    assert marks["text"] == ["Palais des Nations", ""]
    assert marks["hovertext"][-1] == "Korea"
    assert geneva["layout"]["geo2"]["bgcolor"] != "rgba(0,0,0,0)"
    assert traces_named(korea_only, "away from Korea")[0]["lon"] == []
    assert korea_only["layout"]["geo2"]["bgcolor"] == "rgba(0,0,0,0)"


def test_the_browser_animation_draws_exactly_what_the_builder_draws(dataset, bundle_of):
    """The clientside step only picks traces the one builder made: check it on many days."""
    options = MapOptions()
    bundle = bundle_of(options)
    epochs = bundle["epochs"]
    assert epochs[0]["from"] == 0 and epochs[-1]["to"] == TIMELINE_DAYS
    assert all(a["to"] + 1 == b["from"] for a, b in itertools.pairwise(epochs))
    for number in range(0, TIMELINE_DAYS + 1, 37):
        (epoch,) = [e for e in epochs if e["from"] <= number <= e["to"]]
        in_war = history_of(dataset).on(day_from_number(number)) is not None
        covered = bundle["front"]["covers"] if in_war else -1
        static = [t for i, t in enumerate(bundle["static"]) if i != covered]
        assembled = static + [bundle["variants"][i] for i in epoch["traces"]]
        built = build_figure(dataset, state_at(dataset, day_from_number(number)), options)
        # The front's traces are filled in the browser from the same templates (tested apart).
        not_front = [t for t in built["data"] if t["meta"]["layer"] not in FRONT_LAYERS]
        assert json.dumps(assembled, sort_keys=True) == json.dumps(not_front, sort_keys=True)
        templates = bundle["front"]["templates"]
        front = [t["meta"] for t in built["data"] if t["meta"]["layer"] in FRONT_LAYERS]
        without_pockets = [m for m in front if "pocket" not in m]
        assert without_pockets == [
            t["meta"] for t in templates["held"] + templates["band"] + templates["line"]
        ]


def test_data_text_never_becomes_markup():
    assert plain('<img src=x onerror="alert(1)">') == '&lt;img src=x onerror="alert(1)"&gt;'


def test_the_timeline_marks_every_event(dataset):
    figure = timeline_figure(dataset)
    marks = [t for t in figure["data"] if t["mode"] == "markers"]
    assert sum(len(t["x"]) for t in marks) == len(dataset.events)


def test_the_vendored_plotly_js_is_the_version_exports_use():
    import re
    from pathlib import Path

    import plotly

    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    exported_with = re.search(r"plotly\.js v(\S+)", full.read_text(encoding="utf-8")[:300])
    (vendored,) = Path("dashboard/web/assets/vendor").glob("plotly-geo-*.min.js")
    assert vendored.name == f"plotly-geo-{exported_with.group(1)}.min.js"


def test_a_note_cites_works_author_date_never_by_their_ids(dataset):
    from dashboard.figure.browser_bundle import event_entries

    notes = {eid: e["note"] for eid, e in event_entries(dataset).items() if e["note"]}
    assert "(FRUS 1952–1954, vol. XVI, doc. 1015)" in notes["geneva_korean_phase"]
    for eid, note in notes.items():
        assert not any(f"({work}:" in note for work in dataset.works), eid


def test_a_town_is_named_while_an_event_there_is_shown(dataset):
    def named(day):
        figure = figure_on(dataset, day)
        (cities,) = traces_named(figure, "Cities")
        (called,) = traces_named(figure, "called-out names")
        return {text.strip("\u00a0") for text in cities["text"] + called["text"] if text}

    assert "Ongjin" in named(dt.date(1950, 6, 25))  # the invasion begins there
    # Its name is called out over the Yellow Sea, with a leader line to its dot.
    (leader,) = traces_named(figure_on(dataset, dt.date(1950, 6, 25)), "leader lines")
    assert len(leader["lon"]) == 3
    assert "Ongjin" not in named(dt.date(1952, 6, 1))
    # Munsan lies 16 km from Panmunjom: its marker and its hover name it, not a label.
    assert "Munsan" not in named(dt.date(1953, 7, 27))


def test_on_screen_the_names_of_places_have_a_halo_and_in_print_none(dataset, bundle_of):
    from dashboard.export.snapshot import Snapshot, figure_for
    from dashboard.figure import style

    bundle = bundle_of(MapOptions())
    names = [
        v
        for v in bundle["variants"]
        if "text" in (v.get("mode") or "") and v["meta"]["layer"] in ("cities", "venues")
    ]
    assert len(names) > 10
    assert all(v["textfont"]["shadow"] == style.LABEL_HALO for v in names)
    # The talks' inset too: a road or a zone's edge runs through "1,000 yards".
    talks = state_at(dataset, dt.date(1953, 7, 20))
    words = [t for t in talks_inset_traces(dataset, talks, MapOptions()) if "text" in t["mode"]]
    assert len(words) >= 3
    assert all(t["textfont"]["shadow"] == style.LABEL_HALO for t in words)
    printed = figure_for(dataset, Snapshot(dt.date(1953, 7, 20)))
    assert not [t for t in printed["data"] if "shadow" in (t.get("textfont") or {})]


def test_the_pockets_are_numbered_in_the_order_they_first_appear(dataset, bundle_of):
    # An order every process agrees on: the data file's content hash, its name, with it.
    front = bundle_of(MapOptions())["front"]
    first_seen = list(dict.fromkeys(i for on in front["pockets_on"] for i in on))
    assert first_seen == list(range(len(front["pocket_names"])))


def test_panmunjoms_name_stands_above_the_parallel_only_while_it_divides_korea(dataset):
    from dashboard.figure.place_traces import venue_traces

    def side(day: dt.date) -> dict[str, str]:
        idle = venue_traces(dataset, state_at(dataset, day), "en")[0]
        names = [str(t).strip("\u00a0") for t in idle["text"]]
        return dict(zip(names, idle["textposition"], strict=True))

    assert side(dt.date(1948, 8, 15)) == {"Kaesong": "top left", "Panmunjom": "top right"}
    # From the invasion the front and, later, the 1953 line run north-east from Panmunjom.
    assert side(dt.date(1950, 6, 25))["Panmunjom"] == "middle right"
    assert side(dt.date(1953, 7, 28))["Panmunjom"] == "middle right"
