"""Publishing speed: the full `python -m xiplomacy publish` and one report rebuilt alone.

Prints wall-clock seconds; run on demand (`make bench`). Each run writes to a temporary
folder so the real reports/ is left alone.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from xiplomacy.publish import jobs_from_config, load_config, publish


def main() -> None:
    n_pages = len(jobs_from_config(load_config()))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        publish(only=["02-country-profile-kaz"], out_dir=out)
        one = time.perf_counter() - start
        start = time.perf_counter()
        publish(out_dir=out)
        full = time.perf_counter() - start
    print(f"cores: {os.cpu_count()}; pages: {n_pages}")
    print(f"one report rebuilt alone (02-country-profile-kaz): {one:.1f} s")
    print(f"full publish: {full:.1f} s ({full / n_pages:.2f} s per page)")


if __name__ == "__main__":
    main()
