#!/usr/bin/env bash
# Segment count benchmark (not a test): in a scratch database with 1M customers / 10M orders
# (generated with generate_series on the first run and kept for the next), times the count of
# a four-condition rule compiled by crm-segmentation against the same count written by hand,
# and the builder's live count with reach. Prints c/hand (goal <= 1.2) and the live-count
# latency (goal < 1 s). Needs PostgreSQL on localhost:5432 (user postgres) and crm-domain
# installed in the local Maven repository (./mvnw install -DskipTests).
#   BENCH_DB=crm_bench_segments BENCH_CUSTOMERS=1000000 BENCH_ORDERS=10000000 scripts/bench-segment.sh
#   BENCH_DROP=1 drops the scratch database afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${BENCH_DB:-crm_bench_segments}"
HOST="${BENCH_PGHOST:-localhost}"
if ! psql -h "$HOST" -U postgres -Atc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
	psql -h "$HOST" -U postgres -c "create database $DB" >/dev/null
fi
rm -f crm-segmentation/target/bench-segment.txt
export CRM_TEST_DATABASE_URL="jdbc:postgresql://$HOST:5432/$DB"
./mvnw -B -q -pl crm-segmentation test -Dspring-javaformat.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
	-Dtest=SegmentCountBenchmark -Dbench.customers="${BENCH_CUSTOMERS:-1000000}" \
	-Dbench.orders="${BENCH_ORDERS:-10000000}" -Dbench.runs="${BENCH_RUNS:-9}" >target-bench.log 2>&1 || {
	tail -50 target-bench.log
	exit 1
}
if [ ! -f crm-segmentation/target/bench-segment.txt ]; then
	tail -50 target-bench.log
	echo "The benchmark did not run (see above)." >&2
	exit 1
fi
rm -f target-bench.log
cat crm-segmentation/target/bench-segment.txt
if [ "${BENCH_DROP:-0}" = "1" ]; then
	psql -h "$HOST" -U postgres -c "drop database $DB with (force)" >/dev/null
fi
