#!/usr/bin/env bash
# Installs, starts and stops a real Request Tracker 5 (Debian bookworm packages, SQLite, rt-server)
# for the RT bridge's integration tests.
#
#   rt5.sh install   install the Debian packages when missing
#   rt5.sh start     write the site config, create the database when missing, start rt-server,
#                    wait until REST 2 answers (GET /REST/2.0/rt as root), print the base URL
#   rt5.sh stop      stop that rt-server and wait until its port is closed
#   rt5.sh reset     stop, replace the database with a freshly initialised one, start, print the URL
#   rt5.sh status    print the base URL and exit 0 when running and answering, else exit 3
#   rt5.sh url       print the base URL without checking anything
# install, start, stop and reset need root (or passwordless sudo, which they then use).
#
# Environment:
#   RT5_PORT           port rt-server listens on (127.0.0.1), default 18080
#   RT5_STATE_DIR      database, pid file, log and captured mail, default /dev/shm/switchboard-rt5
#                      (memory: RT on SQLite syncs to disk on every write, which makes each request
#                      slow on a busy machine), or /tmp/switchboard-rt5 without a writable /dev/shm
#   RT5_START_TIMEOUT  seconds to wait for REST 2 after starting, default 180
#   RT5_WORKERS        Starlet worker processes, default 2
#
# A fresh database has RT's defaults (user root with password "password", queue General) plus:
#   - group "Switchboard Staff" with the rights an agent needs on every queue; add a privileged user to it
#     (PUT /REST/2.0/user/NAME/groups with the group's id) to make an agent, since REST 2 cannot grant rights;
#   - Everyone may CreateTicket and ReplyToTicket, so that the mail gateway
#     (POST /REST/1.0/NoAuth/mail-gateway) accepts messages from customers.
# Mail that RT sends is not handed to an MTA: each message is written to $RT5_STATE_DIR/mail/*.eml.
#
# The site config lives in /etc/request-tracker5, so one RT per machine is served by this script.
set -euo pipefail

RT5_PORT="${RT5_PORT:-18080}"
if [ -z "${RT5_STATE_DIR:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    RT5_STATE_DIR=/dev/shm/switchboard-rt5
  else
    RT5_STATE_DIR=/tmp/switchboard-rt5
  fi
fi
RT5_START_TIMEOUT="${RT5_START_TIMEOUT:-180}"
RT5_WORKERS="${RT5_WORKERS:-2}"

PACKAGES=(request-tracker5 rt5-db-sqlite rt5-standalone)
SITE_CONFIG="/etc/request-tracker5/RT_SiteConfig.d/99-switchboard-test.pm"
RT_SERVER=/usr/share/request-tracker5/libexec/rt-server
RT_SETUP_DATABASE=/usr/sbin/rt-setup-database-5
RT_GROUP=www-data

HOST=127.0.0.1
BASE_URL="http://$HOST:$RT5_PORT"
DB_FILE="$RT5_STATE_DIR/rt5.db"
PID_FILE="$RT5_STATE_DIR/rt-server.pid"
LOG_FILE="$RT5_STATE_DIR/rt-server.log"
MAIL_DIR="$RT5_STATE_DIR/mail"
SENDMAIL="$RT5_STATE_DIR/sendmail"
INITIALDATA_FILE="$RT5_STATE_DIR/switchboard-initialdata.pl"

INITIALDATA=$(cat <<'EOF'
@Groups = (
    { Name => 'Switchboard Staff', Description => 'Agents for the Switchboard RT bridge tests' },
);
@ACL = (
    { GroupDomain => 'SystemInternal', GroupType => 'Everyone',
      Right => [qw(CreateTicket ReplyToTicket)] },
    { GroupDomain => 'UserDefined', GroupId => 'Switchboard Staff',
      Right => [qw(SeeQueue ShowTicket CreateTicket ReplyToTicket CommentOnTicket ShowTicketComments
                   OwnTicket TakeTicket StealTicket ModifyTicket SeeCustomField ModifyCustomField
                   Watch WatchAsAdminCc ShowOutgoingEmail)] },
);
1;
EOF
)

log() { printf 'rt5: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# apt-get, the site config in /etc and rt-server (which reads that root:www-data file) all need root.
require_root() {
  [ "$(id -u)" -eq 0 ] && return 0
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    exec sudo -n -E bash "$0" "$@"
  fi
  die "run as root (or with passwordless sudo)"
}

is_installed() {
  local p status
  for p in "${PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)"
    [ "$status" = installed ] || return 1
  done
  [ -x "$RT_SERVER" ] && [ -x "$RT_SETUP_DATABASE" ] && command -v curl >/dev/null 2>&1
}

cmd_install() {
  if is_installed; then
    return 0
  fi
  log "installing ${PACKAGES[*]}"
  # Answers for the package's questions: the database is ours (see start), so dbconfig-common is told
  # not to create one; no cron jobs.
  debconf-set-selections <<'EOF'
request-tracker5 request-tracker5/rtname string switchboard-test
request-tracker5 request-tracker5/organization string switchboard.test
request-tracker5 request-tracker5/correspondaddress string rt@switchboard.test
request-tracker5 request-tracker5/commentaddress string rt-comment@switchboard.test
request-tracker5 request-tracker5/webbaseurl string http://127.0.0.1
request-tracker5 request-tracker5/webpath string
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/dbconfig-install boolean false
request-tracker5 request-tracker5/database-type select sqlite3
EOF
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -y -q
             -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold
             install --no-install-recommends "${PACKAGES[@]}" curl)
  # A machine whose package lists were never downloaded knows no candidate for the packages.
  if ! "${apt[@]}" >&2; then
    log "apt-get install failed; updating the package lists and trying again"
    env DEBIAN_FRONTEND=noninteractive apt-get -q update >&2
    "${apt[@]}" >&2
  fi
  is_installed || die "packages installed but rt-server or rt-setup-database is missing"
}

write_site_config() {
  local tmp
  tmp="$(mktemp)"
  cat >"$tmp" <<EOF
# Written by the Switchboard RT bridge tests (rt5.sh start); rewritten on every start.
Set(\$rtname, "switchboard-test");
Set(\$Organization, "switchboard.test");
Set(\$CorrespondAddress, 'rt@switchboard.test');
Set(\$CommentAddress, 'rt-comment@switchboard.test');

Set(\$WebPath, "");
Set(\$WebDomain, "$HOST");
Set(\$WebPort, $RT5_PORT);
Set(\$WebBaseURL, "$BASE_URL");
Set(@ReferrerWhitelist, qw(localhost:$RT5_PORT $HOST:$RT5_PORT));

Set(\$DatabaseType, "SQLite");
Set(\$DatabaseName, "$DB_FILE");
Set(\$DatabaseHost, "");
Set(\$DatabasePort, "");
Set(\$DatabaseUser, "");
Set(\$DatabasePassword, "");

# Outgoing mail goes to files in $MAIL_DIR, never to an MTA.
Set(\$MailCommand, "sendmailpipe");
Set(\$SendmailPath, "$SENDMAIL");
Set(\$SendmailArguments, "-oi");

Set(\$LogToSyslog, undef);
Set(\$LogToFile, undef);
Set(\$LogToSTDERR, "info");
EOF
  install -m 0640 -o root -g "$RT_GROUP" "$tmp" "$SITE_CONFIG"
  rm -f "$tmp"
}

prepare_state_dir() {
  mkdir -p "$RT5_STATE_DIR" "$MAIL_DIR"
  local tmp
  tmp="$(mktemp)"
  cat >"$tmp" <<'EOF'
#!/bin/sh
# Stands in for sendmail: keeps each message RT sends as one file.
dir="$(dirname "$0")/mail"
f="$dir/$(date +%s%N)-$$"
cat >"$f.tmp" && chmod 0644 "$f.tmp" && mv "$f.tmp" "$f.eml"
EOF
  install -m 0755 "$tmp" "$SENDMAIL"
  printf '%s\n' "$INITIALDATA" >"$tmp"
  install -m 0644 "$tmp" "$INITIALDATA_FILE"
  rm -f "$tmp"
}

# A freshly initialised database is kept beside the live one, so a reset is a file copy; its name
# changes with the RT version and the initial data, so a stale copy is never used.
pristine_db() {
  local version
  version="$(dpkg-query -W -f='${Version}' request-tracker5 2>/dev/null || true)"
  echo "$RT5_STATE_DIR/rt5-pristine-$(printf '%s\n%s' "$version" "$INITIALDATA" | sha256sum | cut -c1-12).db"
}

init_database() {
  local pristine
  pristine="$(pristine_db)"
  log "initialising a new database"
  rm -f "$DB_FILE" "$DB_FILE-journal"
  "$RT_SETUP_DATABASE" --action init --skip-create --dba-password '' >>"$LOG_FILE" 2>&1 \
    || die "database initialisation failed, see $LOG_FILE"
  "$RT_SETUP_DATABASE" --action insert --datafile "$INITIALDATA_FILE" --dba-password '' \
    >>"$LOG_FILE" 2>&1 || die "inserting the test data failed, see $LOG_FILE"
  rm -f "$RT5_STATE_DIR"/rt5-pristine-*.db
  cp "$DB_FILE" "$pristine"
}

ensure_database() {
  local pristine
  pristine="$(pristine_db)"
  if [ -s "$DB_FILE" ]; then
    return 0
  fi
  if [ -s "$pristine" ]; then
    cp "$pristine" "$DB_FILE"
  else
    init_database
  fi
}

running_pid() {
  local pid
  [ -f "$PID_FILE" ] || return 1
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

port_open() {
  (exec 3<>"/dev/tcp/$HOST/$RT5_PORT") 2>/dev/null
}

# /REST/2.0/ itself answers 404 in RT 5.0.3; /REST/2.0/rt (system information) needs a login and the
# database, so its 200 means RT is ready.
rest_status() {
  curl -s -o /dev/null -m 10 -w '%{http_code}' -u root:password "$BASE_URL/REST/2.0/rt" || true
}

cmd_start() {
  is_installed || cmd_install
  if running_pid >/dev/null; then
    if [ "$(rest_status)" = 200 ]; then
      echo "$BASE_URL"
      return 0
    fi
    cmd_stop
  fi
  if port_open; then
    die "port $RT5_PORT is already in use by another process; set RT5_PORT"
  fi
  prepare_state_dir
  write_site_config
  : >"$LOG_FILE"
  ensure_database
  # Its own session (process group) lets stop end the Starlet master and all its workers at once.
  (
    cd "$RT5_STATE_DIR"
    exec setsid "$RT_SERVER" --host "$HOST" --port "$RT5_PORT" --max-workers "$RT5_WORKERS" \
      </dev/null >>"$LOG_FILE" 2>&1
  ) &
  echo $! >"$PID_FILE"
  local pid deadline code
  pid="$(cat "$PID_FILE")"
  deadline=$((SECONDS + RT5_START_TIMEOUT))
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      die "rt-server exited during start, log: $LOG_FILE"
    fi
    code="$(rest_status)"
    [ "$code" = 200 ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 40 "$LOG_FILE" >&2 || true
      cmd_stop || true
      die "REST 2 did not answer 200 within ${RT5_START_TIMEOUT}s (last status $code), log: $LOG_FILE"
    fi
    sleep 0.5
  done
  echo "$BASE_URL"
}

cmd_stop() {
  local pid deadline
  if pid="$(running_pid)"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null || port_open; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        log "rt-server did not stop within 30s; killing it"
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
        sleep 1
        break
      fi
      sleep 0.2
    done
  fi
  rm -f "$PID_FILE"
  if port_open; then
    die "port $RT5_PORT is still open after stop (another process?)"
  fi
}

cmd_reset() {
  cmd_stop
  rm -f "$DB_FILE" "$DB_FILE-journal"
  rm -rf "$MAIL_DIR"
  cmd_start
}

cmd_status() {
  if running_pid >/dev/null && [ "$(rest_status)" = 200 ]; then
    echo "$BASE_URL"
    return 0
  fi
  echo "stopped"
  return 3
}

case "${1:-}" in
  install) require_root "$@"; cmd_install ;;
  start) require_root "$@"; cmd_start ;;
  stop) require_root "$@"; cmd_stop ;;
  reset) require_root "$@"; cmd_reset ;;
  status) cmd_status ;;
  url) echo "$BASE_URL" ;;
  *) echo "usage: $0 install|start|stop|reset|status|url" >&2; exit 2 ;;
esac
