"""
HTML to tagged PDF, several documents at once on every core.

WeasyPrint lays a document out on one core, and the papers of a pack do not depend on one
another, so a build hands the papers it has not rendered before to a pool of processes.
Each build's pool is forked from a fork server that has WeasyPrint loaded already (started
once per process and kept), and stopped as soon as its papers are rendered: a process that
has laid out long tables holds on to that memory, and the merge that follows needs it.
This module imports nothing of Django, so the pool's processes stay small and hold no
database connection.
"""

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from weasyprint import HTML


def render(html: str, base_url: str) -> tuple[bytes, int]:
    """A tagged PDF (a structure tree, every mark of content in it) and its page count."""
    document = HTML(string=html, base_url=base_url).render(pdf_tags=True)
    return document.write_pdf(pdf_tags=True), len(document.pages)


def render_all(
    jobs: dict[str, str],
    base_url: str,
    processes: int,
    rendered: Callable[[str, bytes, int], None],
) -> None:
    """
    Render every job (a key and its HTML), calling `rendered(key, pdf, pages)` as each one
    finishes, in this process when a pool would not help.
    """
    if processes <= 1 or len(jobs) <= 1:
        for key, html in jobs.items():
            rendered(key, *render(html, base_url))
        return
    # The longest first, so no process is left with a long paper at the end.
    waiting = sorted(jobs, key=lambda key: len(jobs[key]), reverse=True)
    try:
        with new_pool(min(processes, len(jobs))) as pool:
            futures: dict[Future, str] = {
                pool.submit(render, jobs[key], base_url): key for key in waiting
            }
            for future in as_completed(futures):
                key = futures.pop(future)
                rendered(key, *future.result())
                waiting.remove(key)
    except BrokenProcessPool:
        # A process of the pool died (killed, or out of memory): render what is left here.
        for key in waiting:
            rendered(key, *render(jobs[key], base_url))


def new_pool(processes: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return ProcessPoolExecutor(processes, mp_context=context)
