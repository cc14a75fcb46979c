"""Checks a browser test makes of a page, shared by the reflow and accessibility tests."""

NARROW = {"width": 320, "height": 900}

# WCAG 1.4.10: what sticks out of a 320 px wide page, unless it is inside a container that
# scrolls on its own (a wide table is fine there).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(element => {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) return false;
    for (let up = element.parentElement; up; up = up.parentElement) {
      const overflow = getComputedStyle(up).overflowX;
      if (overflow === 'auto' || overflow === 'scroll') return false;
    }
    return true;
  });
  return {
    scrolls: document.documentElement.scrollWidth > width,
    wide: wide.slice(0, 3).map(element => element.tagName + '.' + element.className),
  };
}"""


def sideways_scrolling(page) -> dict | None:
    """What makes the page scroll sideways at 320 CSS pixels, or None. The page is put back
    to the size it had."""
    size = page.viewport_size
    page.set_viewport_size(NARROW)
    try:
        found = page.evaluate(OVERFLOW)
    finally:
        page.set_viewport_size(size)
    return found if found["scrolls"] or found["wide"] else None
