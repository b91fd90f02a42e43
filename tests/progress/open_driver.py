"""Child process for the concurrency test: wait for the start file, open the store, record one answer."""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from chinaai_learn.progress import Answer, ProgressStore

store_path, start_flag, qid = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
while not start_flag.exists():  # every process opens at (nearly) the same moment
    time.sleep(0.001)
at = datetime(2025, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=1)))
with ProgressStore.open(store_path) as store:
    store.record(Answer(qid, "alpha", True, 1.0, at, lang="de"))
    print("kept" if store.recovery else "used", flush=True)
