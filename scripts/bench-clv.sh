#!/usr/bin/env bash
# CLV benchmark (not a test): times (a) the bare per-customer aggregate over domain.orders written
# to an unlogged table and (b) a full CLV fit (summary aggregate, BG/NBD + Gamma-Gamma maximum
# likelihood, predictions COPYed into segmentation.clv_prediction), in paired rounds, and prints
# b/a (goal <= 2). Works from a fresh clone: it builds crm-domain and crm-segmentation through the
# reactor (nothing is installed into ~/.m2). Data lives in a scratch database (default crm_bench_clv).
#
#   scripts/bench-clv.sh                                  # 1M customers / ~10M orders, then measure
#   BENCH_CUSTOMERS=200000 BENCH_REGENERATE=1 scripts/bench-clv.sh   # reduced scale
#   BENCH_ROUNDS=5 scripts/bench-clv.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${BENCH_DB:-crm_bench_clv}
HOST=${BENCH_HOST:-localhost}
USER_NAME=${BENCH_USER:-postgres}
CUSTOMERS=${BENCH_CUSTOMERS:-1000000}
ORDERS_PER_CUSTOMER=${BENCH_ORDERS_PER_CUSTOMER:-10}
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$HOST" -U "$USER_NAME")

if ! "${PSQL[@]}" -d postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
	"${PSQL[@]}" -d postgres -c "create database $DB"
fi

has_orders=$("${PSQL[@]}" -d "$DB" -tAc "select to_regclass('domain.v_order') is not null")
if [[ "$has_orders" != t || "${BENCH_REGENERATE:-0}" == 1 ]]; then
	echo "Generating $CUSTOMERS customers with ~$ORDERS_PER_CUSTOMER orders each in $DB (takes minutes) ..."
	"${PSQL[@]}" -d "$DB" -c "drop schema if exists domain cascade"
	for migration in $(ls crm-domain/src/main/resources/db/migration/__root/V*.sql | sort -V) \
		$(ls crm-domain/src/main/resources/db/migration/domain/V*.sql | sort -V); do
		"${PSQL[@]}" -d "$DB" -f "$migration"
	done
	"${PSQL[@]}" -d "$DB" -v customers="$CUSTOMERS" -v orders_per_customer="$ORDERS_PER_CUSTOMER" \
		-f scripts/bench-rfm-data.sql
fi

# The segmentation schema is rebuilt from this branch's migrations on every run.
"${PSQL[@]}" -d "$DB" -c "drop schema if exists segmentation cascade" 2>/dev/null
for migration in $(ls crm-segmentation/src/main/resources/db/migration/segmentation/V*.sql | sort -V); do
	"${PSQL[@]}" -d "$DB" -f "$migration"
done

./mvnw -B -q -pl crm-segmentation -am test -Dspring-javaformat.skip=true -Dtest=ClvBenchmark \
	-Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.useFile=false \
	-Dcrm.bench.url="jdbc:postgresql://$HOST:5432/$DB" -Dcrm.bench.user="$USER_NAME" \
	-Dcrm.bench.rounds="${BENCH_ROUNDS:-3}" | grep -E '^(CLV benchmark|round|  fit|median)'
