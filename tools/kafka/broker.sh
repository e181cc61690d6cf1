#!/usr/bin/env bash
# A real Kafka broker without Docker (DESIGN section 8): Maven fetches Apache Kafka's
# broker and its runtime dependencies from Maven Central, and Java 17 runs one combined
# broker+controller KRaft node on loopback.
#
#   tools/kafka/broker.sh start    fetch (cached), format storage once, start, wait; prints host:port
#   tools/kafka/broker.sh stop     SIGTERM, wait for a clean shutdown (SIGKILL after a bound)
#   tools/kafka/broker.sh status   prints host:port and exits 0 when it answers, else exits 3
#   tools/kafka/broker.sh clean    stop, then delete the data dir
#
# Environment:
#   KAFKA_PORT             client port (default 9092; tests use their own)
#   KAFKA_CONTROLLER_PORT  controller port (default KAFKA_PORT + 1)
#   KAFKA_VERSION          org.apache.kafka:kafka_2.13 version (default 4.2.0)
#   KAFKA_CACHE_DIR        jar cache (default <repo>/.tools/kafka; Maven also keeps ~/.m2)
#   KAFKA_DATA_DIR         storage, config, pid and log (default $TMPDIR/billing-kafka-<port>)
#   KAFKA_START_TIMEOUT    seconds to wait for readiness (default 90)
#   KAFKA_HEAP             JVM heap (default 512m)
# Only the bootstrap address goes to stdout; everything else goes to stderr.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-$((port + 1))}"
version="${KAFKA_VERSION:-4.2.0}"
cache="${KAFKA_CACHE_DIR:-$repo/.tools/kafka}"
data="${KAFKA_DATA_DIR:-${TMPDIR:-/tmp}/billing-kafka-$port}"
start_timeout="${KAFKA_START_TIMEOUT:-90}"
heap="${KAFKA_HEAP:-512m}"
log4j_version="2.24.3"

jars="$cache/$version/jars"
pid_file="$data/broker.pid"
log_file="$data/broker.log"
address="127.0.0.1:$port"

say() { echo "kafka: $*" >&2; }

# Metadata request v4 (all topics) over bash's /dev/tcp; ready once the reply lists a broker.
answers_metadata() {
  local reply
  reply="$( {
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf '\x00\x00\x00\x14\x00\x03\x00\x04\x00\x00\x00\x01\x00\x05probe\xff\xff\xff\xff\x00' >&3
    timeout 3 head -c 16 <&3 | od -An -tx1 | tr -d ' \n'
  } 2>/dev/null )" || return 1
  # size(4) correlation id 1(4) throttle(4) broker count(4) >= 1
  [[ "${reply:8:8}" == "00000001" && "${reply:24:8}" =~ ^[0-9a-f]{8}$ && "${reply:24:8}" != "00000000" ]]
}

running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid; pid="$(cat "$pid_file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

fetch_jars() {
  [[ -f "$jars/.complete" ]] && return 0
  command -v mvn >/dev/null || { say "Maven (mvn) is needed to fetch the broker"; exit 1; }
  mkdir -p "$cache/$version"
  # One download at a time, even when several test runs start together.
  exec 9>"$cache/$version/.lock"
  flock 9
  if [[ ! -f "$jars/.complete" ]]; then
    say "fetching org.apache.kafka:kafka_2.13:$version and its runtime dependencies from Maven Central"
    cat >"$cache/$version/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.billing</groupId>
  <artifactId>kafka-broker-runtime</artifactId>
  <version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$version</version></dependency>
    <!-- Kafka logs through slf4j 1.x; this binds it to log4j2, which the broker already carries. -->
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>$log4j_version</version></dependency>
  </dependencies>
</project>
EOF
    rm -rf "$jars.partial"
    mvn -q -B -Dstyle.color=never -f "$cache/$version/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$jars.partial" >&2
    rm -rf "$jars"
    mv "$jars.partial" "$jars"
    touch "$jars/.complete"
  fi
  flock -u 9
}

write_config() {
  mkdir -p "$data/logs"
  cat >"$data/server.properties" <<EOF
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
log.dirs=$data/logs
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  cat >"$data/log4j2.properties" <<EOF
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.out.ref = OUT
logger.server.name = kafka.server.KafkaRaftServer
logger.server.level = INFO
EOF
}

java_opts=("-Xmx$heap" -Xms128m -XX:+UseG1GC -Djava.awt.headless=true
  "-Dlog4j2.configurationFile=$data/log4j2.properties" -cp "$jars/*")
java_cmd() { java "${java_opts[@]}" "$@"; }

format_storage() {
  # Formatted once per data dir, so a restart keeps every topic and offset.
  [[ -f "$data/logs/meta.properties" ]] && return 0
  local cluster_id; cluster_id="$(java_cmd kafka.tools.StorageTool random-uuid)"
  say "formatting KRaft storage in $data/logs (cluster $cluster_id)"
  java_cmd kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$data/server.properties" >>"$log_file" 2>&1
}

start() {
  if pid="$(running_pid)"; then
    wait_ready "$pid"
    echo "$address"
    return 0
  fi
  if answers_metadata; then
    say "something else already answers on $address; set KAFKA_PORT to a free port"
    exit 1
  fi
  command -v java >/dev/null || { say "Java 17 is needed to run the broker"; exit 1; }
  fetch_jars
  write_config
  format_storage
  say "starting Kafka $version on $address (data $data)"
  # setsid: the broker outlives this script and a Ctrl-C in the caller's terminal.
  setsid java "${java_opts[@]}" kafka.Kafka "$data/server.properties" >>"$log_file" 2>&1 </dev/null &
  echo $! >"$pid_file"
  wait_ready "$!"
  echo "$address"
}

wait_ready() {
  local pid="$1" deadline=$((SECONDS + start_timeout))
  until answers_metadata; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "the broker exited during start-up; last lines of $log_file:"
      tail -n 40 "$log_file" >&2 || true
      rm -f "$pid_file"
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      say "the broker did not answer within ${start_timeout}s; last lines of $log_file:"
      tail -n 40 "$log_file" >&2 || true
      stop
      exit 1
    fi
    sleep 0.3
  done
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pid_file"
    say "not running on $address"
    return 0
  fi
  say "stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 45))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      say "no clean shutdown within 45s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.2
  done
  rm -f "$pid_file"
  say "stopped"
}

status() {
  if running_pid >/dev/null && answers_metadata; then
    echo "$address"
    return 0
  fi
  say "not running on $address"
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  clean) stop; rm -rf "$data" ;;
  *) echo "usage: $0 start|stop|status|clean" >&2; exit 2 ;;
esac
