#!/usr/bin/env bash
# Error storms side by side: the benchmark application (Spring MVC + Spring Security HTTP Basic, see
# BenchApplication) under wrk on an endpoint that throws on every call, with no error SDK, with the SeeStack
# starter (its defaults, and its error rate limit off) and with Sentry's Spring Boot 4 starter, each delivering to
# one loopback sink that answers at once and counts what arrives by endpoint (CountingSink). Reports requests/s,
# the application process's own CPU time per request (from /proc), the CPU each SDK adds per request against no SDK
# in the same round, and the errors delivered per second and per request. See seestack-benchmarks/README.md,
# "Error storms side by side".
#
# Needs a JDK 17, wrk, curl and taskset (Debian: apt-get install -y wrk curl util-linux). Everything listens on
# 127.0.0.1 only. The application runs on CPU APP_CPUS, wrk and the sink on LOAD_CPUS.
# Settings (environment):
#   ROUNDS (3)          rounds; in each, every variant of VARIANTS in a shuffled order, each in a fresh JVM
#   VARIANTS            ("none seestack seestack-nolimit sentry"); also seestack-nohttp (SeeStack, HTTP items off)
#                       and seestack-limit<N> (SeeStack sending N identical errors a second, e.g. seestack-limit60)
#   ENDPOINTS ("boom")  endpoints measured one after the other, each in its own JVMs: boom, unavailable, hello
#   WARMUP (30), DURATION (10)  seconds of warm-up and of measurement, per endpoint and variant
#   THREADS (1), CONNECTIONS (16)  for wrk
#   APP_CPUS (0), LOAD_CPUS (1)    taskset CPU lists of the application, and of wrk, the sink and jcmd
#   APP_PORT (18081), SINK_PORT (18090)
#   JAVA_OPTS ("-Xms1g -Xmx1g")    of the application; SINK_JAVA_OPTS of the sink
#   APP_ARGS            more application arguments for every variant; SENTRY_ARGS for the Sentry variant only
#                       (such as --sentry.max-queue-size=1000 or --sentry.exception-resolver-order=-2147483648)
#   JFR=1               record each measured window with JFR (CPU and allocation samples, thread CPU load every
#                       second) into the run directory; the recording's own cost is in that window's figures
#   MAX_LOAD (0.7)      before each round, wait up to QUIET_WAIT (1200) seconds until the 1-minute load average is
#                       below it ("off" not to wait)
#   APP_LOG (/dev/null) where the application's console goes (it logs a stack trace for every unhandled exception)
#   SKIP_BUILD=1        reuse the jar; JAR=<path> runs a jar built earlier (not rebuilt)
# Stops everything it started, also when interrupted. Results: printed, and kept in the run directory it names.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
VARIANTS=${VARIANTS:-"none seestack seestack-nolimit sentry"}
ENDPOINTS=${ENDPOINTS:-boom}
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-10}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-16}
APP_CPUS=${APP_CPUS:-0}
LOAD_CPUS=${LOAD_CPUS:-1}
APP_PORT=${APP_PORT:-18081}
SINK_PORT=${SINK_PORT:-18090}
JAVA_OPTS=${JAVA_OPTS:-"-Xms1g -Xmx1g"}
SINK_JAVA_OPTS=${SINK_JAVA_OPTS:-"-Xms256m -Xmx256m -XX:+UseSerialGC"}
APP_ARGS=${APP_ARGS:-}
SENTRY_ARGS=${SENTRY_ARGS:-}
JFR=${JFR:-0}
MAX_LOAD=${MAX_LOAD:-0.7}
QUIET_WAIT=${QUIET_WAIT:-1200}
APP_LOG=${APP_LOG:-/dev/null}
SINK="http://127.0.0.1:${SINK_PORT}"

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
[[ -n "${JAR:-}" ]] && SKIP_BUILD=1
JAR=${JAR:-"$ROOT/seestack-benchmarks/target/benchmarks.jar"}
# shellcheck source=common.sh
source "$HERE/common.sh"
RUN=$(mktemp -d "${TMPDIR:-/tmp}/seestack-storm.XXXXXX")
RESULTS="$RUN/results.tsv"
PAIRED="$RUN/paired.tsv"
SUMMARY="$RUN/summary.tsv"
THREADS_RESULTS="$RUN/threads.tsv"

SINK_PID=""
APP_PID=""

cleanup() {
	[[ -n "$APP_PID" ]] && stop_pid "$APP_PID" 15
	[[ -n "$SINK_PID" ]] && stop_pid "$SINK_PID" 5
	APP_PID=""
	SINK_PID=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in java wrk curl taskset shuf; do
	command -v "$tool" >/dev/null || { echo "storm.sh needs $tool (apt-get install -y wrk curl util-linux coreutils)" >&2; exit 1; }
done
[[ "$JFR" == 1 ]] && { command -v jcmd >/dev/null || { echo "JFR=1 needs jcmd (a JDK, not a JRE)" >&2; exit 1; }; }

variant_args() { # variant: the application arguments that make it
	case $1 in
		none) echo "--seestack.enabled=false" ;;
		seestack) echo "--seestack.host=$SINK" ;;
		seestack-nolimit) echo "--seestack.host=$SINK --seestack.identical-errors-per-second=0" ;;
		seestack-nohttp) echo "--seestack.host=$SINK --seestack.http.enabled=false" ;;
		seestack-limit*) [[ ${1#seestack-limit} =~ ^[0-9]+$ ]] || return 1
			echo "--seestack.host=$SINK --seestack.identical-errors-per-second=${1#seestack-limit}" ;;
		sentry) echo "--seestack.enabled=false --sentry.dsn=http://public@127.0.0.1:${SINK_PORT}/1" \
			"--sentry.send-default-pii=true --sentry.environment=benchmark $SENTRY_ARGS" ;;
		*) return 1 ;;
	esac
}
for variant in $VARIANTS; do
	variant_args "$variant" >/dev/null || { echo "unknown variant $variant (none seestack seestack-nolimit seestack-nohttp seestack-limit<N> sentry)" >&2; exit 2; }
done

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
	log "building $JAR"
	(cd "$ROOT" && ./mvnw -q -pl seestack-benchmarks -am package -DskipTests)
fi
[[ -f "$JAR" ]] || { echo "no $JAR: build it, or run without SKIP_BUILD=1" >&2; exit 1; }

sink_counts() { # output file: "key<TAB>count" lines
	curl -sf --max-time 5 "$SINK/counts" >"$1"
}

# The counts that grew between two sink_counts files: "key<TAB>delta" lines.
count_deltas() { # before, after
	awk -F'\t' 'FNR == NR { before[$1] = $2; next } $2 - before[$1] != 0 { printf "%s\t%d\n", $1, $2 - before[$1] }' "$1" "$2"
}

delta_of() { # deltas file, key
	awk -F'\t' -v k="$2" '$1 == k { s += $2 } END { print s + 0 }' "$1"
}

start_sink() {
	# shellcheck disable=SC2086
	taskset -c "$LOAD_CPUS" java $SINK_JAVA_OPTS -cp "$JAR" io.seestack.benchmarks.storm.CountingSink \
		--port="$SINK_PORT" >"$RUN/sink.log" 2>&1 &
	SINK_PID=$!
	if ! wait_http "$SINK/counts" 30 -f; then
		cat "$RUN/sink.log" >&2
		echo "the counting sink did not start on $SINK" >&2
		exit 1
	fi
	log "counting sink on $SINK (pid $SINK_PID, CPUs $LOAD_CPUS)"
}

start_app() { # variant, log file
	# shellcheck disable=SC2046,SC2086
	env -u SENTRY_DSN taskset -c "$APP_CPUS" java $JAVA_OPTS -cp "$JAR" io.seestack.benchmarks.starter.BenchApplication \
		--server.port="$APP_PORT" $(variant_args "$1") $APP_ARGS >"$2" 2>&1 &
	APP_PID=$!
	if ! wait_http "http://127.0.0.1:${APP_PORT}/hello" 90 -f -u ada:ada-password; then
		echo "the application did not start (variant $1); run with APP_LOG=<file> to see why" >&2
		exit 1
	fi
}

run_wrk() { # endpoint, seconds, output file
	taskset -c "$LOAD_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" --timeout 5s --latency -s "$LUA" \
		"http://127.0.0.1:${APP_PORT}/$1" >"$3"
}

jfr_settings() { # the profile settings with the thread CPU load every second (10 s in profile.jfc)
	local java_home
	java_home=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.home/ { print $2 }')
	if ! "$java_home/bin/jfr" configure --input profile --output "$RUN/storm.jfc" 'jdk.ThreadCPULoad#period=1s' \
		>/dev/null 2>&1; then
		log "this JDK's jfr has no 'configure': the profile settings as they are (thread CPU load every 10 s)"
		cp "$java_home/lib/jfr/profile.jfc" "$RUN/storm.jfc"
	fi
}

LUA="$RUN/basic-auth.lua"
write_basic_auth_lua "$LUA"
[[ "$JFR" == 1 ]] && jfr_settings
start_sink

printf 'round\tendpoint\tvariant\tposition\trequests_per_s\trequests\tnon_2xx\tp50\tp99\tapp_cpu_us_per_request\terrors_delivered\terrors_per_s\terrors_per_request\tother_errors\tseestack_http_items\tsentry_envelopes\tsentry_other_items\tsink_requests\tsink_kb\tload1_before\tload1_after\n' \
	>"$RESULTS"
printf 'round\tendpoint\tvariant\tthreads\tapp_cpu_us_per_request\n' >"$THREADS_RESULTS"
log "$ROUNDS rounds of: $VARIANTS; endpoints: $ENDPOINTS; wrk -t$THREADS -c$CONNECTIONS, ${WARMUP}s warm-up + ${DURATION}s measured; application on CPUs $APP_CPUS, wrk and sink on $LOAD_CPUS; run directory $RUN"

for ((round = 1; round <= ROUNDS; round++)); do
	wait_quiet
	for endpoint in $ENDPOINTS; do
		# shellcheck disable=SC2086
		order=$(shuf -e $VARIANTS | tr '\n' ' ')
		log "round $round /$endpoint, load average $(load1): ${order% }"
		position=0
		for variant in $order; do
			position=$((position + 1))
			id="$round-$endpoint-$variant"
			start_app "$variant" "$APP_LOG"
			run_wrk "$endpoint" "$WARMUP" "$RUN/warmup-$id.txt"
			[[ "$JFR" == 1 ]] && taskset -c "$LOAD_CPUS" jcmd "$APP_PID" JFR.start name=storm \
				settings="$RUN/storm.jfc" filename="$RUN/$id.jfr" >"$RUN/jfr-$id.log" 2>&1
			before=$(load1)
			sink_counts "$RUN/counts-before"
			cpu_before=$(app_cpu_ticks)
			thread_ticks >"$RUN/threads-before"
			out="$RUN/wrk-$id.txt"
			run_wrk "$endpoint" "$DURATION" "$out"
			cpu_after=$(app_cpu_ticks)
			thread_ticks >"$RUN/threads-after"
			sink_counts "$RUN/counts-after"
			[[ "$JFR" == 1 ]] && taskset -c "$LOAD_CPUS" jcmd "$APP_PID" JFR.stop name=storm >>"$RUN/jfr-$id.log" 2>&1
			count_deltas "$RUN/counts-before" "$RUN/counts-after" >"$RUN/counts-$id.tsv"
			rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
			total=$(awk '/requests in/ { print $1 }' "$out")
			non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
			p50=$(awk '$1 == "50%" { print $2 }' "$out")
			p99=$(awk '$1 == "99%" { print $2 }' "$out")
			seconds=$(awk '/requests in/ { sub(/s,$/, "", $4); print $4 }' "$out")
			cpu_us=$(awk -v t=$((cpu_after - cpu_before)) -v hz="$TICKS_PER_S" -v n="$total" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
			deltas="$RUN/counts-$id.tsv"
			delivered=$(delta_of "$deltas" "errors.$endpoint")
			all_errors=$(awk -F'\t' '$1 ~ /^errors\./ { s += $2 } END { print s + 0 }' "$deltas")
			envelopes=$(delta_of "$deltas" sentry.envelopes)
			other_items=$(awk -F'\t' '$1 ~ /^sentry\.items\./ && $1 != "sentry.items.event" { s += $2 } END { print s + 0 }' "$deltas")
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
				"$round" "$endpoint" "$variant" "$position" "$rps" "$total" "${non2xx:-0}" "$p50" "$p99" "$cpu_us" \
				"$delivered" "$(awk -v d="$delivered" -v s="$seconds" 'BEGIN { printf "%.1f", d / s }')" \
				"$(awk -v d="$delivered" -v n="$total" 'BEGIN { printf "%.4f", d / n }')" \
				$((all_errors - delivered)) "$(delta_of "$deltas" seestack.http-requests.items)" "$envelopes" \
				"$other_items" "$(delta_of "$deltas" sink.requests)" \
				"$(awk -v b="$(delta_of "$deltas" sink.bytes)" 'BEGIN { printf "%.0f", b / 1024 }')" "$before" "$(load1)" \
				>>"$RESULTS"
			thread_cpu_us "$RUN/threads-before" "$RUN/threads-after" "$total" | while read -r group us; do
				printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$endpoint" "$variant" "$group" "$us"
			done >>"$THREADS_RESULTS"
			log "round $round /$endpoint $variant: $rps req/s, $cpu_us µs of application CPU per request, $delivered errors delivered (non-2xx ${non2xx:-0} of $total, expected HTTP $(expected_status "$endpoint"))"
			stop_pid "$APP_PID" 15
			APP_PID=""
		done
	done
done

# Per round and variant, against "none" of the same round and endpoint (run minutes apart at most, so the machine's
# drift from one round to the next cancels): the CPU added per request and the throughput ratio.
awk -F'\t' 'NR == 1 { next }
	{ key = $1 SUBSEP $2; rows[NR] = $0; if ($3 == "none") { none_rps[key] = $5; none_cpu[key] = $10 } }
	END {
		print "round\tendpoint\tvariant\trequests_per_s\tapp_cpu_us_per_request\tcpu_added_us_per_request\tthroughput_vs_none\terrors_per_s\terrors_per_request\tcpu_added_ms_per_error_delivered"
		for (i = 2; i <= NR; i++) {
			split(rows[i], f, "\t"); key = f[1] SUBSEP f[2]
			added = (key in none_cpu) ? sprintf("%.1f", f[10] - none_cpu[key]) : "-"
			ratio = (key in none_rps && none_rps[key] > 0) ? sprintf("%.3f", f[5] / none_rps[key]) : "-"
			# The CPU the SDK added in a second (per request times requests), shared out over the errors it delivered.
			per_error = (added != "-" && f[12] > 0) ? sprintf("%.2f", added * f[5] / f[12] / 1000) : "-"
			printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f[1], f[2], f[3], f[5], f[10], added, ratio, f[12], f[13], per_error
		}
	}' "$RESULTS" | sort -t$'\t' -k2,2 -k1,1n -k3,3 >"$PAIRED.tmp"
{ grep '^round' "$PAIRED.tmp"; grep -v '^round' "$PAIRED.tmp"; } >"$PAIRED"
rm -f "$PAIRED.tmp"

# Means over rounds, ± standard error, and the range (min–max).
awk -F'\t' -v variants="$VARIANTS" 'NR == 1 { next }
	{
		key = $2 SUBSEP $3; seen[$2] = 1; n[key]++
		for (c = 4; c <= 10; c++) {
			if ($c == "-") continue
			k = key SUBSEP c; m[k]++; s[k] += $c; ss[k] += $c * $c
			if (!(k in lo) || $c < lo[k]) lo[k] = $c
			if (!(k in hi) || $c > hi[k]) hi[k] = $c
		}
	}
	function stat(k, digits,   mean, v, se) {
		if (!(k in m)) return "-"
		mean = s[k] / m[k]; v = (m[k] > 1) ? (ss[k] - m[k] * mean * mean) / (m[k] - 1) : 0
		se = sqrt(v > 0 ? v : 0) / sqrt(m[k])
		return sprintf("%." digits "f ± %." digits "f (%." digits "f–%." digits "f)", mean, se, lo[k], hi[k])
	}
	END {
		print "endpoint\tvariant\trounds\trequests_per_s\tapp_cpu_us_per_request\tcpu_added_us_per_request\tthroughput_vs_none\terrors_per_s\terrors_per_request\tcpu_added_ms_per_error_delivered"
		nv = split(variants, order, " ")
		for (e in seen) for (i = 1; i <= nv; i++) {
			key = e SUBSEP order[i]
			if (!(key in n)) continue
			printf "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e, order[i], n[key], stat(key SUBSEP 4, 0), stat(key SUBSEP 5, 1),
				stat(key SUBSEP 6, 1), stat(key SUBSEP 7, 3), stat(key SUBSEP 8, 0), stat(key SUBSEP 9, 4), stat(key SUBSEP 10, 2)
		}
	}' "$PAIRED" >"$SUMMARY"

echo
echo "Every measured window ($RESULTS):"
column -t -s $'\t' "$RESULTS"
echo
echo "Per round, against \"none\" of the same round ($PAIRED):"
column -t -s $'\t' "$PAIRED"
echo
echo "Application CPU per request in µs by thread group, mean over rounds ($THREADS_RESULTS):"
awk -F'\t' 'NR > 1 { key = $2 SUBSEP $4 SUBSEP $3; s[key] += $5; n[key]++ }
	END { for (k in s) { split(k, p, SUBSEP); printf "%s\t%s\t%s\t%.1f\n", p[1], p[2], p[3], s[k] / n[k] } }' \
	"$THREADS_RESULTS" | sort | column -t -s $'\t'
echo
echo "Means over rounds ± standard error (min–max) ($SUMMARY):"
column -t -s $'\t' "$SUMMARY"
echo "Load average now: $(cat /proc/loadavg)"
echo "Run directory: $RUN"
