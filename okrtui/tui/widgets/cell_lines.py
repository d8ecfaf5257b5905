"""A table cell's text as rich draws it inside DataTable's padding, the quick way.

DataTable draws a cell through rich's ``Styled(Padding(text))``: ~24 µs of generators and
option copies for one line of text (profiled). ``text_lines`` gives the same segments (a
test compares them with rich's, case by case) for text that does not wrap.
"""

from __future__ import annotations

from itertools import islice

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

_NO_STYLE = Style.null()


def text_lines(text: Text, width: int, height: int, padding: int, console: Console,
               options: ConsoleOptions) -> list[list[Segment]] | None:
    """The segments of ``text`` as DataTable draws it in a cell ``width`` x ``height`` with
    ``padding`` on both sides, before the table's styles are laid over it; None for text
    that wraps, which is left to DataTable.

    The same steps as rich's ``Padding(text, (0, padding))`` rendered in those bounds
    (``Text.__rich_console__``, ``Console.render_lines``), without the generators and option
    copies around them."""
    no_wrap = text.no_wrap if text.no_wrap is not None else height == 1 or options.no_wrap
    if not no_wrap:
        return None
    inner = max(0, width - 2 * padding)
    justify = text.justify or options.justify or "default"
    parts = text.split("\n", allow_blank=True) if "\n" in text.plain else [text]
    lengths = [cell_len(part.plain) for part in parts]
    if justify == "default" and max(lengths) <= inner and "\t" not in text.plain:
        # most cells: lines that fit, with nothing to cut or align
        styled = any(part.spans or part.style for part in parts)
        alone = len(parts) == 1
        lines = [_fitting_line(part, length, inner, console, styled, alone)
                 for part, length in zip(parts[:height], lengths, strict=False)]
    else:
        tab_size = console.tab_size if text.tab_size is None else text.tab_size
        wrapped = text.wrap(console, inner, justify=justify,
                            overflow=text.overflow or options.overflow or "fold",
                            tab_size=tab_size or 8, no_wrap=True)
        # joined as rich joins them, each line's own style becomes a span over it
        segments = Text("\n").join(wrapped).render(console)
        lines = list(islice(Segment.split_and_crop_lines(
            segments, inner, style=_NO_STYLE, include_new_lines=False), height))
    lines += [[Segment(" " * inner, _NO_STYLE)]] * (height - len(lines))
    edge = [Segment(" " * padding, _NO_STYLE)] if padding else []
    return [edge + line + edge for line in lines]


def _fitting_line(line: Text, length: int, width: int, console: Console, styled: bool,
                  alone: bool) -> list[Segment]:
    """One line of text ``length`` cells long, padded to ``width``, as rich renders it
    among lines of which any is ``styled``: each line's style becomes a span once they are
    joined, and text with no span at all is rendered with no style. An empty line renders
    as nothing, but for an empty text with no style ``alone``, which is one empty segment."""
    if not line.plain and (styled or not alone):
        return [Segment(" " * width, _NO_STYLE)]
    if line.spans:
        segments = list(line.render(console))
    else:
        style = (console.get_style(line.style) if line.style else _NO_STYLE) if styled else None
        segments = [Segment(line.plain, style)]
    if length < width:
        segments.append(Segment(" " * (width - length), _NO_STYLE))
    return segments
