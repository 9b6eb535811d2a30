#!/usr/bin/env bash
# RFM benchmark (not a test): times (a) the bare per-customer aggregate over domain.orders written
# to an unlogged table and (b) a full RFM run (QUANTILE, as of today), in paired rounds, and prints
# b/a (goal <= 1.5). Data lives in a scratch database (default crm_bench_rfm on the local server; other benchmarks use crm_bench).
#
#   scripts/bench-rfm.sh                 # generate 1M customers / 10M orders once, then measure
#   BENCH_ROUNDS=5 scripts/bench-rfm.sh  # more rounds
#   BENCH_REGENERATE=1 BENCH_CUSTOMERS=200000 scripts/bench-rfm.sh
#
# With data from the demo generator instead, point BENCH_DB at a database it filled
# (java -jar crm-web/target/crm-web-*.jar --crm.demo.customers=1000000 --crm.demo.orders-per-customer=10)
# and set BENCH_KEEP_DOMAIN=1 so the domain tables are left as they are.
# Other settings: scripts/bench/orders-db.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DEFAULT_DB=crm_bench_rfm
source scripts/bench/orders-db.sh

bench_run RfmBenchmark '^(RFM benchmark|round|  run|median)'
