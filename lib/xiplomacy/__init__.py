"""xiplomacy: a research workbook on China's global initiatives (GSI, GDI, GCI, GGI, BRI).

Data flows one way: ``load`` -> ``code_stances`` -> ``standings`` -> ``filter_statements``
-> views (explorer, report notebooks) -> ``python -m xiplomacy publish``.
"""

from .coder import code_stance, code_stances, find_terms
from .load import DataError, Dataset, Problem, load

__all__ = ["load", "Dataset", "DataError", "Problem", "code_stance", "code_stances", "find_terms"]
__version__ = "0.1.0"
