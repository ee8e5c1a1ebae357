"""DuckDB doing only the sum an analyst would write: GROUP BY district and item over a long returns file.

Usage: python3 benches/duckdb_sum.py FILE  — prints the groups and the time the query took in-process.
"""
import sys
import time

import duckdb

start = time.perf_counter()
rows = duckdb.sql(
    "SELECT district_id, item, sum(value) AS total FROM read_csv(?, header = true) GROUP BY district_id, item",
    params=[sys.argv[1]],
).fetchall()
took = time.perf_counter() - start
print(f"{len(rows)} groups in {took:.3f} s (in-process)")
