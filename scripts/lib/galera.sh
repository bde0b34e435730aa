# A throwaway 3-node MariaDB Galera cluster on 127.0.0.1, no systemd: one
# directory per node under DIR, each with its own client port, socket,
# group-communication, IST and SST ports. Source this file, then:
#   galera_start DIR        creates (first use) and starts all three nodes,
#                           node 1 bootstrapping the cluster, and waits until
#                           each is Synced; exports EBILL_TEST_GALERA_*
#   galera_stop DIR         stops every node (waits until they are gone)
#   galera_kill DIR N       SIGKILLs node N (1..3), leaving its data
#   galera_node_start DIR N starts node N again into the running cluster
#                           (IST/SST from a live node) and waits for Synced
#   galera_restart DIR N    galera_kill, then galera_node_start
#   galera_export DIR       exports the variables of a cluster started by
#                           another shell (e.g. in the background)
# Exports EBILL_TEST_GALERA_DIR, EBILL_TEST_GALERA_HOST (127.0.0.1),
# EBILL_TEST_GALERA_PORTS / _SOCKETS (comma-separated, node 1 first),
# EBILL_TEST_GALERA_USER and EBILL_TEST_GALERA_PASSWORD (a password user with
# every privilege, for 127.0.0.1 and localhost).
# State transfer is rsync: as root, mariadbd runs as the mysql user on
# directories it owns (as root the joiner's rsync daemon drops to nobody and
# cannot write the data directory).
# tests/support/galera-ctl kill|start|restart N uses the same functions.

source "$(dirname "${BASH_SOURCE[0]}")/mariadb.sh"  # mariadb_free_port

GALERA_NODES=3
GALERA_PROVIDER=/usr/lib/galera/libgalera_smm.so
GALERA_SYNC_TIMEOUT_S=120

galera_node_dir() { echo "$1/node$2"; }

# The node's ports as "client gcomm ist sst", chosen once per DIR.
galera_node_ports() {
  local nd
  nd="$(galera_node_dir "$1" "$2")"
  if [[ ! -f "$nd/ports" ]]; then
    mkdir -p "$nd"
    local p ports=()
    for _ in 1 2 3 4; do
      # Distinct from each other and from the other nodes' ports.
      while :; do
        p="$(mariadb_free_port)"
        [[ " ${ports[*]} " == *" $p "* ]] && continue
        grep -qs -w "$p" "$1"/node*/ports && continue
        break
      done
      ports+=("$p")
    done
    echo "${ports[*]}" >"$nd/ports"
  fi
  cat "$nd/ports"
}

galera_client() {
  local nd
  nd="$(galera_node_dir "$1" "$2")"
  shift 2
  mariadb --no-defaults --socket="$nd/mysqld.sock" -uroot "$@"
}

galera_state() {
  galera_client "$1" "$2" -N -B -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null |
    awk '{print $2}'
}

galera_wait_synced() {
  local dir="$1" n="$2" nd i
  nd="$(galera_node_dir "$dir" "$n")"
  for ((i = 0; i < GALERA_SYNC_TIMEOUT_S * 5; i++)); do
    [[ "$(galera_state "$dir" "$n")" == Synced ]] && return 0
    # A node that died (failed state transfer, bad option) will not sync.
    if [[ -f "$nd/mysqld.pid.launched" ]] && ! kill -0 "$(cat "$nd/mysqld.pid.launched")" 2>/dev/null; then
      break
    fi
    sleep 0.2
  done
  echo "galera: node $n is not Synced; see $nd/error.log" >&2
  tail -20 "$nd/error.log" >&2 || true
  return 1
}

# gcomm:// addresses of every node but N (the ones to join through).
galera_peers() {
  local dir="$1" n="$2" k out=""
  for ((k = 1; k <= GALERA_NODES; k++)); do
    ((k == n)) && continue
    local ports
    read -r -a ports <<<"$(galera_node_ports "$dir" "$k")"
    out+="${out:+,}127.0.0.1:${ports[1]}"
  done
  echo "$out"
}

# Launches node N in the background; `bootstrap` = 1 starts a new cluster.
galera_launch() {
  local dir="$1" n="$2" bootstrap="$3" nd ports
  nd="$(galera_node_dir "$dir" "$n")"
  read -r -a ports <<<"$(galera_node_ports "$dir" "$n")"
  local run_as=() address
  [[ $(id -u) -eq 0 ]] && run_as=(--user=mysql)
  # The mysql user must own (and reach) everything under DIR.
  [[ $(id -u) -eq 0 ]] && chown -R mysql:mysql "$dir"
  # Joiners start empty: state transfer fills their data directory before
  # the storage engines start.
  if ((n > 1)); then
    mkdir -p "$nd/data"
    [[ $(id -u) -eq 0 ]] && chown mysql:mysql "$nd/data"
  elif [[ ! -d "$nd/data/mysql" ]]; then
    mariadb-install-db --no-defaults "${run_as[@]}" --datadir="$nd/data" \
      --auth-root-authentication-method=socket --skip-test-db \
      --skip-name-resolve >"$nd/install.log" 2>&1 || {
      echo "galera: mariadb-install-db failed; see $nd/install.log" >&2
      return 1
    }
  fi
  if ((bootstrap)); then address="gcomm://"; else address="gcomm://$(galera_peers "$dir" "$n")"; fi
  local extra=()
  ((bootstrap)) && extra=(--wsrep-new-cluster)
  rm -f "$nd/mysqld.pid"
  mariadbd --no-defaults "${run_as[@]}" --datadir="$nd/data" \
    --socket="$nd/mysqld.sock" --pid-file="$nd/mysqld.pid" \
    --bind-address=127.0.0.1 --port="${ports[0]}" --skip-name-resolve \
    --innodb-buffer-pool-size=64M --innodb-log-file-size=16M \
    --character-set-server=utf8mb4 --log-error="$nd/error.log" \
    --default-storage-engine=InnoDB --binlog-format=ROW --innodb-autoinc-lock-mode=2 \
    --wsrep-on=ON --wsrep-provider="$GALERA_PROVIDER" --wsrep-cluster-name=ebill_test \
    --wsrep-node-name="node$n" --wsrep-node-address="127.0.0.1:${ports[1]}" \
    --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:${ports[1]};ist.recv_addr=127.0.0.1:${ports[2]};gcache.size=32M" \
    --wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:${ports[3]}" \
    --wsrep-cluster-address="$address" "${extra[@]}" \
    </dev/null >/dev/null 2>&1 &
  echo $! >"$nd/mysqld.pid.launched"
}

galera_start() {
  local dir="$1"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [[ -f "$GALERA_PROVIDER" ]] || { echo "galera: $GALERA_PROVIDER missing (apt-get install galera-4 rsync)" >&2; return 1; }
  local fresh=0 n
  [[ -f "$dir/password" ]] || fresh=1
  # A cluster whose nodes all stopped restarts from node 1 (it has every
  # committed transaction: they all stopped cleanly or together).
  if ((fresh)) || [[ "$(galera_state "$dir" 1)" != Synced ]]; then
    if [[ -f "$(galera_node_dir "$dir" 1)/data/grastate.dat" ]]; then
      sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$(galera_node_dir "$dir" 1)/data/grastate.dat"
    fi
    galera_launch "$dir" 1 1 || return 1
    galera_wait_synced "$dir" 1 || return 1
  fi
  if ((fresh)); then
    local pw
    pw="t$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    # Before the other nodes join: their state transfer copies the users.
    galera_client "$dir" 1 <<SQL || return 1
CREATE USER 'ebill'@'127.0.0.1' IDENTIFIED BY '$pw';
CREATE USER 'ebill'@'localhost' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON *.* TO 'ebill'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'ebill'@'localhost';
SQL
    echo "$pw" >"$dir/password"
  fi
  # The joiners together: a donor busy with one state transfer makes the
  # other joiner retry until it is free.
  local joining=()
  for ((n = 2; n <= GALERA_NODES; n++)); do
    [[ "$(galera_state "$dir" "$n")" == Synced ]] && continue
    galera_launch "$dir" "$n" 0 || return 1
    joining+=("$n")
  done
  for n in "${joining[@]}"; do galera_wait_synced "$dir" "$n" || return 1; done
  galera_export "$dir"
}

galera_export() {
  local dir="$1" n ports sockets="" client=""
  dir="$(cd "$dir" && pwd)"
  for ((n = 1; n <= GALERA_NODES; n++)); do
    read -r -a ports <<<"$(galera_node_ports "$dir" "$n")"
    client+="${client:+,}${ports[0]}"
    sockets+="${sockets:+,}$(galera_node_dir "$dir" "$n")/mysqld.sock"
  done
  export EBILL_TEST_GALERA_DIR="$dir"
  export EBILL_TEST_GALERA_HOST=127.0.0.1
  export EBILL_TEST_GALERA_PORTS="$client"
  export EBILL_TEST_GALERA_SOCKETS="$sockets"
  export EBILL_TEST_GALERA_USER=ebill
  export EBILL_TEST_GALERA_PASSWORD="$(cat "$dir/password")"
}

galera_pid() {
  local nd
  nd="$(galera_node_dir "$1" "$2")"
  cat "$nd/mysqld.pid" 2>/dev/null || cat "$nd/mysqld.pid.launched" 2>/dev/null || true
}

galera_kill() {
  local dir="$1" n="$2" pid i
  pid="$(galera_pid "$dir" "$n")"
  [[ -n "$pid" ]] || return 0
  kill -9 "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$(galera_node_dir "$dir" "$n")"/mysqld.pid*
}

galera_node_start() {
  local dir="$1" n="$2"
  [[ "$(galera_state "$dir" "$n")" == Synced ]] && return 0
  galera_launch "$dir" "$n" 0 || return 1
  galera_wait_synced "$dir" "$n"
}

galera_restart() {
  galera_kill "$1" "$2"
  galera_node_start "$1" "$2"
}

# Stops the nodes one after another, the joiners first, so that node 1
# stops last and may bootstrap the cluster again.
galera_stop() {
  local dir="$1" n pid i
  [[ -d "$dir" ]] || return 0
  for ((n = GALERA_NODES; n >= 1; n--)); do
    pid="$(galera_pid "$dir" "$n")"
    [[ -n "$pid" ]] || continue
    galera_client "$dir" "$n" -e "SHUTDOWN" >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 200; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$(galera_node_dir "$dir" "$n")"/mysqld.pid*
  done
}
