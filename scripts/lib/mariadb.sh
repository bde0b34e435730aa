# A throwaway MariaDB server: private data dir, own socket, 127.0.0.1 on a
# free port, no systemd. Source this file, then:
#   mariadb_start DIR    starts it (creates DIR on first use) and exports
#                        EBILL_TEST_MYSQL_{HOST,PORT,USER,PASSWORD,SOCKET}
#                        and EBILL_TEST_MARIADB_DIR
#   mariadb_stop DIR     stops it (waits until it is gone)
# tests/support/mariadb-ctl stop|start|restart uses the same functions so that
# tests can take the server away and bring it back on the same port.

mariadb_free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

mariadb_start() {
  local dir="$1"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  local port
  if [[ -f "$dir/port" ]]; then port="$(cat "$dir/port")"; else port="$(mariadb_free_port)"; echo "$port" >"$dir/port"; fi
  # Already running (e.g. "start" after a test that did not stop it): a
  # second server on the same data dir would wait for its lock and linger.
  if mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot ping >/dev/null 2>&1; then
    mariadb_export "$dir" "$port"
    return 0
  fi
  local fresh=0
  if [[ ! -d "$dir/data/mysql" ]]; then
    fresh=1
    mariadb-install-db --no-defaults --user=root --datadir="$dir/data" \
      --auth-root-authentication-method=socket --skip-test-db \
      --skip-name-resolve >"$dir/install.log" 2>&1
  fi
  mariadbd --no-defaults --user=root --datadir="$dir/data" \
    --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" \
    --bind-address=127.0.0.1 --port="$port" --skip-name-resolve \
    --innodb-buffer-pool-size=64M --skip-log-bin \
    --character-set-server=utf8mb4 --log-error="$dir/error.log" \
    </dev/null >/dev/null 2>&1 &
  local i
  for i in $(seq 1 200); do
    if mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot ping >/dev/null 2>&1; then break; fi
    sleep 0.1
  done
  mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot ping >/dev/null 2>&1 || {
    echo "mariadb: server did not start; see $dir/error.log" >&2
    tail -20 "$dir/error.log" >&2 || true
    return 1
  }
  if ((fresh)); then
    local pw
    pw="t$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    echo "$pw" >"$dir/password"
    mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot <<SQL
CREATE USER 'ebill'@'127.0.0.1' IDENTIFIED BY '$pw';
CREATE USER 'ebill'@'localhost' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON *.* TO 'ebill'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'ebill'@'localhost';
CREATE DATABASE ebill CHARACTER SET utf8mb4;
SQL
  fi
  mariadb_export "$dir" "$port"
}

mariadb_export() {
  local dir="$1" port="$2"
  export EBILL_TEST_MARIADB_DIR="$dir"
  export EBILL_TEST_MYSQL_HOST=127.0.0.1
  export EBILL_TEST_MYSQL_PORT="$port"
  export EBILL_TEST_MYSQL_USER=ebill
  export EBILL_TEST_MYSQL_PASSWORD="$(cat "$dir/password")"
  export EBILL_TEST_MYSQL_SOCKET="$dir/mysqld.sock"
}

mariadb_stop() {
  local dir="$1"
  [[ -S "$dir/mysqld.sock" || -f "$dir/mysqld.pid" ]] || return 0
  local pid=""
  [[ -f "$dir/mysqld.pid" ]] && pid="$(cat "$dir/mysqld.pid" 2>/dev/null || true)"
  mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot shutdown >/dev/null 2>&1 || true
  if [[ -n "$pid" ]]; then
    local i
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/mysqld.pid"
}
