# Shared preamble of bench-rfm.sh and bench-clv.sh (sourced, not run): a scratch database with
# the synthetic customers and orders of bench-rfm-data.sql, generated on the first run and kept
# for the next, and the segmentation schema rebuilt from this branch's migrations.
# The caller sets BENCH_DEFAULT_DB (and BENCH_DEFAULT_DROPOUT, default 0) before sourcing; the
# user may set BENCH_DB, BENCH_HOST, BENCH_USER, BENCH_CUSTOMERS (1000000),
# BENCH_ORDERS_PER_CUSTOMER (10), BENCH_DROPOUT, BENCH_REGENERATE=1 (generate again) and
# BENCH_KEEP_DOMAIN=1 (leave the domain tables as they are, e.g. filled by the demo generator).
# Defines DB, HOST, USER_NAME, PSQL and bench_run (the benchmark class through Maven).

DB=${BENCH_DB:-$BENCH_DEFAULT_DB}
HOST=${BENCH_HOST:-localhost}
USER_NAME=${BENCH_USER:-postgres}
CUSTOMERS=${BENCH_CUSTOMERS:-1000000}
ORDERS_PER_CUSTOMER=${BENCH_ORDERS_PER_CUSTOMER:-10}
DROPOUT=${BENCH_DROPOUT:-${BENCH_DEFAULT_DROPOUT:-0}}
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$HOST" -U "$USER_NAME")

if ! "${PSQL[@]}" -d postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
	"${PSQL[@]}" -d postgres -c "create database $DB"
fi

has_orders=$("${PSQL[@]}" -d "$DB" -tAc "select to_regclass('domain.v_order') is not null")
if [[ "${BENCH_KEEP_DOMAIN:-0}" != 1 && ( "$has_orders" != t || "${BENCH_REGENERATE:-0}" == 1 ) ]]; then
	echo "Generating $CUSTOMERS customers with ~$ORDERS_PER_CUSTOMER orders each (dropout $DROPOUT) in $DB (takes minutes) ..."
	"${PSQL[@]}" -d "$DB" -c "drop schema if exists domain cascade"
	for migration in $(ls crm-domain/src/main/resources/db/migration/__root/V*.sql | sort -V) \
		$(ls crm-domain/src/main/resources/db/migration/domain/V*.sql | sort -V); do
		"${PSQL[@]}" -d "$DB" -f "$migration"
	done
	"${PSQL[@]}" -d "$DB" -v customers="$CUSTOMERS" -v orders_per_customer="$ORDERS_PER_CUSTOMER" \
		-v dropout="$DROPOUT" -f scripts/bench-rfm-data.sql
fi

"${PSQL[@]}" -d "$DB" -c "drop schema if exists segmentation cascade" 2>/dev/null
for migration in $(ls crm-segmentation/src/main/resources/db/migration/segmentation/V*.sql | sort -V); do
	"${PSQL[@]}" -d "$DB" -f "$migration"
done

# bench_run <test class> <grep pattern of the lines to print>: builds crm-domain and
# crm-segmentation through the reactor (nothing is installed into ~/.m2) and runs the class; on
# failure the end of the build's output is shown.
bench_run() {
	local log
	log=$(mktemp)
	if ! ./mvnw -B -q -pl crm-segmentation -am test -Dspring-javaformat.skip=true -Dtest="$1" \
		-Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.useFile=false \
		-Dcrm.bench.url="jdbc:postgresql://$HOST:5432/$DB" -Dcrm.bench.user="$USER_NAME" \
		-Dcrm.bench.rounds="${BENCH_ROUNDS:-3}" > "$log" 2>&1; then
		tail -40 "$log"
		rm -f "$log"
		return 1
	fi
	grep -E "$2" "$log" || true
	rm -f "$log"
}
