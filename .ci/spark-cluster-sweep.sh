#!/usr/bin/env bash
# A sweep on a real Spark standalone cluster that loses a worker, checked against the same sweep run
# embedded. Called by .ci/run after `mvn verify` (needs pipeline/target/loss-landscape.jar).
#
# 1. Spark's jars as Maven Central serves them (.ci/spark/pom.xml) stand in for a Spark install.
# 2. A master and two one-core workers start as separate JVMs, on 127.0.0.1 only.
# 3. The same small sweep runs embedded (the reference) and through SparkSubmit on the cluster.
# 4. As soon as worker 2's executor runs a task, worker 2 is killed with kill -9.
# 5. The cluster sweep must still finish, with a lost task rerun on worker 1, and its numbers
#    (sweep_results.csv: every loss, accuracy and sharpness, written exactly) must equal the
#    embedded run's.
# Everything this script starts, it stops (trap on exit), by process id.
#
# For measurements (results/README.md, "Measured: a 16-task sweep"): SWEEP_OPTIONS replaces the sweep's options and
# KILL_WORKER=0 leaves both workers running; the script prints each sweep's wall time.
#
# SPARK_IMAGE=loss-landscape:cpu (docker/README.md) runs the cluster from that image instead: the
# master, each worker (and so its executors, which the worker starts in its own container) and
# the driver (SparkSubmit) are containers of the image on the host network, each running the
# image's Java with the image's jar (local:/app/loss-landscape.jar) and its unpacked TensorFlow
# natives; Spark's jars (which the image does not carry) and the work folder are bind-mounted at
# the same paths as on the host, the data read-only. "Losing a worker" is then `docker kill` of
# worker 2's container, which takes its executor with it. The embedded reference still runs the
# host's jar with the host's Java, so the check also says that the image computes the same numbers.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=pipeline/target/loss-landscape.jar
test -s "$jar"
work="$(mktemp -d)"
spark_home="$work/spark"
mkdir -p "$spark_home/jars" "$work/logs"

image="${SPARK_IMAGE:-}"
if [ -n "$image" ]; then
  docker=(docker)
  [ -x /usr/bin/docker ] && docker=(/usr/bin/docker)
  "${docker[@]}" image inspect "$image" > /dev/null
  containers="ll-spark-$$"
fi

started=()
stop_all() {
  local pid
  if [ -n "$image" ]; then
    "${docker[@]}" ps -aq --filter "name=^$containers-" | xargs -r "${docker[@]}" rm -f -v > /dev/null 2>&1 || true
  fi
  # Executors are children of the workers: stop them too (a killed worker cannot).
  for pid in "${started[@]}"; do
    for child in $(pgrep -P "$pid" 2>/dev/null || true); do kill "$child" 2>/dev/null || true; done
  done
  for pid in "${orphans[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${started[@]}"; do wait "$pid" 2>/dev/null || true; done
}
orphans=()
trap stop_all EXIT

# A property of the parent pom, without Maven's colour codes.
pom_property() {
  mvn -B -q -Dstyle.color=never help:evaluate -Dexpression="$1" -DforceStdout \
    | sed 's/\x1b\[[0-9;]*m//g'
}
spark_version="$(pom_property spark.version)"
echo "spark cluster: Spark $spark_version jars from Maven Central"
mvn -B -q -f .ci/spark/pom.xml -Dspark.version="$spark_version" dependency:copy-dependencies \
  -DoutputDirectory="$spark_home/jars"

# What spark-submit's launcher adds on Java 17 (the parent pom's spark.java17.flags).
read -r -a java17 <<< "$(pom_property spark.java17.flags)"
export SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
export TF_CPP_MIN_LOG_LEVEL=2
spark_java=(java "${java17[@]}" -Xmx1g -cp "$spark_home/jars/*")
data="$PWD/pipeline/src/test/resources/fashion-mnist-subset"
app_jar="$jar"
# spark_jvm NAME: sets jvm to the command that starts a Spark JVM, on the host or in a container
# NAME of the image (host network, the invoking user, Spark's jars and the work folder mounted).
spark_jvm() {
  if [ -z "$image" ]; then
    jvm=("${spark_java[@]}")
    return
  fi
  jvm=("${docker[@]}" run --rm --name "$containers-$1" --network host --user "$(id -u):$(id -g)"
    -e SPARK_HOME -e SPARK_SCALA_VERSION -e SPARK_LOCAL_IP -e TF_CPP_MIN_LOG_LEVEL
    -v "$spark_home:$spark_home:ro" -v "$work:$work" -v "$data:$data:ro"
    --entrypoint java "$image" "${java17[@]}" -Xmx1g
    -Dorg.bytedeco.javacpp.cachedir=/opt/javacpp-cache -cp "$spark_home/jars/*")
}
image_conf=()
if [ -n "$image" ]; then
  # The image's jar on every node, and the natives the image unpacked at build time.
  app_jar=local:/app/loss-landscape.jar
  image_conf=(--conf spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.cachedir=/opt/javacpp-cache)
  echo "spark cluster: master, workers, executors and driver in containers of $image" \
    "($("${docker[@]}" run --rm --network none --entrypoint java "$image" -version 2>&1 | head -1))"
fi

wait_for() { # wait_for FILE PATTERN SECONDS
  local i
  for ((i = 0; i < $3 * 2; i++)); do
    if grep -q "$2" "$1" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "spark cluster: timed out waiting for '$2' in $1" >&2
  tail -20 "$1" >&2 || true
  return 1
}

port=$((17077 + RANDOM % 1000))
spark_jvm master
"${jvm[@]}" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
  --webui-port 0 > "$work/logs/master.log" 2>&1 &
started+=($!)
wait_for "$work/logs/master.log" "I have been elected leader" 120
master="spark://127.0.0.1:$port"

declare -A worker_pid
for w in 1 2; do
  spark_jvm "worker$w"
  mkdir -p "$work/worker$w"
  "${jvm[@]}" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 \
    --memory 3g --webui-port 0 --work-dir "$work/worker$w" "$master" \
    > "$work/logs/worker$w.log" 2>&1 &
  worker_pid[$w]=$!
  started+=($!)
done
wait_for "$work/logs/worker1.log" "Successfully registered with master" 120
wait_for "$work/logs/worker2.log" "Successfully registered with master" 120
echo "spark cluster: master $master, workers ${worker_pid[1]} and ${worker_pid[2]}"

default_options="--data-dir $data --lrs 0.1,0.01 --batches 32,256 --seeds 2 --epochs 2
  --grid-size 9 --landscape-samples 1000 --direction-pairs 2 --eps 0.5,1.0 --no-plots"
read -r -a options <<< "$(echo ${SWEEP_OPTIONS:-$default_options})"
# One TensorFlow thread per task in both runs: the same threads give the same numbers.
sweep=(sweep "${options[@]}" --device cpu --threads 1)
kill_worker="${KILL_WORKER:-1}"
now() { date +%s%3N; }
seconds() { printf '%d.%d' $((($2 - $1) / 1000)) $((($2 - $1) % 1000 / 100)); }

# The reference: the same sweep on this machine, two tasks at a time, one thread each.
t0=$(now)
java -jar "$jar" "${sweep[@]}" --parallel 2 --out "$work/local" --cache-dir "$work/local-cache" \
  > "$work/logs/local.log" 2>&1 || { tail -20 "$work/logs/local.log"; exit 1; }
t1=$(now)
echo "spark cluster: embedded reference (--parallel 2) took $(seconds "$t0" "$t1") s"

# The cluster run, through Spark's own submit class (what the spark-submit script runs).
t0=$(now)
spark_jvm driver
"${jvm[@]}" org.apache.spark.deploy.SparkSubmit --master "$master" --deploy-mode client \
  --class org.losslandscape.pipeline.cli.Main \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --conf spark.ui.enabled=false --conf spark.executor.memory=2g --conf spark.task.cpus=1 \
  "${image_conf[@]}" "$app_jar" "${sweep[@]}" --out "$work/cluster" --cache-dir "$work/cluster-cache" \
  > "$work/logs/submit.log" 2>&1 &
submit=$!
started+=($submit)

# Kill worker 2 with kill -9 while its executor is running a task.
wait_for_task() {
  local i f
  for ((i = 0; i < 600; i++)); do
    f=$(grep -l "Running task" "$work"/worker2/app-*/*/stderr 2>/dev/null | head -1 || true)
    if [ -n "$f" ]; then return 0; fi
    if ! kill -0 "$submit" 2>/dev/null; then echo "spark cluster: sweep ended early" >&2; return 1; fi
    sleep 0.5
  done
  echo "spark cluster: worker 2 never ran a task" >&2
  return 1
}
if [ "$kill_worker" = 1 ]; then
  wait_for_task || { tail -30 "$work/logs/submit.log"; exit 1; }
  if [ -n "$image" ]; then
    # SIGKILL to the container's first process, the worker: its executor goes with the container.
    "${docker[@]}" kill "$containers-worker2" > /dev/null
    echo "spark cluster: killed worker 2's container ($containers-worker2) with docker kill" \
      "(SIGKILL) while its executor ran a task"
  else
    orphans=($(pgrep -P "${worker_pid[2]}" || true))
    kill -9 "${worker_pid[2]}"
    echo "spark cluster: killed worker 2 (pid ${worker_pid[2]}) with kill -9 while its executor ran" \
      "a task"
  fi
fi

if ! wait "$submit"; then
  echo "spark cluster: the sweep failed" >&2
  tail -40 "$work/logs/submit.log" >&2
  exit 1
fi
t1=$(now)
echo "spark cluster: cluster sweep (2 workers x 1 core) took $(seconds "$t0" "$t1") s"
grep -h '"tasks_seconds"' "$work/local/sweep.json" "$work/cluster/sweep.json" \
  | sed 's/^ */  embedded, then cluster: /'
if ! diff "$work/local/sweep_results.csv" "$work/cluster/sweep_results.csv"; then
  echo "spark cluster: the cluster sweep's numbers differ from the embedded run's" >&2
  exit 1
fi
if [ "$kill_worker" != 1 ]; then
  echo "spark cluster: same numbers as the embedded run: OK ($work)"
  exit 0
fi
lost="Lost executor|its executor exited|ExecutorLostFailure|Lost task"
grep -E "$lost" "$work/logs/submit.log" | sed 's/^/  driver: /' | head -4 || true
grep -qE "its executor exited|ExecutorLostFailure|Lost task" "$work/logs/submit.log" || {
  echo "spark cluster: no task was lost with worker 2" >&2
  exit 1
}
test -s "$work/cluster/summary.json"
echo "spark cluster: $(($(wc -l < "$work/cluster/sweep_results.csv") - 1)) tasks, same numbers" \
  "as the embedded run after losing a worker: OK ($work)"
