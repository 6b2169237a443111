"""One context builder per book: gather every piece of data a book shows, in a fixed number of
queries whatever the number of programs; the templates (templates/books/) only lay it out."""

from .analysis import book1
from .masterplan import book2
from .summary import book3

BUILDERS = {"1": book1, "2": book2, "3": book3}
