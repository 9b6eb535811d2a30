#!/usr/bin/env bash
# CSV parser benchmark (issue 8): our hand-written CsvReader against FastCSV (a test-scope
# dependency of crm-domain, not shipped), on the same generated orders CSV (1M rows, UTF-8 and
# Shift_JIS, quoted fields with commas, doubled quotes and embedded newlines), both fed by the
# same decoding reader. Warm-up rounds, then measured rounds alternating the two; prints the
# median rows/s of each and the ratio ours / FastCSV per charset. Builds crm-domain through the
# reactor (nothing is installed) and needs no database.
#   scripts/bench-csv.sh [rows=1000000] [warmups=2] [rounds=5]
# The files are generated once into crm-domain/target/bench-csv/ and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
WARMUPS=${2:-2}
ROUNDS=${3:-5}
./mvnw -B -q -pl crm-domain test-compile -Dspring-javaformat.skip=true
./mvnw -B -q -pl crm-domain dependency:build-classpath -Dmdep.includeScope=test \
	-Dmdep.outputFile=target/bench-csv.classpath
CP="crm-domain/target/classes:crm-domain/target/test-classes:$(cat crm-domain/target/bench-csv.classpath)"
java -Xmx512m -cp "$CP" io.mawasu.crm.domain.internal.CsvReaderBenchmark crm-domain/target/bench-csv \
	"$ROWS" "$WARMUPS" "$ROUNDS"
