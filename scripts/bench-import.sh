#!/usr/bin/env bash
# Import benchmark (DESIGN.md §8): 1M orders through POST /api/import/orders on the app
# running with -Xmx512m, against a bare COPY of the same file into an unindexed unlogged
# table in the same run. Prints rows/s, the ratio bare COPY time / import time (goal >= 0.33)
# and the app's peak heap (from its GC log). Uses the local PostgreSQL (user postgres) and a
# throwaway database crm_bench.
#   scripts/bench-import.sh [orders=1000000] [customers=100000]
# SKIP_BUILD=1 reuses crm-web/target/crm-web-*.jar; BENCH_KEEP=1 keeps the database.
set -euo pipefail
cd "$(dirname "$0")/.."

ORDERS=${1:-1000000}
CUSTOMERS=${2:-100000}
PORT=${BENCH_PORT:-18089}
DB=${BENCH_DB:-crm_bench}
DIR=${BENCH_DIR:-bench}
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "${PGHOST:-localhost}" -U "${PGUSER:-postgres}")
PASSWORD=bench-password-1

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
	./mvnw -B -q -o package -DskipTests -Dspring-javaformat.skip=true
fi
JAR=$(ls crm-web/target/crm-web-*.jar | grep -v plain | head -1)
mkdir -p "$DIR"

echo "Generating $ORDERS orders for $CUSTOMERS customers in $DIR ..."
java crm-web/src/test/java/io/mawasu/crm/web/imports/ImportBenchmark.java "$DIR" "$ORDERS" "$CUSTOMERS"
ls -l "$DIR"/*.csv

"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"

echo "Starting the app (-Xmx512m) on port $PORT ..."
SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:5432/$DB" CRM_ADMIN_USERNAME=admin CRM_ADMIN_PASSWORD=$PASSWORD \
	java -Xmx512m -Xlog:gc:file="$DIR/gc.log" -jar "$JAR" --server.port="$PORT" > "$DIR/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
	curl -fs "http://localhost:$PORT/actuator/health" > /dev/null && break
	kill -0 $APP 2>/dev/null || { echo "The app did not start; see $DIR/app.log"; exit 1; }
	sleep 1
done

post() {
	curl -fsS -u "admin:$PASSWORD" -H 'Content-Type: text/csv; charset=UTF-8' --data-binary "@$2" \
		"http://localhost:$PORT/api/import/$1"
}
now() { date +%s.%N; }

echo "Importing customers ..."
post customers "$DIR/customers.csv" | cut -c1-200; echo

echo "Importing orders ..."
t0=$(now)
post orders "$DIR/orders.csv" | cut -c1-200; echo
t1=$(now)
echo "Re-importing the same orders (no change expected) ..."
post orders "$DIR/orders.csv" | cut -c1-200; echo
t2=$(now)

echo "Bare COPY of the same file into an unindexed unlogged table ..."
"${PSQL[@]}" -d "$DB" -c "create unlogged table bench_copy (external_id text, customer_external_id text,
	ordered_at timestamptz, amount numeric(14, 2), category text, brand text, quantity integer, list_price numeric(14, 2))"
t3=$(now)
"${PSQL[@]}" -d "$DB" -c "\\copy bench_copy from '$DIR/orders.csv' with (format csv, header true)"
t4=$(now)
echo "Schema ceiling: INSERT ... SELECT of those rows into a copy of domain.orders with its indexes and FK ..."
"${PSQL[@]}" -d "$DB" -c "create table bench_orders (like domain.orders including all)" \
	-c "alter table bench_orders add foreign key (customer_id) references domain.customer (id)"
t5=$(now)
"${PSQL[@]}" -d "$DB" -c "insert into bench_orders (external_id, customer_id, ordered_at, amount, category, brand,
	quantity, list_price) select b.external_id, c.id, b.ordered_at, b.amount, b.category, b.brand, b.quantity,
	b.list_price from bench_copy b join domain.customer c on c.external_id = b.customer_external_id"
t6=$(now)
"${PSQL[@]}" -d "$DB" -c "drop table bench_copy" -c "drop table bench_orders"

kill $APP; wait $APP 2>/dev/null || true
trap - EXIT
if [[ "${BENCH_KEEP:-}" != 1 ]]; then
	"${PSQL[@]}" -d postgres -c "drop database $DB with (force)"
fi

PEAK=$(grep -o '[0-9]*M->[0-9]*M' "$DIR/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
awk -v rows="$ORDERS" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v t4="$t4" -v t5="$t5" -v t6="$t6" -v peak="${PEAK:-?}" 'BEGIN {
	imp = t1 - t0; again = t2 - t1; copy = t4 - t3; ceiling = t6 - t5;
	printf "\nimport of %d orders: %.1f s (%.0f rows/s)\n", rows, imp, rows / imp;
	printf "re-import (no change): %.1f s (%.0f rows/s)\n", again, rows / again;
	printf "bare COPY: %.1f s (%.0f rows/s)\n", copy, rows / copy;
	printf "schema ceiling (insert into indexed orders + FK, no checks): %.1f s (%.0f rows/s)\n", ceiling, rows / ceiling;
	printf "ratio bare COPY / import: %.2f (goal >= 0.33)\n", copy / imp;
	printf "ratio (bare COPY + schema ceiling) / import: %.2f\n", (copy + ceiling) / imp;
	printf "peak heap (GC log, before collection): %s MB of 512 MB\n", peak;
}'
