# Functions shared by run.sh and storm.sh (sourced, not run): logging, stopping a process, waiting for a quiet
# machine and for an HTTP server, the application's CPU time from /proc, and the wrk script that signs in as the
# benchmark application's users. They read the settings of the script that sources them: MAX_LOAD, QUIET_WAIT and
# APP_PID.

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

stop_pid() { # pid, seconds to wait after TERM
	local pid=$1 wait=$2 i
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < wait * 10; i++)); do
		kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

load1() { cut -d' ' -f1 /proc/loadavg; }

wait_quiet() {
	[[ "$MAX_LOAD" == off ]] && return 0
	local waited=0
	while awk -v l="$(load1)" -v m="$MAX_LOAD" 'BEGIN { exit !(l >= m) }'; do
		if ((waited >= QUIET_WAIT)); then
			log "load average still $(load1) after ${QUIET_WAIT}s; measuring anyway (noted in the results)"
			return 0
		fi
		((waited % 60 == 0)) && log "waiting for a quiet machine: load average $(load1) >= $MAX_LOAD"
		sleep 10
		waited=$((waited + 10))
	done
}

wait_http() { # url, seconds, extra curl args...
	local url=$1 seconds=$2 i
	shift 2
	for ((i = 0; i < seconds * 4; i++)); do
		curl -s -o /dev/null --max-time 2 "$@" "$url" && return 0
		sleep 0.25
	done
	return 1
}

# CPU time (user + system) the application process has used so far, in clock ticks.
app_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"; }
TICKS_PER_S=$(getconf CLK_TCK)

# CPU ticks of each live thread of the application, one "tid group ticks" line per thread, grouped by thread name:
# where the time goes without a profiler (which slows the request threads and so hides most of the difference).
# A thread that ends between two snapshots is left out of the groups; its ticks stay in the process total.
thread_ticks() {
	cat /proc/"$APP_PID"/task/*/stat 2>/dev/null | awk '
	function group(name) {
		if (name ~ /^http-nio-/) return "tomcat"
		if (name ~ /^(GC Thread|G1 )/) return "gc"
		if (name ~ /Compiler/) return "jit"
		if (name ~ /^seestack-/) return "seestack"
		if (name ~ /^HttpClient-/) return "http-client"
		if (name ~ /^Sentry/) return "sentry"
		return "other"
	}
	match($0, /^[0-9]+ \(.*\) /) {
		name = substr($0, index($0, "(") + 1, RLENGTH - index($0, "(") - 2)
		split(substr($0, RLENGTH + 1), field, " ")
		print $1, group(name), field[12] + field[13]
	}'
}

# µs of CPU per request of each thread group between two thread_ticks snapshots: "group µs" lines.
thread_cpu_us() { # before file, after file, requests
	awk -v hz="$TICKS_PER_S" -v n="$3" 'FNR == NR { before[$1] = $3; next }
	{ used[$2] += $3 - before[$1] }
	END { for (g in used) printf "%s %.1f\n", g, used[g] * 1e6 / hz / n }' "$1" "$2"
}

# The wrk script: HTTP Basic, rotating over the benchmark application's users (BenchApplication.USERS, password
# <name>-password).
write_basic_auth_lua() { # file
	{
		echo "local headers = {"
		for user in ada grace alan barbara edsger; do
			echo "  \"Basic $(printf '%s:%s-password' "$user" "$user" | base64 -w0)\","
		done
		echo "}"
		cat <<'LUA'
local i = 0
request = function()
  i = i % #headers + 1
  return wrk.format(nil, nil, { ["Authorization"] = headers[i] })
end
LUA
	} >"$1"
}

expected_status() {
	case $1 in
		hello) echo 200 ;;
		boom) echo 500 ;;
		unavailable) echo 503 ;;
		*) echo "?" ;;
	esac
}
