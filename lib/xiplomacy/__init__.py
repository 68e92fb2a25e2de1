"""xiplomacy: a research workbook on China's global initiatives (GSI, GDI, GCI, GGI, BRI).

Data flows one way: ``load`` -> ``code_stances`` -> ``standings`` -> ``filter_statements``
-> views (``explorer``, the report notebooks) -> ``python -m xiplomacy publish``.
"""

from .coder import code_stance, code_stances, find_terms
from .explore import explorer
from .filter import filter_statements
from .load import DataError, Dataset, Problem, load
from .standings import standings

__all__ = ["load", "Dataset", "DataError", "Problem", "code_stance", "code_stances", "find_terms",
           "standings", "filter_statements", "explorer"]
__version__ = "0.1.0"

