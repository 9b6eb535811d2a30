#!/usr/bin/env bash
# Delivery benchmark (issue 4): N opted-in customers in a one-SEND-step email scenario,
# end to end through the running app (enrolment, send-time checks, rendering, tracking
# links, status writes) to a local SMTP sink, against the ceiling measured in the same run:
# the same number of pre-rendered messages sent straight through Spring's JavaMailSender to
# the same sink, one connection at a time in batches of the outbox batch size, as the app's
# one outbox worker does. Prints messages/s of both and the ratio (goal >= 0.5).
#   scripts/bench-delivery.sh [customers=100000]
# Uses the local PostgreSQL (user postgres) and a throwaway database crm_bench_delivery.
# SKIP_BUILD=1 reuses crm-web/target/crm-web-*.jar; BENCH_KEEP=1 keeps the database.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-100000}
PORT=${BENCH_PORT:-18090}
SINK=${BENCH_SMTP_PORT:-2626}
BATCH=${BENCH_BATCH:-500}
DB=${BENCH_DB:-crm_bench_delivery}
DIR=${BENCH_DIR:-bench}
PSQL=(psql -X -q -t -A -v ON_ERROR_STOP=1 -h "${PGHOST:-localhost}" -U "${PGUSER:-postgres}")
PASSWORD=bench-password-1
BASE="http://localhost:$PORT"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
	./mvnw -B -q package -DskipTests -Dspring-javaformat.skip=true
fi
JAR=$(realpath "$(ls crm-web/target/crm-web-*.jar | grep -v plain | head -1)")
mkdir -p "$DIR/lib"
rm -rf "$DIR/lib/BOOT-INF"
(cd "$DIR/lib" && unzip -q -o "$JAR" 'BOOT-INF/lib/*')

PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT
echo "Starting the SMTP sink on port $SINK ..."
java scripts/bench/SmtpSink.java "$SINK" > "$DIR/sink.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do grep -q "SMTP sink on port" "$DIR/sink.log" && break; sleep 0.5; done

echo "Ceiling: $N pre-rendered messages straight through JavaMailSender ..."
CEILING_LINE=$(java -Xmx3g -cp "$DIR/lib/BOOT-INF/lib/*" scripts/bench/SmtpCeiling.java localhost "$SINK" "$N" "$BATCH")
echo "$CEILING_LINE"
CEILING=$(sed -n 's/.* = \([0-9.]*\) messages\/s/\1/p' <<< "$CEILING_LINE")

echo "Writing $N customers with an email opt-in ..."
awk -v n="$N" 'BEGIN {
	print "external_id,email,name,prefecture" > "'"$DIR"'/customers.csv";
	print "customer_external_id,channel,status,changed_at" > "'"$DIR"'/consents.csv";
	for (i = 1; i <= n; i++) {
		printf "B%d,b%d@example.com,顧客 %d,東京都\n", i, i, i >> "'"$DIR"'/customers.csv";
		printf "B%d,EMAIL,OPT_IN,2026-01-01T00:00:00+09:00\n", i >> "'"$DIR"'/consents.csv";
	}
}'

"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
echo "Starting the app on port $PORT ..."
SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:5432/$DB" CRM_ADMIN_USERNAME=admin CRM_ADMIN_PASSWORD=$PASSWORD \
	SPRING_MAIL_HOST=localhost SPRING_MAIL_PORT="$SINK" CRM_TRACKING_SECRET=bench-secret \
	CRM_DELIVERY_WORKER_BATCH_SIZE="$BATCH" \
	java -Xmx1g -jar "$JAR" --server.port="$PORT" > "$DIR/app.log" 2>&1 &
APP=$!
PIDS+=($APP)
for _ in $(seq 1 180); do
	curl -fs "$BASE/actuator/health" > /dev/null && break
	kill -0 $APP 2>/dev/null || { echo "The app did not start; see $DIR/app.log"; exit 1; }
	sleep 1
done

api() {
	curl -fsS -u "admin:$PASSWORD" -H 'Content-Type: application/json' "$@"
}
id_of() { sed -n 's/.*"id" *: *\([0-9]*\).*/\1/p'; }
csv() {
	curl -fsS -u "admin:$PASSWORD" -H 'Content-Type: text/csv; charset=UTF-8' --data-binary "@$2" "$BASE/api/import/$1" \
		| cut -c1-120; echo
}
csv customers "$DIR/customers.csv"
csv consents "$DIR/consents.csv"

SEGMENT=$(api -d '{"name":"bench: email opt-in","rule":{"field":"consent","op":"eq","value":"EMAIL"}}' \
	"$BASE/api/segments" | id_of)
CONTENT=$(api -d '{"name":"bench mail","channel":"EMAIL","subject":"秋の新作のご案内",
	"body":"<html><body><p>{{name|お客様}} 様</p><p>秋の新作をご案内します。<a href=\"https://shop.example.com/autumn\">詳しく見る</a></p></body></html>"}' \
	"$BASE/api/contents" | id_of)
SCENARIO=$(api -d '{"name":"bench","segmentId":'"$SEGMENT"',"priority":10,"controlPercent":0,
	"frequencyCap":{"max":5,"days":1},"goal":{"type":"PURCHASE","withinDays":14},"quietHours":null,
	"steps":[{"key":"s1","type":"SEND","channel":"EMAIL","contentId":'"$CONTENT"',"next":"x"},{"key":"x","type":"EXIT"}]}' \
	"$BASE/api/scenarios" | id_of)
echo "segment $SEGMENT, content $CONTENT, scenario $SCENARIO"
api -d '{"to":["bench@example.com"]}' "$BASE/api/scenarios/$SCENARIO/test-send" > /dev/null

echo "Activating: enrolment, engine and outbox worker run in the app ..."
T0=$(date +%s.%N)
api -X POST "$BASE/api/scenarios/$SCENARIO/activate" > /dev/null
DONE_SQL="select count(*) from delivery.message where source_type = 'SCENARIO' and source_id = $SCENARIO
	and state in ('SENT', 'FAILED', 'SUPPRESSED')"
for _ in $(seq 1 3600); do
	DONE=$("${PSQL[@]}" -d "$DB" -c "$DONE_SQL")
	[[ "$DONE" -ge "$N" ]] && break
	kill -0 $APP 2>/dev/null || { echo "The app died; see $DIR/app.log"; exit 1; }
	sleep 1
done
RESULT=$("${PSQL[@]}" -d "$DB" -F ' ' -c "select count(*) filter (where m.state = 'SENT'),
	count(*) filter (where m.state <> 'SENT'),
	extract(epoch from max(m.sent_at)) - $T0
	from delivery.message m where m.source_type = 'SCENARIO' and m.source_id = $SCENARIO")
read -r SENT OTHER ELAPSED <<< "$RESULT"

kill $APP; wait $APP 2>/dev/null || true
if [[ "${BENCH_KEEP:-}" != 1 ]]; then
	"${PSQL[@]}" -d postgres -c "drop database $DB with (force)"
fi
awk -v n="$N" -v sent="$SENT" -v other="$OTHER" -v s="$ELAPSED" -v ceiling="$CEILING" 'BEGIN {
	rate = sent / s;
	printf "\nend to end: %d sent (%d not sent) in %.1f s from the activate request = %.0f messages/s\n", sent, other, s, rate;
	printf "ceiling (JavaMailSender, pre-rendered): %.0f messages/s\n", ceiling;
	printf "ratio end to end / ceiling: %.2f (goal >= 0.5)\n", rate / ceiling;
}'
