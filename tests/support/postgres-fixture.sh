#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the head-office tests (ctest fixture `postgres`,
# tests/CMakeLists.txt). It never touches the package's own cluster.
#   postgres-fixture.sh start STATE_DIR   installs PostgreSQL from Debian if missing, starts a
#                                         server on a free port, writes its URL to STATE_DIR/url
#   postgres-fixture.sh stop STATE_DIR    stops it at once and removes its files
# initdb refuses to run as root: as root the server runs as the `postgres` user the Debian package
# creates, otherwise as the current user. A failure to start exits non-zero, so that every test
# needing the server fails (never skips).
set -euo pipefail
action=${1:?start or stop}
state=${2:?state folder}
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

stop_server() {
  if [ -f "$state/data_dir" ]; then
    data=$(cat "$state/data_dir")
    bin=$(bin_dir)
    if [ -n "$bin" ] && [ -f "$data/postmaster.pid" ]; then
      as_server_user "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$(dirname "$data")"
  fi
  rm -rf "$state"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "$action" in
  stop)
    stop_server
    ;;
  start)
    stop_server  # what a killed earlier run left
    if [ -z "$(bin_dir)" ]; then "$top/image/install-deps.sh"; fi
    bin=$(bin_dir)
    [ -n "$bin" ] || { echo "postgres-fixture: no PostgreSQL server binaries after installing" >&2; exit 1; }
    mkdir -p "$state"
    # The data lives in /tmp: the server's user may not be allowed into the build folder.
    root=$(mktemp -d /tmp/kiosk-pg.XXXXXX)
    echo "$root/data" > "$state/data_dir"
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || { echo "postgres-fixture: no postgres user (package not installed?)" >&2; exit 1; }
      chown postgres: "$root"
      user=postgres
    else
      user=$(id -un)
    fi
    as_server_user "$bin/initdb" -D "$root/data" -A trust -U "$user" --no-sync >"$root/initdb.log" 2>&1 ||
      { cat "$root/initdb.log" >&2; exit 1; }
    # A free port now may be taken a moment later by another build's server: try a few.
    for attempt in 1 2 3 4 5; do
      port=$(free_port)
      if as_server_user "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 start \
          -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$root -c max_connections=200" \
          >/dev/null 2>&1; then
        echo "postgresql://$user@127.0.0.1:$port/postgres" > "$state/url"
        echo "postgres-fixture: PostgreSQL on 127.0.0.1:$port (data in $root/data)"
        exit 0
      fi
    done
    cat "$root/server.log" >&2 || true
    echo "postgres-fixture: the server did not start" >&2
    exit 1
    ;;
  *)
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
