#!/usr/bin/env bash
# Metrics benchmark (issue 9): 200 scenarios with 1M enrolments (control 10 %), two SEND
# steps with variants A/B, ~1.8M messages, 10M opens/clicks/unsubscribes and 2M orders,
# generated set-based in SQL. Rebuilds the rollups once, then prints the p50/p95 of
# GET /api/scenarios/{id}/metrics over random scenarios and, in the same run, of the same
# numbers computed from the raw views for the same scenarios, and the ratio
# (goals: endpoint p95 < 300 ms, endpoint <= 0.1 x raw). The API authenticates every
# request with HTTP Basic (BCrypt), so the script also prints that floor, measured on
# GET /api/stats/two-proportions, and the endpoint less the floor.
#   scripts/bench-metrics.sh [scale=1]     (scale 0.1 = 100k enrolments, 1M events, ...)
# Uses the local PostgreSQL (user postgres) and a throwaway database crm_bench_metrics.
# SKIP_BUILD=1 reuses crm-web/target/crm-web-*.jar; BENCH_KEEP=1 keeps the database.
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE=${1:-1}
PORT=${BENCH_PORT:-18091}
DB=${BENCH_DB:-crm_bench_metrics}
DIR=${BENCH_DIR:-bench}
REQUESTS=${BENCH_REQUESTS:-200}
PSQL=(psql -X -q -t -A -v ON_ERROR_STOP=1 -h "${PGHOST:-localhost}" -U "${PGUSER:-postgres}")
PASSWORD=bench-password-1
BASE="http://localhost:$PORT"
ENROLMENTS=$(awk -v s="$SCALE" 'BEGIN { printf "%d", 1000000 * s }')
EVENTS=$(awk -v s="$SCALE" 'BEGIN { printf "%d", 10000000 * s }')
ORDERS=$(awk -v s="$SCALE" 'BEGIN { printf "%d", 2000000 * s }')
CUSTOMERS=$((ENROLMENTS / 2))
SCENARIOS=200

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
	./mvnw -q -B -DskipTests package
fi
JAR=$(realpath "$(ls crm-web/target/crm-web-*.jar | grep -v plain | head -1)")
mkdir -p "$DIR"

"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
cleanup() {
	[[ -n "${APP:-}" ]] && kill "$APP" 2>/dev/null || true
	if [[ "${BENCH_KEEP:-}" != 1 ]]; then
		"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" > /dev/null || true
	fi
}
trap cleanup EXIT
echo "Starting the app on port $PORT (rollup job off: the script rebuilds) ..."
SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:5432/$DB" CRM_ADMIN_USERNAME=admin CRM_ADMIN_PASSWORD=$PASSWORD \
	CRM_ANALYTICS_ROLLUP_ENABLED=false CRM_DELIVERY_WORKER_ENABLED=false \
	java -Xmx1g -jar "$JAR" --server.port="$PORT" --crm.scenario.engine.enabled=false \
	--crm.delivery.worker.enabled=false > "$DIR/metrics-app.log" 2>&1 &
APP=$!
for _ in $(seq 1 180); do
	curl -fs "$BASE/actuator/health" > /dev/null 2>&1 && break
	kill -0 "$APP" 2>/dev/null || { tail -50 "$DIR/metrics-app.log"; exit 1; }
	sleep 1
done

echo "Generating $SCENARIOS scenarios, $ENROLMENTS enrolments, $EVENTS events, $ORDERS orders ..."
START=$(date +%s)
"${PSQL[@]}" -d "$DB" -v customers="$CUSTOMERS" -v enrolments="$ENROLMENTS" -v events="$EVENTS" \
	-v orders="$ORDERS" -v scenarios="$SCENARIOS" <<'SQL'
set work_mem = '256MB';
insert into domain.customer (external_id, gender, prefecture, birth_date)
select 'M' || i, case when i % 2 = 0 then 'F' else 'M' end, (array['Tokyo', 'Osaka', 'Aichi', 'Fukuoka'])[1 + i % 4],
	date '1960-01-01' + (i % 15000)
from generate_series(1, :customers) i;
insert into scenario.scenario (name, segment_id, status, control_percent, definition, activated_at)
select 'Bench ' || s, 0, 'ACTIVE', 10, jsonb_build_object('name', 'Bench ' || s, 'segmentId', 0, 'controlPercent', 10,
	'goal', jsonb_build_object('type', 'PURCHASE', 'withinDays', 7),
	'steps', jsonb_build_array(
		jsonb_build_object('key', 's1', 'type', 'SEND', 'channel', 'EMAIL', 'contentId', 1, 'next', 'w'),
		jsonb_build_object('key', 'w', 'type', 'WAIT', 'duration', 'P3D', 'next', 's2'),
		jsonb_build_object('key', 's2', 'type', 'SEND', 'channel', 'LINE', 'contentId', 1, 'next', 'x'),
		jsonb_build_object('key', 'x', 'type', 'EXIT'))), now() - interval '40 days'
from generate_series(1, :scenarios) s;
-- enrolment i: scenario 1 + i % 200, customer 1 + i / 2 (each customer in two scenarios)
insert into scenario.enrollment (scenario_id, customer_id, grp, state, step_key, enrolled_at)
select (select min(id) from scenario.scenario) + i % :scenarios, (select min(id) from domain.customer) + i / 2,
	case when hashint4(i) % 10 = 0 then 'CONTROL' else 'TREATMENT' end, 'EXITED', 'x',
	now() - interval '30 days' + (i % 25) * interval '1 day' + (i % 1440) * interval '1 minute'
from generate_series(0, :enrolments - 1) i;
insert into scenario.enrollment_event (enrollment_id, step_key, kind, at)
select e.id, st.k, case when e.grp = 'CONTROL' then 'CONTROL_HELD' else 'QUEUED' end, e.enrolled_at + st.d
from scenario.enrollment e cross join (values ('s1', interval '0'), ('s2', interval '3 days')) st(k, d);
insert into delivery.message (source_type, source_id, step_key, customer_id, channel, variant, state, sent_at,
	finished_at, created_at)
select 'SCENARIO', e.scenario_id, st.k, e.customer_id, st.ch, case when e.id % 2 = 0 then 'A' else 'B' end,
	case when e.id % 50 = 0 then 'FAILED' when e.id % 40 = 0 then 'SUPPRESSED' else 'SENT' end,
	case when e.id % 50 <> 0 and e.id % 40 <> 0 then e.enrolled_at + st.d + interval '5 minutes' end,
	e.enrolled_at + st.d + interval '5 minutes', e.enrolled_at + st.d
from scenario.enrollment e cross join (values ('s1', 'EMAIL', interval '0'), ('s2', 'LINE', interval '3 days')) st(k, ch, d)
where e.grp = 'TREATMENT';
create temporary table sent as
select row_number() over (order by id) as n, id, customer_id, channel, sent_at from delivery.message where state = 'SENT';
create index on sent (n);
analyze sent;
insert into delivery.event (message_id, customer_id, channel, kind, at, first)
select m.id, m.customer_id, m.channel, k.kind, m.sent_at + (i % 4000) * interval '1 minute', false
from generate_series(0, :events - 1) i
cross join lateral (select case when i % 1000 = 0 then 'UNSUBSCRIBED' when i % 4 = 0 then 'CLICKED' else 'OPENED' end
	as kind) k
join sent m on m.n = 1 + (hashint8(i::bigint)::bigint & 2147483647) % (select count(*) from sent);
update delivery.event e set first = true
from (select min(id) as id from delivery.event group by message_id, kind) f where e.id = f.id;
insert into domain.orders (external_id, customer_id, ordered_at, amount)
select 'O' || i, (select min(id) from domain.customer) + (hashint4(i) & 2147483647) % :customers,
	now() - interval '60 days' + (i % 86400) * interval '1 minute', case when i % 20 = 0 then -1000 else 1000 + i % 9000 end
from generate_series(1, :orders) i;
analyze;
SQL
echo "Generated in $(($(date +%s) - START)) s"

START=$(date +%s)
curl -fs -u "admin:$PASSWORD" -X POST "$BASE/api/analytics/rollups/rebuild" > "$DIR/metrics-rebuild.json"
echo "Rollups rebuilt in $(($(date +%s) - START)) s: $(cat "$DIR/metrics-rebuild.json")"

IDS=($("${PSQL[@]}" -d "$DB" -c "select id from scenario.scenario order by random() limit $REQUESTS"))
while ((${#IDS[@]} < REQUESTS)); do IDS+=("${IDS[@]}"); done
IDS=("${IDS[@]:0:$REQUESTS}")
percentiles() { sort -n | awk '{ v[NR] = $1 } END { printf "p50 %.1f ms, p95 %.1f ms", v[int(NR * 0.5 + 0.5)], v[int(NR * 0.95 + 0.5)] }'; }

for id in "${IDS[@]:0:10}"; do curl -fs -u "admin:$PASSWORD" "$BASE/api/scenarios/$id/metrics" > /dev/null; done
: > "$DIR/metrics-endpoint.txt"
: > "$DIR/metrics-floor.txt"
for id in "${IDS[@]}"; do
	curl -fs -o /dev/null -w '%{time_total}\n' -u "admin:$PASSWORD" "$BASE/api/scenarios/$id/metrics" \
		| awk '{ print $1 * 1000 }' >> "$DIR/metrics-endpoint.txt"
	curl -fs -o /dev/null -w '%{time_total}\n' -u "admin:$PASSWORD" \
		"$BASE/api/stats/two-proportions?x1=5&n1=83&x2=12&n2=99" | awk '{ print $1 * 1000 }' >> "$DIR/metrics-floor.txt"
done

# The same numbers from the raw views: groups and conversions per enrolment from the orders,
# messages and opens/clicks per step, variant and day from the messages and their events.
: > "$DIR/metrics-raw.txt"
for id in "${IDS[@]}"; do
	"${PSQL[@]}" -d "$DB" -v id="$id" <<'SQL' | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | awk '{ s += $1 } END { print s }' >> "$DIR/metrics-raw.txt"
\timing on
select e.grp, count(*), count(*) filter (where o.converted), sum(coalesce(o.revenue, 0))
from scenario.v_enrollment e
join scenario.v_scenario s on s.id = e.scenario_id
left join lateral (select bool_or(v.amount > 0) as converted, sum(v.amount) as revenue from domain.v_order v
	where v.customer_id = e.customer_id and v.ordered_at >= e.enrolled_at
		and v.ordered_at <= e.enrolled_at + make_interval(days => coalesce((s.definition -> 'goal' ->> 'withinDays')::integer, 7))) o on true
where e.scenario_id = :id group by e.grp;
select grouping(m.step_key), grouping(m.variant), grouping(m.finished_at::date), m.step_key, m.variant, m.finished_at::date,
	count(*) filter (where m.state = 'SENT'), count(*) filter (where m.state = 'FAILED'), count(*) filter (where m.state = 'SUPPRESSED'),
	count(*) filter (where ev.opens > 0), sum(ev.opens), count(*) filter (where ev.clicks > 0), sum(ev.clicks)
from delivery.v_message m
cross join lateral (select count(*) filter (where e.kind = 'OPENED') as opens, count(*) filter (where e.kind = 'CLICKED') as clicks
	from delivery.v_message_event e where e.message_id = m.id) ev
where m.source_type = 'SCENARIO' and m.source_id = :id and m.finished_at is not null
group by grouping sets ((m.step_key), (m.variant), (m.finished_at::date), ());
SQL
done

ENDPOINT=$(percentiles < "$DIR/metrics-endpoint.txt")
FLOOR=$(percentiles < "$DIR/metrics-floor.txt")
RAW=$(percentiles < "$DIR/metrics-raw.txt")
echo "Scale $SCALE: $ENROLMENTS enrolments, $EVENTS events, $ORDERS orders, $SCENARIOS scenarios, $REQUESTS requests"
echo "GET /api/scenarios/{id}/metrics (end to end, HTTP Basic): $ENDPOINT"
echo "HTTP Basic floor (GET /api/stats/two-proportions):         $FLOOR"
echo "Same numbers from the raw views (SQL only):                 $RAW"
paste "$DIR/metrics-endpoint.txt" "$DIR/metrics-floor.txt" "$DIR/metrics-raw.txt" | awk '
	{ e[NR] = $1; n[NR] = $1 - $2; r[NR] = $3 }
	END {
		asort(e); asort(n); asort(r);
		i50 = int(NR * 0.5 + 0.5); i95 = int(NR * 0.95 + 0.5);
		printf "Endpoint less the floor: p50 %.1f ms, p95 %.1f ms\n", n[i50], n[i95];
		printf "Ratio endpoint / raw (p95): %.3f; endpoint less floor / raw (p95): %.3f\n", e[i95] / r[i95], n[i95] / r[i95];
	}'
