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
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${BENCH_DB:-crm_bench_rfm}
HOST=${BENCH_HOST:-localhost}
USER_NAME=${BENCH_USER:-postgres}
CUSTOMERS=${BENCH_CUSTOMERS:-1000000}
ORDERS_PER_CUSTOMER=${BENCH_ORDERS_PER_CUSTOMER:-10}
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$HOST" -U "$USER_NAME")

if ! "${PSQL[@]}" -d postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
	"${PSQL[@]}" -d postgres -c "create database $DB"
fi

has_orders=$("${PSQL[@]}" -d "$DB" -tAc "select to_regclass('domain.orders') is not null")
if [[ "${BENCH_KEEP_DOMAIN:-0}" != 1 && ( "$has_orders" != t || "${BENCH_REGENERATE:-0}" == 1 ) ]]; then
	echo "Generating $CUSTOMERS customers with ~$ORDERS_PER_CUSTOMER orders each in $DB (takes minutes) ..."
	"${PSQL[@]}" -d "$DB" -c "drop schema if exists domain cascade"
	"${PSQL[@]}" -d "$DB" -f crm-domain/src/main/resources/db/migration/__root/V2__create_extensions.sql
	"${PSQL[@]}" -d "$DB" -f crm-domain/src/main/resources/db/migration/domain/V1__create_customer_order_consent.sql
	"${PSQL[@]}" -d "$DB" -v customers="$CUSTOMERS" -v orders_per_customer="$ORDERS_PER_CUSTOMER" \
		-f scripts/bench-rfm-data.sql
fi

# The segmentation schema is rebuilt from this branch's migrations on every run.
"${PSQL[@]}" -d "$DB" -c "drop schema if exists segmentation cascade" 2>/dev/null
for migration in $(ls crm-segmentation/src/main/resources/db/migration/segmentation/V*.sql | sort -V); do
	"${PSQL[@]}" -d "$DB" -f "$migration"
done

./mvnw -B -o -q -pl crm-segmentation test -Dspring-javaformat.skip=true -Dtest=RfmBenchmark \
	-Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.useFile=false \
	-Dcrm.bench.url="jdbc:postgresql://$HOST:5432/$DB" -Dcrm.bench.user="$USER_NAME" \
	-Dcrm.bench.rounds="${BENCH_ROUNDS:-3}" | grep -E '^(RFM benchmark|round|  run|median)'
