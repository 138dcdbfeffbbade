#!/usr/bin/env bash
# What the SeeStack starter costs a real server: requests/s of the benchmark application (Spring MVC + Spring
# Security HTTP Basic, see BenchApplication) with the starter on and off, measured by wrk on loopback (with the
# application process's own CPU time per request beside it, in all and by thread group, from /proc), with nginx
# as the SeeStack ingest sink (202 {} to every POST /ingest/v1/*). See seestack-benchmarks/README.md.
#
#   seestack-benchmarks/load/run.sh          the wrk load run (default)
#   seestack-benchmarks/load/run.sh jmh [pattern] [JMH arguments]
#                                            StarterBenchmark (JMH, MockMvc) against the same nginx sink, e.g.
#                                            jmh -t 2, or jmh 'StarterBenchmark.authenticated' -p seestack=on
#
# Needs a JDK 17, nginx and wrk (Debian: apt-get install -y nginx wrk). Everything listens on 127.0.0.1 only.
# Settings (environment): ROUNDS (3) on/off pairs, alternating which goes first; WARMUP (10) and DURATION (20)
# seconds per endpoint; THREADS (1) and CONNECTIONS (16) for wrk; ENDPOINTS ("hello boom unavailable");
# APP_PORT (18081); JAVA_OPTS ("-Xms1g -Xmx1g"); SKIP_BUILD=1 to reuse the jar; MAX_LOAD (0.7): wait, up to
# QUIET_WAIT (1200) seconds, until the 1-minute load average is below it ("off" not to wait); APP_LOG (/dev/null):
# where the application's console goes (it logs a stack trace for every unhandled exception); APP_ARGS: more
# application arguments for both runs, such as --seestack.http.sample-rate=0.1 or --bench.transport=discard;
# JAR: the benchmarks jar to run, not rebuilt (default: the one the build makes), to compare builds; CODELIST=1
# keeps the JIT's code list (jcmd Compiler.codelist) of each JVM after its measurement, to compare how two JVMs of
# the same code were compiled.
# Stops everything it started, also when interrupted. Results: printed, and kept in the run directory it names.
set -euo pipefail

MODE=${1:-wrk}
[[ $# -gt 0 ]] && shift

ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-20}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-16}
ENDPOINTS=${ENDPOINTS:-"hello boom unavailable"}
APP_PORT=${APP_PORT:-18081}
JAVA_OPTS=${JAVA_OPTS:-"-Xms1g -Xmx1g"}
MAX_LOAD=${MAX_LOAD:-0.7}
QUIET_WAIT=${QUIET_WAIT:-1200}
APP_LOG=${APP_LOG:-/dev/null}
APP_ARGS=${APP_ARGS:-}
SINK_PORT=18080 # nginx.conf
SINK="http://127.0.0.1:${SINK_PORT}"

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# A jar named in JAR was built earlier: building would only replace the default one, which this run does not use.
[[ -n "${JAR:-}" ]] && SKIP_BUILD=1
JAR=${JAR:-"$ROOT/seestack-benchmarks/target/benchmarks.jar"}
# shellcheck source=common.sh
source "$HERE/common.sh"
RUN=$(mktemp -d "${TMPDIR:-/tmp}/seestack-load.XXXXXX")
RESULTS="$RUN/results.tsv"
THREADS_RESULTS="$RUN/threads.tsv"

NGINX_PID=""
APP_PID=""

cleanup() {
	[[ -n "$APP_PID" ]] && stop_pid "$APP_PID" 15
	[[ -n "$NGINX_PID" ]] && stop_pid "$NGINX_PID" 5
	APP_PID=""
	NGINX_PID=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in java nginx curl; do
	command -v "$tool" >/dev/null || { echo "run.sh needs $tool (apt-get install -y nginx wrk curl)" >&2; exit 1; }
done
[[ "$MODE" == wrk ]] && { command -v wrk >/dev/null || { echo "run.sh needs wrk (apt-get install -y wrk)" >&2; exit 1; }; }

sink_requests() { curl -s --max-time 2 "$SINK/sink-status" | awk 'NR == 3 { print $3 }'; }

start_sink() {
	mkdir -p "$RUN/nginx"
	nginx -p "$RUN/nginx" -c "$HERE/nginx.conf" >"$RUN/nginx/out.log" 2>&1 &
	NGINX_PID=$!
	if ! wait_http "$SINK/sink-status" 10; then
		cat "$RUN/nginx/out.log" >&2
		echo "nginx did not start on 127.0.0.1:${SINK_PORT}" >&2
		exit 1
	fi
	local status
	status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data '{}' \
		"$SINK/ingest/v1/errors")
	[[ "$status" == 202 ]] || { echo "the sink answered $status, not 202" >&2; exit 1; }
	log "nginx sink on $SINK (pid $NGINX_PID)"
}

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
	log "building $JAR"
	(cd "$ROOT" && ./mvnw -q -pl seestack-benchmarks -am package -DskipTests)
fi
[[ -f "$JAR" ]] || { echo "no $JAR: build it, or run without SKIP_BUILD=1" >&2; exit 1; }

start_sink

if [[ "$MODE" == jmh ]]; then
	wait_quiet
	log "JMH StarterBenchmark, load average $(load1)"
	# shellcheck disable=SC2086
	pattern=StarterBenchmark
	if [[ $# -gt 0 && "$1" != -* ]]; then
		pattern=$1
		shift
	fi
	java -jar "$JAR" "$pattern" -p sink="$SINK" "$@" | tee "$RUN/jmh.txt"
	log "load average $(load1) after the run; output in $RUN/jmh.txt"
	exit 0
elif [[ "$MODE" != wrk ]]; then
	echo "usage: run.sh [wrk | jmh [benchmark pattern] [JMH arguments]]" >&2
	exit 2
fi

LUA="$RUN/basic-auth.lua"
write_basic_auth_lua "$LUA"

start_app() { # on|off, log file
	local enabled=true
	[[ $1 == off ]] && enabled=false
	# shellcheck disable=SC2086
	java $JAVA_OPTS -cp "$JAR" io.seestack.benchmarks.starter.BenchApplication --server.port="$APP_PORT" \
		--seestack.host="$SINK" --seestack.enabled="$enabled" $APP_ARGS >"$2" 2>&1 &
	APP_PID=$!
	if ! wait_http "http://127.0.0.1:${APP_PORT}/hello" 90 -f -u ada:ada-password; then
		echo "the application did not start (seestack=$1); run with APP_LOG=<file> to see why" >&2
		exit 1
	fi
}

run_wrk() { # endpoint, seconds, output file
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" --timeout 5s --latency -s "$LUA" \
		"http://127.0.0.1:${APP_PORT}/$1" >"$3"
}

printf 'round\tseestack\tendpoint\trequests_per_s\tnon_2xx\ttotal\tp50\tp99\tsink_requests\tapp_cpu_us_per_request\tload1_before\tload1_after\n' \
	>"$RESULTS"
printf 'round\tseestack\tendpoint\tthreads\tapp_cpu_us_per_request\n' >"$THREADS_RESULTS"
wait_quiet
log "load average $(load1); $ROUNDS rounds, wrk -t$THREADS -c$CONNECTIONS, ${WARMUP}s warm-up + ${DURATION}s per endpoint"

for ((round = 1; round <= ROUNDS; round++)); do
	order="on off"
	((round % 2 == 0)) && order="off on"
	for seestack in $order; do
		start_app "$seestack" "$APP_LOG"
		for endpoint in $ENDPOINTS; do
			run_wrk "$endpoint" "$WARMUP" "$RUN/warmup-$round-$seestack-$endpoint.txt"
			before=$(load1)
			sink_before=$(sink_requests)
			cpu_before=$(app_cpu_ticks)
			thread_ticks >"$RUN/threads-before"
			out="$RUN/wrk-$round-$seestack-$endpoint.txt"
			run_wrk "$endpoint" "$DURATION" "$out"
			cpu_after=$(app_cpu_ticks)
			thread_ticks >"$RUN/threads-after"
			sink_after=$(sink_requests)
			if [[ "${CODELIST:-}" == 1 ]]; then
				jcmd "$APP_PID" Compiler.codelist >"$RUN/codelist-$round-$seestack-$endpoint.txt" 2>&1 || true
			fi
			rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
			total=$(awk '/requests in/ { print $1 }' "$out")
			non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
			p50=$(awk '$1 == "50%" { print $2 }' "$out")
			p99=$(awk '$1 == "99%" { print $2 }' "$out")
			cpu_us=$(awk -v t=$((cpu_after - cpu_before)) -v hz="$TICKS_PER_S" -v n="$total" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$seestack" "$endpoint" "$rps" \
				"${non2xx:-0}" "$total" "$p50" "$p99" $((sink_after - sink_before - 1)) "$cpu_us" "$before" "$(load1)" \
				>>"$RESULTS"
			thread_cpu_us "$RUN/threads-before" "$RUN/threads-after" "$total" | while read -r group us; do
				printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$seestack" "$endpoint" "$group" "$us"
			done >>"$THREADS_RESULTS"
			log "round $round seestack=$seestack /$endpoint: $rps req/s, $cpu_us µs of application CPU per request (expected HTTP $(expected_status "$endpoint"); non-2xx ${non2xx:-0} of $total; ingest requests $((sink_after - sink_before - 1)))"
		done
		stop_pid "$APP_PID" 15
		APP_PID=""
	done
done

echo
echo "Results ($RESULTS):"
column -t -s $'\t' "$RESULTS"
echo
summarize() { # column, what it is, overhead formula: 1 - on/off (throughput) or on/off - 1 (cost)
	awk -F'\t' -v col="$1" -v cost="$3" -v what="$2" 'NR > 1 {
		key = $3 SUBSEP $2; n[key]++; s[key] += $col; ss[key] += $col * $col; seen[$3] = 1
	}
	function mean(k) { return s[k] / n[k] }
	function se(k,   m, v) { m = mean(k); v = (n[k] > 1) ? (ss[k] - n[k] * m * m) / (n[k] - 1) : 0; return sqrt(v > 0 ? v : 0) / sqrt(n[k]) }
	END {
		printf "%s\n%-12s %14s %14s %18s\n", what, "endpoint", "on", "off", "overhead"
		for (e in seen) {
			on = e SUBSEP "on"; off = e SUBSEP "off"
			if (!(on in n) || !(off in n)) continue
			r = mean(on) / mean(off)
			err = r * sqrt((se(on) / mean(on))^2 + (se(off) / mean(off))^2)
			printf "%-12s %8.1f ± %-4.1f %8.1f ± %-4.1f %7.1f %% ± %.1f %%\n", e, mean(on), se(on), mean(off), se(off), (cost ? r - 1 : 1 - r) * 100, err * 100
		}
	}' "$RESULTS"
}
summarize_paired() { # column, what it is, overhead formula as in summarize
	awk -F'\t' -v col="$1" -v cost="$3" -v what="$2" 'NR > 1 { v[$3 SUBSEP $1 SUBSEP $2] = $col; seen[$3] = 1; if ($1 > rounds) rounds = $1 }
	END {
		printf "%s\n", what
		for (e in seen) {
			n = 0; s = 0; ss = 0; list = ""
			for (k = 1; k <= rounds; k++) {
				on = e SUBSEP k SUBSEP "on"; off = e SUBSEP k SUBSEP "off"
				if (!(on in v) || !(off in v) || v[off] == 0) continue
				d = (cost ? v[on] / v[off] - 1 : 1 - v[on] / v[off]) * 100
				n++; s += d; ss += d * d; list = list sprintf(" %.1f", d)
			}
			if (n == 0) continue
			m = s / n; sd = (n > 1) ? sqrt((ss - n * m * m) / (n - 1)) : 0
			printf "%-12s %7.1f %% ± %.1f %%   (rounds:%s)\n", e, m, sd / sqrt(n), list
		}
	}' "$RESULTS"
}
summarize 4 "Requests/s, mean over rounds (± standard error); overhead = 1 - on/off (± propagated standard error):" 0
echo
summarize 10 "Application CPU per request in µs (user + system, nginx and wrk not included); overhead = on/off - 1:" 1
echo
summarize_paired 4 "Throughput loss per round (on and off of a round run one after the other, so the machine's drift from one round to the next cancels), mean ± standard error:" 0
summarize_paired 10 "CPU overhead per round, mean ± standard error:" 1
echo
echo "Application CPU per request in µs by thread group, mean over rounds ($THREADS_RESULTS):"
awk -F'\t' 'NR > 1 { key = $3 SUBSEP $4; s[key SUBSEP $2] += $5; n[key SUBSEP $2]++; keys[key] = 1 }
END {
	printf "%-12s %-12s %8s %8s %8s\n", "endpoint", "threads", "on", "off", "on-off"
	for (k in keys) {
		split(k, p, SUBSEP)
		on = n[k SUBSEP "on"] ? s[k SUBSEP "on"] / n[k SUBSEP "on"] : 0
		off = n[k SUBSEP "off"] ? s[k SUBSEP "off"] / n[k SUBSEP "off"] : 0
		printf "%-12s %-12s %8.1f %8.1f %8.1f\n", p[1], p[2], on, off, on - off
	}
}' "$THREADS_RESULTS" | sort
echo "Load average now: $(cat /proc/loadavg)"
