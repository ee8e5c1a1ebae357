"""DuckDB doing the job akim-tally does, written as SQL: join the roster, keep only rostered precincts under their
district, sum every item per race, rank the candidates, and count the precincts reported.

Usage: python3 benches/duckdb_job.py ROSTER_DIR FILE OUT — writes the results to OUT (JSON, a row per candidate
with the race's sums and precincts reported), as akim-tally writes its results to a file, and prints the query's own
time.
"""
import sys
import time

import duckdb

roster, returns, out = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
duckdb.execute(
    """
    COPY (WITH returns AS (SELECT * FROM read_csv($returns, header = true)),
         precincts AS (SELECT * FROM read_csv($precincts, header = true)),
         candidates AS (SELECT * FROM read_csv($candidates, header = true)),
         counted AS MATERIALIZED (
             SELECT p.district_id, r.precinct_id, r.item, r.value
             FROM returns r JOIN precincts p ON r.precinct_id = p.precinct_id AND r.district_id = p.district_id),
         sums AS MATERIALIZED (SELECT district_id, item, sum(value) AS total FROM counted GROUP BY district_id, item),
         reported AS (SELECT district_id, count(DISTINCT precinct_id) AS precincts FROM counted GROUP BY district_id),
         lines AS (SELECT district_id, list(struct_pack(item := item, total := total)) AS lines FROM sums
                   GROUP BY district_id),
         ranked AS (
             SELECT s.district_id, c.candidate_id, c.candidate_name, s.total,
                    rank() OVER (PARTITION BY s.district_id ORDER BY s.total DESC) AS place
             FROM sums s JOIN candidates c ON c.district_id = s.district_id AND c.candidate_id = s.item)
    SELECT ranked.*, reported.precincts, lines.lines
    FROM ranked JOIN reported USING (district_id) JOIN lines USING (district_id)
    ORDER BY district_id, place) TO '""" + out.replace("'", "''") + """' (FORMAT json)
    """,
    {"returns": returns, "precincts": f"{roster}/precincts.csv", "candidates": f"{roster}/candidates.csv"},
)
took = time.perf_counter() - start
print(f"results written in {took:.3f} s (in-process)")
