#!/usr/bin/env bash
# CLV benchmark (not a test): times (a) the bare per-customer aggregate over domain.orders written
# to an unlogged table and (b) a full CLV fit (summary aggregate, BG/NBD + Gamma-Gamma maximum
# likelihood, predictions written into segmentation.clv_prediction), in paired rounds, and prints
# b/a (goal <= 2). Works from a fresh clone: it builds crm-domain and crm-segmentation through the
# reactor (nothing is installed into ~/.m2). Data lives in a scratch database (default
# crm_bench_clv): bench-rfm's synthetic orders, with half of the customers dropping out
# (BENCH_DROPOUT=0.5; 0 gives bench-rfm's data, on which a = 0 is the maximum).
#
#   scripts/bench-clv.sh                                  # 1M customers / ~10M orders, then measure
#   BENCH_CUSTOMERS=100000 BENCH_REGENERATE=1 scripts/bench-clv.sh   # reduced scale
#   BENCH_ROUNDS=5 scripts/bench-clv.sh
# Other settings (database, host, BENCH_KEEP_DOMAIN): scripts/bench/orders-db.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DEFAULT_DB=crm_bench_clv
BENCH_DEFAULT_DROPOUT=0.5
source scripts/bench/orders-db.sh

bench_run ClvBenchmark '^(CLV benchmark|round|  fit|median)|CLV fit'
