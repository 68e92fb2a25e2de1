"""xiplomacy: a research workbook on China's global initiatives (GSI, GDI, GCI, GGI, BRI).

Data flows one way: (``python -m xiplomacy clean`` for new rows) -> ``load`` -> ``code_stances``
-> ``standings`` -> ``filter_statements`` / ``filter_implementation`` -> views (``explorer``,
the report notebooks) -> ``python -m xiplomacy publish``.
"""

from .coder import code_stance, code_stances, find_terms
from .explore import explorer
from .filter import filter_implementation, filter_statements
from .load import DataError, Dataset, Problem, load
from .standings import standings

__all__ = ["load", "Dataset", "DataError", "Problem", "code_stance", "code_stances", "find_terms",
           "standings", "filter_statements", "filter_implementation", "explorer"]
__version__ = "0.4.0"

