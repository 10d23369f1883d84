"""The map in words, for readers who do not see it: which line divides Korea, where talks
sit and which events are on the map. The browser adds the date and the front's status."""

from __future__ import annotations

from dashboard.model.state import MapState


def _place(mark, lang: str) -> str:
    return mark.place_ko if lang == "ko" and mark.place_ko else mark.place_en


def map_summary(state: MapState, lang: str) -> str:
    """One short paragraph; lang 'ko' gives Korean, otherwise English."""
    ko = lang == "ko"
    if state.mdl_in_force:
        line = (
            "군사분계선과 비무장지대가 한반도를 나눈다."
            if ko
            else "The Military Demarcation Line and the DMZ divide Korea."
        )
    elif state.parallel38_divides:
        line = "38도선이 한반도를 나눈다." if ko else "The 38th parallel divides Korea."
    else:
        line = "전쟁 중: 전선이 한반도를 나눈다." if ko else "War: the front line divides Korea."
    parts = [line]
    if state.sessions:
        places = ", ".join(sorted({_place(m, lang) for m in state.sessions}))
        parts.append(f"회담 진행 중: {places}." if ko else f"Talks in session at {places}.")
    if state.events:
        titles = "; ".join(f"{m.title} ({m.written_when(lang)})" for m in state.events)
        count = len(state.events)
        parts.append(
            f"지도의 사건 {count}건: {titles}."
            if ko
            else f"{count} event{'s' if count > 1 else ''} on the map: {titles}."
        )
    else:
        parts.append("지도에 사건이 없다." if ko else "No event on the map.")
    return " ".join(parts)
