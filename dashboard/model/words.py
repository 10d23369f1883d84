"""The interface's words in English and Korean, and the legend's names in Korean.

Data (titles, descriptions, sources) stays in the language it was written in; place
names come from the places file in both languages. "both" shows the interface in English:
the map's labels carry the Korean.
"""

from __future__ import annotations

from events.dates import written_day

INTERFACE: dict[str, tuple[str, str]] = {
    "title": ("Korea 1945–1954: division, war and armistice", "한국 1945–1954: 분단, 전쟁, 정전"),
    "layers": ("Layers", "지도 레이어"),
    "export": ("Export this view", "현재 화면 내보내기"),
    "events": ("Events at this date", "이 날짜의 사건"),
    "no_events": ("No event in the data at this date.", "이 날짜에 해당하는 사건이 없습니다."),
    "prev_event": ("◀ Event", "◀ 이전 사건"),
    "next_event": ("Event ▶", "다음 사건 ▶"),
    "play": ("▶ Play", "▶ 재생"),
    "pause": ("❚❚ Pause", "❚❚ 일시정지"),
    "day": ("1 day", "1일"),
    "week": ("1 week", "1주"),
    "month": ("1 month", "1개월"),
    "loop": ("loop", "반복"),
    "tour": ("Tour", "둘러보기"),
    "no_tour": ("No tour", "둘러보기 없음"),
    "prev_stop": ("◀ Stop", "◀ 이전"),
    "next_stop": ("Stop ▶", "다음 ▶"),
    "stop_of": ("Stop {n} of {m}", "{m}개 중 {n}번째"),
    "present": ("Present", "발표 모드"),
    "leave_present": ("Leave presentation", "발표 모드 끝내기"),
    "notes": ("Speaker notes", "발표자 노트"),
    "front": ("Front line: ", "전선: "),
    "front_sources": ("Sources of the front line ({n})", "전선의 출처 ({n})"),
    "pockets": ("Held apart from the line: ", "전선 밖 점령 지역: "),
    "note": ("Note: ", "참고: "),
    "summary": ("The map in words", "지도 요약"),
    "caption": ("Caption", "캡션"),
    "next_up": ("Next", "다음"),
    "no_notes": ("No notes for this stop.", "이 단계의 노트가 없습니다."),
    "notes_waiting": (
        "Waiting for the map window: open a tour there.",
        "지도 창을 기다리는 중: 지도 창에서 둘러보기를 여십시오.",
    ),
}

LAYER_TITLES_KO = {
    "parallel38": "38도선",
    "mdl": "군사분계선 (1953)",
    "dmz": "비무장지대 (1953)",
    "future": "1953년 선을 그 이전 날짜에도 (미래의 선)",
    "frontline": "전선",
    "control": "양측의 점령 지역",
    "uncertainty": "전선 위치의 오차 범위",
    "cities": "도시",
    "venues": "회담 장소",
    "events": "이 날짜의 사건",
}

LEGEND_KO = {
    "1953 MDL (future line, not yet agreed)": "1953년 군사분계선 (아직 합의되지 않은 미래의 선)",
    "38th parallel (reference line)": "38도선 (참고선)",
    "38th parallel: dividing line (1945–1950)": "38도선: 분할선 (1945–1950)",
    "Cities": "도시",
    "DMZ (future, from 27 July 1953)": "비무장지대 (1953년 7월 27일부터)",
    "Demilitarized Zone, 2 km each side": "비무장지대, 양쪽 2 km",
    "Event: diplomacy": "사건: 외교",
    "Event: military": "사건: 군사",
    "Event: negotiation": "사건: 협상",
    "Event: political": "사건: 정치",
    "Front line": "전선",
    "Front line ± its stated accuracy": "전선 ± 표기된 오차",
    "Held by the DPRK and Chinese People's Volunteers": "조선인민군·중국인민지원군 점령 지역",
    "Held by the UN Command and ROK": "유엔군·국군 점령 지역",
    "Held by the Republic of Korea": "국군 점령 지역",
    "Held by the DPRK (Korean People's Army)": "조선인민군 점령 지역",
    "UN-held pocket": "유엔군 고립 지역",
    # The pockets (geodata/frontlines.geojson), named in the legend and the front's note.
    "Inchon-Seoul beachhead (X Corps)": "인천·서울 교두보 (미 제10군단)",
    "North Korean forces cut off in the south-west": "남서부에 고립된 조선인민군",
    "North Korean forces cut off in the south-west (South Cholla remnant)": (
        "남서부에 고립된 조선인민군 (전라남도 잔존 부대)"
    ),
    "ROK 3d Division cut off at Changsa-dong (east coast)": "장사동에 고립된 국군 제3사단 (동해안)",
    "X Corps and ROK I Corps, north-east Korea": "미 제10군단·국군 제1군단, 북동부",
    "Military Demarcation Line (27 July 1953)": "군사분계선 (1953년 7월 27일)",
    "Negotiation venue": "회담 장소",
    "Talks in session": "회담 진행 중",
}


CATEGORY_KO = {"diplomacy": "외교", "negotiation": "협상", "military": "군사", "political": "정치"}


def category_name(category: str, english: str, lang: str) -> str:
    """A category of events as the timeline's rows name it (in `both`, like the rest of
    the interface, in English)."""
    return CATEGORY_KO[category] if lang == "ko" else english


AREA_NAMES_KO = {"CHINA": "중국", "USSR": "소련", "JAPAN": "일본"}


def area_name(name: str, lang: str) -> str:
    """The neighbours' names on the map: in Korean, or both ('CHINA 중국')."""
    if lang == "ko":
        return AREA_NAMES_KO[name]
    return f"{name} {AREA_NAMES_KO[name]}" if lang == "both" else name


# The printed map's own words (dashboard/export/print_layout.py): a map exported in Korean
# is Korean throughout, round the map as on it. Line breaks are "\n".
PRINTED: dict[str, tuple[str, str]] = {
    "title": (
        "Korea, 1945–1954: division, war and armistice",
        "한국, 1945–1954: 분단, 전쟁, 정전",
    ),
    "scale_note": ("scale at {lat}°N,\nthe map's centre", "북위 {lat}°(지도 중심)\n기준 축척"),
    "credit": (
        "Korea 1945–1954 map. Land, coast and MDL: Natural Earth (public domain); 38th parallel\n"
        "and DMZ computed from them. Events and places: every source is in the caption.",
        "한국 1945–1954 지도. 육지·해안선·군사분계선: Natural Earth(퍼블릭 도메인). 38선과\n"
        "비무장지대는 이를 바탕으로 계산함. 사건과 장소: 모든 출처는 캡션에 있음.",
    ),
}


def word(key: str, lang: str, table: dict[str, tuple[str, str]] = INTERFACE) -> str:
    """A word of the interface (or of `table`) in a language ("both" writes English)."""
    english, korean = table[key]
    return korean if lang == "ko" else english


def words(lang: str) -> dict[str, str]:
    """Every interface word in one language (the page keeps both, to switch without asking)."""
    return {key: word(key, lang) for key in INTERFACE}


def legend_name(name: str, lang: str) -> str:
    return LEGEND_KO.get(name, name) if lang == "ko" else name


# Options of the picker that are not layers of their own.
OPTION_TITLES = {"future": "The 1953 line on earlier dates (future)"}


def layer_title(layer: str, english: str, lang: str) -> str:
    return LAYER_TITLES_KO[layer] if lang == "ko" else english or OPTION_TITLES[layer]


def front_status(front, lang: str) -> str:
    """How the day's line was drawn, in the reader's language. A keyframe's label is data
    and stays in the language it was written in."""
    if lang != "ko":
        return front.status
    if front.between is None:
        return f"자료에 기록된 전선 ({written_day(front.day, 'ko')}): {front.keyframe.label}"
    first, last = front.between
    return f"{written_day(first, 'ko')}과 {written_day(last, 'ko')}의 전선 사이를 보간"
