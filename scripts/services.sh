#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on localhost, starting them from local binaries (and installing
# them with apt-get when missing and running as root). Idempotent: does nothing when both already answer.
set -euo pipefail

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}

log() { printf '[services] %s\n' "$*" >&2; }

pg_up() { (exec 3<>"/dev/tcp/$PGHOST/$PGPORT") 2>/dev/null && { command -v pg_isready >/dev/null || return 0; pg_isready -q -h "$PGHOST" -p "$PGPORT"; }; }
redis_up() { (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && { command -v redis-cli >/dev/null || return 0; [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    log "$* missing and not root: install it yourself (e.g. sudo apt-get install $*)"
    exit 1
  fi
  log "installing $* with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "$@" >/dev/null
}

wait_for() {
  local what=$1 check=$2
  for _ in $(seq 1 60); do
    if $check; then return 0; fi
    sleep 0.5
  done
  log "$what did not come up"
  exit 1
}

if pg_up; then
  log "PostgreSQL is up on $PGHOST:$PGPORT"
else
  fresh=0
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt_install postgresql postgresql-client
    fresh=1
  fi
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
    pg_createcluster "$version" main >/dev/null
    fresh=1
  fi
  cluster_version=$(pg_lsclusters -h | awk 'NR==1 {print $1}')
  cluster_name=$(pg_lsclusters -h | awk 'NR==1 {print $2}')
  if [ "$fresh" = 1 ]; then
    # A cluster this script made is for local development only: trust connections from this machine.
    hba="/etc/postgresql/$cluster_version/$cluster_name/pg_hba.conf"
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust' "$hba"
  fi
  log "starting PostgreSQL $cluster_version/$cluster_name"
  pg_ctlcluster --skip-systemctl-redirect "$cluster_version" "$cluster_name" start || true
  wait_for PostgreSQL pg_up
  log "PostgreSQL is up on $PGHOST:$PGPORT"
fi

if redis_up; then
  log "Redis is up on 127.0.0.1:$REDIS_PORT"
else
  command -v redis-server >/dev/null || apt_install redis-server
  log "starting Redis"
  # Development and tests only; production settings (AOF on, noeviction) are in docker-compose.yml and README.
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --maxmemory-policy noeviction >/dev/null
  wait_for Redis redis_up
  log "Redis is up on 127.0.0.1:$REDIS_PORT"
fi

# The browser tests drive Debian's Chromium (playwright-core, no browser download).
CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM_PATH" ]; then
  log "Chromium is at $CHROMIUM_PATH"
else
  apt_install chromium
  log "Chromium is at $(command -v chromium)"
fi
