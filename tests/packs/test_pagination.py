import pytest

from packs.pagination import Part, pages_label, paginate, range_text


def four_may_2023_parts():
    """Part sizes of Somerset's pack for 4 May 2023 (domain-somerset-packs.md §1.1)."""
    return [
        Part("front", 6),
        Part("guidance", 2, row="annex:guidance"),
        Part("information", 1, row="annex:information"),
        Part("joining", 1, row="annex:joining"),
        Part("item2-interests", 2, row="item:2"),
        Part("item3-minutes", 8, row="item:3"),
        Part("item5-work-plan", 5, row="item:5"),
        Part("item5-tracker", 3, row="item:5"),
        Part("item5-overview", 1, row="item:5"),
        Part("item6-core-offer", 32, row="item:6"),
        Part("item7-terms", 3, row="item:7"),
        Part("item8-strategy", 21, row="item:8"),
        Part("item8-app", 22, row="item:8"),
    ]


def test_four_may_2023_agenda_ranges():
    layout = paginate(four_may_2023_parts())

    printed = {row: range_text(pages) for row, pages in layout.rows.items()}
    assert printed == {
        "annex:guidance": "7 - 8",
        "annex:information": "9 - 10",
        "annex:joining": "11 - 12",
        "item:2": "13 - 14",
        "item:3": "15 - 22",
        "item:5": "23 - 34",
        "item:6": "35 - 66",
        "item:7": "67 - 70",
        "item:8": "71 - 114",
    }
    assert layout.page_count == 114
    assert pages_label(layout.rows.get("item:9"), to_follow=True) == "(To Follow)"
    assert pages_label(layout.rows.get("item:10"), to_follow=True) == "(To Follow)"
    assert pages_label(layout.rows["item:8"]) == "(Pages 71 - 114)"


def test_four_may_2023_blank_pages_fall_where_the_pack_has_them():
    layout = paginate(four_may_2023_parts())

    blanks = [placement.blank_page for placement in layout.placements if placement.blank_page]
    # Seven blanks in the real pack (A:L190, 215, 542, 580, 608, 1173, 1622).
    assert blanks == [10, 12, 28, 32, 34, 70, 92]


def test_each_paper_in_an_item_is_padded_on_its_own():
    layout = paginate(four_may_2023_parts())

    work_plan, tracker, overview = (
        layout.placement(key) for key in ("item5-work-plan", "item5-tracker", "item5-overview")
    )
    assert (work_plan.first_page, work_plan.last_page, work_plan.blank_page) == (23, 27, 28)
    assert (tracker.first_page, tracker.last_page, tracker.blank_page) == (29, 31, 32)
    assert (overview.first_page, overview.last_page, overview.blank_page) == (33, 33, 34)


def test_every_part_starts_on_an_odd_page():
    parts = [Part(f"p{n}", pages) for n, pages in enumerate([5, 1, 2, 7, 3, 4, 1, 1])]
    layout = paginate(parts)

    assert all(placement.first_page % 2 == 1 for placement in layout.placements)
    assert all(placement.end_page % 2 == 0 for placement in layout.placements)
    assert layout.page_count == sum(
        placement.end_page - placement.first_page + 1 for placement in layout.placements
    )


def test_an_odd_front_sheet_is_padded_too():
    layout = paginate([Part("front", 5), Part("paper", 2, row="item:1")])

    assert layout.placement("front").blank_page == 6
    assert layout.rows["item:1"] == (7, 8)


def test_numbering_can_start_elsewhere_for_a_supplement():
    layout = paginate([Part("front", 1), Part("late", 3, row="item:9")], first_page=115)

    assert layout.placement("front").blank_page == 116
    assert layout.rows == {"item:9": (117, 120)}


def test_an_item_without_papers_prints_nothing():
    assert pages_label(None) == ""


def test_a_part_without_pages_is_refused():
    with pytest.raises(ValueError):
        paginate([Part("front", 0)])
