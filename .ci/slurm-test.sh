#!/usr/bin/env bash
# A test of wijksim's Slurm job arrays against a real Slurm.
#
# Runs as root on a fresh Debian 12 machine (no systemd or cgroup delegation
# needed; only Debian's package mirror). It installs slurm-wlm and munge,
# starts a single-node cluster on localhost (munged, slurmctld, slurmd),
# submits a small sweep as a job array with `wijksim slurm --submit`, waits,
# merges with `wijksim merge`, and checks that the merged tables are the same
# bytes as the same sweep run on one machine. The results folder's path has
# spaces, quotes and a dollar sign, which the script must quote for bash and
# for sbatch's #SBATCH lines; a spec whose name would end a line of the script
# (and run a command on the node) is refused before anything is submitted.
# Then it deletes one stored run
# of one shard, checks that `wijksim merge` names that shard, resubmits only
# that task (sbatch --array=K), checks that it redid only the missing run,
# and compares again.
#
# The cluster's configuration, state and logs live in a temporary folder
# (SLURM_CONF points at it) and it listens on ports of its own, so an
# existing Slurm configuration is never touched. Everything the test starts
# is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$HOME/go/bin:$PATH"

readonly START=$SECONDS
readonly SHARDS=4
readonly RESUBMIT=2            # the shard whose run is deleted and resubmitted
readonly IDLE_TIMEOUT=60       # seconds for the node to come up
readonly JOB_TIMEOUT=300       # seconds for the array (and the resubmission)

log() { echo "slurm-test: $*" >&2; }
fail() {
	log "FAIL: $*"
	exit 1
}

[ "$(id -u)" = 0 ] || fail "must run as root (it installs packages and starts Slurm's daemons)"

# --- Packages -----------------------------------------------------------------

missing=()
for pkg in slurm-wlm slurm-client munge; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
	log "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v go >/dev/null || fail "Go is not installed"

# --- The cluster's folder, and cleaning up ------------------------------------

WORK=$(mktemp -d /tmp/wijksim-slurm.XXXXXX)
chmod 0755 "$WORK"
readonly WORK
# The results folder: a path with spaces, quotes and a dollar sign.
readonly OUT="$WORK/out dir 'with' \"quotes\" and \$HOME"
export SLURM_CONF="$WORK/etc/slurm.conf"
mkdir -p "$WORK/etc" "$WORK/log" "$WORK/state" "$WORK/spool" "$WORK/run"

started_munged=""
ctld_pid=""
slurmd_pid=""
jobs=()

show_logs() {
	log "--- scontrol show job ---"
	for j in "${jobs[@]}"; do scontrol show job "$j" 2>&1 || true; done
	log "--- sinfo ---"
	sinfo -N -l 2>&1 || true
	sinfo -R 2>&1 || true
	for f in "$WORK"/log/*.log "$OUT"/slurm/*.out; do
		[ -f "$f" ] || continue
		log "--- $f (last 40 lines) ---"
		tail -n 40 "$f" >&2
	done
}

cleanup() {
	local rc=$?
	set +e
	if [ "$rc" -ne 0 ]; then
		show_logs
	fi
	for j in "${jobs[@]}"; do scancel "$j" 2>/dev/null; done
	for pid in $slurmd_pid $ctld_pid; do
		kill "$pid" 2>/dev/null
	done
	for pid in $slurmd_pid $ctld_pid; do
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null
	done
	if [ -n "$started_munged" ] && [ -f /run/munge/munged.pid ]; then
		kill "$(cat /run/munge/munged.pid)" 2>/dev/null
	fi
	if [ "$rc" -eq 0 ]; then
		rm -rf "$WORK"
		log "PASS in $((SECONDS - START)) s"
	else
		log "FAIL after $((SECONDS - START)) s; the cluster's files are in $WORK"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Munge --------------------------------------------------------------------

if [ ! -s /etc/munge/munge.key ]; then
	log "creating a munge key"
	mkdir -p /etc/munge
	dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
mkdir -p /run/munge /var/lib/munge /var/log/munge
chown munge:munge /run/munge /var/lib/munge /var/log/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
	log "starting munged"
	runuser -u munge -- /usr/sbin/munged
	started_munged=yes
	for _ in $(seq 50); do
		munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break
		sleep 0.1
	done
	munge -n | unmunge >/dev/null || fail "munge does not work"
fi

# --- slurm.conf: one node, this machine ---------------------------------------

node=$(hostname -s)
cpus=$(nproc)
mem_total=$(free -m | awk '/^Mem:/ {print $2}')
mem=$((mem_total - mem_total / 10))   # leave a margin: slurmd refuses a node with less than it was promised
[ "$mem" -ge 1024 ] || fail "only $mem_total MB of memory"
cat >"$SLURM_CONF" <<EOF
# A single-node cluster on localhost for wijksim's CI (.ci/slurm-test.sh).
ClusterName=wijksim-ci
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/run/slurmctld.pid
SlurmdPidFile=$WORK/run/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups: the machine may have neither systemd nor cgroup delegation.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
# sacct needs slurmdbd; instead every finished task is written here, with
# its state and exit code.
JobCompType=jobcomp/filetxt
JobCompLoc=$WORK/log/jobcomp.txt
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
MinJobAge=600
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF

# --- Daemons ------------------------------------------------------------------

log "starting slurmctld and slurmd (node $node, $cpus CPUs, $mem MB)"
slurmctld -D -c -f "$SLURM_CONF" >>"$WORK/log/slurmctld.stderr.log" 2>&1 &
ctld_pid=$!
for _ in $(seq 50); do
	scontrol ping >/dev/null 2>&1 && break
	sleep 0.2
done
scontrol ping >/dev/null 2>&1 || fail "slurmctld does not answer"
slurmd -D -f "$SLURM_CONF" >>"$WORK/log/slurmd.stderr.log" 2>&1 &
slurmd_pid=$!

state=""
for _ in $(seq "$IDLE_TIMEOUT"); do
	state=$(sinfo -h -N -n "$node" -o '%T' 2>/dev/null || true)
	[ "$state" = idle ] && break
	kill -0 "$ctld_pid" 2>/dev/null || fail "slurmctld exited"
	kill -0 "$slurmd_pid" 2>/dev/null || fail "slurmd exited"
	sleep 1
done
[ "$state" = idle ] || fail "node $node is ${state:-unknown}, not idle, after $IDLE_TIMEOUT s"
log "node $node is idle after $((SECONDS - START)) s"

# --- The sweep ----------------------------------------------------------------

go build -o "$WORK/wijksim" ./cmd/wijksim
wijksim="$WORK/wijksim"

# 2 x 3 points x 2 policies x 2 replicates = 24 runs; initial.rung_1 = 0.9
# breaks the rung shares, so a third of them fail, as runs recorded with
# their error (merge must keep them too).
cat >"$WORK/spec.yaml" <<'EOF'
name: slurm-ci
seed: 4
replicates: 2
policies: [afstand, nabijheid]
set:
  months: 24
  population.residents: 120
design:
  kind: factorial
  parameters:
    - key: initial.rung_1
      levels: [0.35, 0.9]
    - key: professionals.caseload
      levels: [20, 40, 80]
outputs: [summary, monthly, events]
EOF
readonly RUNS=24
TABLES=(points.csv summaries.csv monthly.csv events.csv)

# wait_array JOB waits until no task of JOB is pending or running, then
# checks that every task in TASKS completed with exit code 0.
wait_array() {
	local job=$1
	shift
	local deadline=$((SECONDS + JOB_TIMEOUT)) left
	while :; do
		left=$(squeue -h -j "$job" -o '%i %T' 2>/dev/null) || fail "squeue -j $job failed"
		[ -z "$left" ] && break
		[ "$SECONDS" -lt "$deadline" ] || fail "job $job not finished after $JOB_TIMEOUT s:
$left"
		sleep 2
	done
	local task line
	for task in "$@"; do
		# jobcomp/filetxt writes a line per finished task; wait for it briefly.
		line=""
		for _ in $(seq 20); do
			line=$(grep -E "ArrayJobId=$job ArrayTaskId=$task " "$WORK/log/jobcomp.txt" 2>/dev/null | tail -n 1 || true)
			[ -n "$line" ] && break
			sleep 0.5
		done
		[ -n "$line" ] || fail "no completion record of task ${job}_$task"
		case "$line" in
		*"JobState=COMPLETED "*"ExitCode=0:0"*) ;;
		*) fail "task ${job}_$task did not complete: $line" ;;
		esac
	done
}

compare() {
	local t
	for t in "${TABLES[@]}"; do
		cmp "$WORK/local/$t" "$OUT/$t" || fail "$t of the Slurm sweep differs from the local sweep"
	done
	log "merged tables identical to the local sweep: ${TABLES[*]}"
}

log "the same sweep on this machine"
"$wijksim" sweep --spec "$WORK/spec.yaml" --out "$WORK/local" --workers "$cpus" --quiet >"$WORK/log/local.txt"

log "a hostile spec name is refused before anything is submitted"
{
	printf 'name: "x\\ntouch %s\\n#"\n' "$WORK/INJECTED"
	sed '/^name:/d' "$WORK/spec.yaml"
} >"$WORK/hostile.yaml"
before=$(squeue -h -o '%i' | wc -l)
if "$wijksim" slurm --spec "$WORK/hostile.yaml" --out "$WORK/hostile" --shards 2 --submit >"$WORK/log/hostile.txt" 2>&1; then
	fail "wijksim slurm accepted a spec whose name holds newlines: $(cat "$WORK/log/hostile.txt")"
fi
grep -q 'key "name"' "$WORK/log/hostile.txt" || fail "the refusal does not name the key: $(cat "$WORK/log/hostile.txt")"
[ ! -e "$WORK/hostile" ] || fail "a refused spec left $WORK/hostile"
[ "$(squeue -h -o '%i' | wc -l)" = "$before" ] || fail "a refused spec was submitted"
[ ! -e "$WORK/INJECTED" ] || fail "the command in the spec name ran"

log "submitting the job array into $OUT"
"$wijksim" slurm --spec "$WORK/spec.yaml" --out "$OUT" --shards "$SHARDS" \
	--cpus 1 --mem 200M --time 00:10:00 --submit | tee "$WORK/log/submit.txt" >&2
job=$(sed -n 's/^Submitted job array \([0-9][0-9]*\).*/\1/p' "$WORK/log/submit.txt")
[ -n "$job" ] || fail "no job id in the output of wijksim slurm --submit"
jobs+=("$job")
script=$(ls "$OUT"/*.sbatch)
bash -n "$script" || fail "bash -n $script"
wait_array "$job" $(seq 0 $((SHARDS - 1)))
for k in $(seq 0 $((SHARDS - 1))); do
	grep -q "shard $k of $SHARDS" "$OUT/slurm/${job}_$k.out" || fail "task $k did not run shard $k of $SHARDS: $(cat "$OUT/slurm/${job}_$k.out")"
done
log "array $job finished after $((SECONDS - START)) s"

"$wijksim" merge "$OUT" >"$WORK/log/merge.txt" || fail "wijksim merge: $(cat "$WORK/log/merge.txt")"
grep -q "Merged $RUNS runs from $SHARDS shards" "$WORK/log/merge.txt" || fail "merge said: $(cat "$WORK/log/merge.txt")"
compare

# --- A lost run: merge names its shard, which alone is resubmitted -------------

# The shard ran on one worker, so its runs are lines of one log: drop the last.
logs=("$OUT/runs/log-s${RESUBMIT}of${SHARDS}-"*.jsonl)
[ "${#logs[@]}" -eq 1 ] || fail "want one run log of shard $RESUBMIT, found: ${logs[*]}"
sed -i '$d' "${logs[0]}"
if "$wijksim" merge "$OUT" >"$WORK/log/merge-incomplete.txt" 2>&1; then
	fail "merge succeeded with a run missing"
fi
quoted="'${script//\'/\'\\\'\'}'" # the script's path quoted for a shell, as merge prints it
grep -q "Shards to resubmit: $RESUBMIT\$" "$WORK/log/merge-incomplete.txt" &&
	grep -qF "Resubmit them with: sbatch --array=$RESUBMIT $quoted" "$WORK/log/merge-incomplete.txt" ||
	fail "merge did not name shard $RESUBMIT: $(cat "$WORK/log/merge-incomplete.txt")"

log "resubmitting task $RESUBMIT"
job2=$(sbatch --parsable --array="$RESUBMIT" "$script")
job2=${job2%%;*}
jobs+=("$job2")
wait_array "$job2" "$RESUBMIT"
per_shard=$((RUNS / SHARDS))
grep -q "shard $RESUBMIT of $SHARDS: $per_shard runs ($((per_shard - 1)) resumed" "$OUT/slurm/${job2}_$RESUBMIT.out" ||
	fail "the resubmitted task did not redo just the lost run: $(cat "$OUT/slurm/${job2}_$RESUBMIT.out")"

"$wijksim" merge "$OUT" >"$WORK/log/merge2.txt" || fail "wijksim merge after the resubmission: $(cat "$WORK/log/merge2.txt")"
compare
