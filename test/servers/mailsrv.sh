#!/bin/bash
# Real mail servers for Postbote's tests, on loopback only: Dovecot 2.3 (IMAP, POP3, LMTP, SASL) and
# Postfix 3.7 (submission with STARTTLS required, submissions with implicit TLS, an inbound port).
# Debian 12, run as root.
#
#   mailsrv.sh install | peers | init | start | ready | stop | status | env | adduser NAME PASSWORD
#
# Environment:
#   MAILSRV_PORT_BASE  ports are BASE+143 (IMAP), +993 (IMAPS), +110 (POP3), +995 (POP3S), +24 (LMTP),
#                      +587 (submission), +465 (submissions), +25 (inbound, no auth). Default 10000.
#                      Several instances with different bases run side by side.
#   MAILSRV_DIR        where config, certificate, mailboxes and logs live. Default /tmp/postbote-mailsrv-$MAILSRV_PORT_BASE.
set -euo pipefail
PORT_BASE=${MAILSRV_PORT_BASE:-10000}
BASE=${MAILSRV_DIR:-/tmp/postbote-mailsrv-$PORT_BASE}
IMAP=$((PORT_BASE + 143)); IMAPS=$((PORT_BASE + 993)); POP3=$((PORT_BASE + 110)); POP3S=$((PORT_BASE + 995))
LMTP=$((PORT_BASE + 24)); SUBMISSION=$((PORT_BASE + 587)); SUBMISSIONS=$((PORT_BASE + 465)); INBOUND=$((PORT_BASE + 25))
PORTS="$IMAP $IMAPS $POP3 $POP3S $LMTP $SUBMISSION $SUBMISSIONS $INBOUND"

install() {
  if command -v dovecot >/dev/null && command -v postfix >/dev/null && [ -x /usr/lib/dovecot/pop3 ] && [ -x /usr/lib/dovecot/lmtp ]; then return 0; fi
  if [ "$(id -u)" != 0 ]; then echo "mailsrv: Dovecot/Postfix missing and not root; install dovecot-imapd dovecot-pop3d dovecot-lmtpd postfix" >&2; exit 1; fi
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  # policy-rc.d on these images refuses to start services, so the system daemons stay off: we run our own instance.
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    dovecot-imapd dovecot-pop3d dovecot-lmtpd postfix openssl ca-certificates bsdutils >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    dovecot-imapd dovecot-pop3d dovecot-lmtpd postfix openssl ca-certificates bsdutils >/dev/null; }
}

peers() {   # the benchmarks' peers, mbsync (isync) and mpop; not needed by the tests
  if command -v mbsync >/dev/null && command -v mpop >/dev/null; then return 0; fi
  if [ "$(id -u)" != 0 ]; then echo "mailsrv: mbsync/mpop missing and not root; install isync mpop" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends isync mpop >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends isync mpop >/dev/null; }
}

init() {
  mkdir -p "$BASE"/{ssl,run,state,log,mail,postfix,postfix-spool,postfix-data}
  chmod 755 "$BASE"   # postfix (SASL socket) and uid 'mail' (Maildirs) must traverse it
  chown mail:mail "$BASE/mail"; chown postfix:postfix "$BASE/postfix-data"
  [ -s "$BASE/ssl/key.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=localhost \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$BASE/ssl/key.pem" -out "$BASE/ssl/cert.pem" 2>/dev/null
  chmod 600 "$BASE/ssl/key.pem"
  # passwd-file: user:{PLAIN}password:uid:gid:gecos:home:shell:extra (lower-case names: auth_username_format=%Ln)
  [ -s "$BASE/passwd" ] || printf '%s\n' 'alice:{PLAIN}alice-pw::::::' 'bob:{PLAIN}bob-pw::::::' 'sink:{PLAIN}sink-pw::::::' > "$BASE/passwd"
  chmod 644 "$BASE/passwd"

  cat > "$BASE/dovecot.conf" <<EOF
instance_name = postbote-$PORT_BASE
base_dir = $BASE/run/dovecot
state_dir = $BASE/state
log_path = $BASE/log/dovecot.log
protocols = imap pop3 lmtp
listen = 127.0.0.1
default_login_user = dovenull
default_internal_user = dovecot

ssl = yes
ssl_cert = <$BASE/ssl/cert.pem
ssl_key = <$BASE/ssl/key.pem
ssl_dh = </usr/share/dovecot/dh.pem

disable_plaintext_auth = no
auth_mechanisms = plain login
auth_username_format = %Ln
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $BASE/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%n $BASE/passwd
  # mail processes may not run as uid 0: Debian's 'mail' user (8:8)
  override_fields = uid=mail gid=mail home=$BASE/mail/%n
}
first_valid_uid = 8
last_valid_uid = 8

mail_location = maildir:~/Maildir
mail_fsync = never
# tests open many sessions per user at once
mail_max_userip_connections = 200

namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \Junk
    auto = subscribe
  }
  mailbox Archive {
    special_use = \Archive
    auto = subscribe
  }
}

service imap-login {
  inet_listener imap {
    port = $IMAP
  }
  inet_listener imaps {
    port = $IMAPS
    ssl = yes
  }
  process_min_avail = 2
}
service pop3-login {
  inet_listener pop3 {
    port = $POP3
  }
  inet_listener pop3s {
    port = $POP3S
    ssl = yes
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP
  }
  unix_listener lmtp {
    mode = 0666
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0660
    user = postfix
    group = postfix
  }
}
service anvil {
  # no connection-rate penalties for the test suite's many logins
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
EOF

  cat > "$BASE/postfix/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $BASE/postfix-spool
data_directory = $BASE/postfix-data
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
maillog_file = $BASE/log/postfix.log
maillog_file_prefixes = $BASE

myhostname = mail.example.test
mydomain = example.test
myorigin = \$mydomain
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
local_recipient_maps =
biff = no
append_dot_mydomain = no
smtpd_banner = \$myhostname ESMTP Postbote test server
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
message_size_limit = 26214400

# example.test mailboxes are delivered by LMTP into Dovecot: the fixed users and any test user t-*
virtual_mailbox_domains = example.test
virtual_mailbox_maps = regexp:$BASE/postfix/mailboxes.regexp
virtual_transport = lmtp:inet:127.0.0.1:$LMTP
# any recipient outside example.test lands in 'sink': nothing leaves the machine
virtual_alias_maps = regexp:$BASE/postfix/catchall.regexp
virtual_alias_domains =

smtpd_tls_cert_file = $BASE/ssl/cert.pem
smtpd_tls_key_file = $BASE/ssl/key.pem
smtpd_tls_security_level = may
smtpd_tls_loglevel = 1
smtpd_tls_received_header = yes

smtpd_sasl_type = dovecot
smtpd_sasl_path = $BASE/run/dovecot/auth-postfix
smtpd_sasl_auth_enable = no
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions = reject_unlisted_recipient
EOF
  echo '!/@example\.test$/ sink@example.test' > "$BASE/postfix/catchall.regexp"
  printf '%s\n' '/^(alice|bob|sink)@example\.test$/ ok' '/^(t|u)-[a-z0-9._-]+@example\.test$/ ok' > "$BASE/postfix/mailboxes.regexp"

  cat > "$BASE/postfix/master.cf" <<EOF
# submission: STARTTLS required, AUTH offered only after TLS
127.0.0.1:$SUBMISSION inet n  -       n       -       -       smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
  -o smtpd_recipient_restrictions=reject_unlisted_recipient
# submissions: implicit TLS (RFC 8314)
127.0.0.1:$SUBMISSIONS inet n  -       n       -       -       smtpd
  -o syslog_name=postfix/submissions
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
  -o smtpd_recipient_restrictions=reject_unlisted_recipient
# MX-like inbound port, no AUTH, only example.test recipients: to inject "incoming" test mail
127.0.0.1:$INBOUND inet n  -       n       -       -       smtpd
  -o syslog_name=postfix/inbound
  -o smtpd_relay_restrictions=reject_unauth_destination
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
  # postfix prints its errors only to a terminal; 'script' gives it one. 'check' also creates the queue tree.
  script -qec "postfix -c $BASE/postfix check" /dev/null
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
waitport() { for _ in $(seq 1 1000); do port_open "$1" && return 0; sleep 0.01; done; echo "mailsrv: port $1 not up" >&2; return 1; }

running() {
  local D; D=$(cat "$BASE/run/dovecot/master.pid" 2>/dev/null || true)
  [ -n "$D" ] && kill -0 "$D" 2>/dev/null
}

start() {
  [ -s "$BASE/dovecot.conf" ] || init
  if running; then return 0; fi
  for p in $PORTS; do if port_open "$p"; then echo "mailsrv: port $p is taken by another program" >&2; exit 1; fi; done
  # The daemons must not inherit our stdout/stderr: a caller reading them (execFile) would wait forever.
  dovecot -c "$BASE/dovecot.conf" </dev/null >/dev/null 2>>"$BASE/log/start.log"
  script -qec "postfix -c $BASE/postfix start" /dev/null </dev/null >>"$BASE/log/start.log" 2>&1
  for p in $PORTS; do waitport "$p"; done
}

ready() {   # a real login, not just an open port (auth starts on demand)
  for _ in $(seq 1 500); do
    doveadm -c "$BASE/dovecot.conf" auth test alice alice-pw >/dev/null 2>&1 && return 0; sleep 0.02
  done; echo "mailsrv: dovecot auth not ready" >&2; return 1
}

stop() {    # Postfix first: its smtpd/lmtp hold connections to Dovecot's auth and lmtp
  local P D
  P=$(tr -d ' ' < "$BASE/postfix-spool/pid/master.pid" 2>/dev/null || true)
  D=$(cat "$BASE/run/dovecot/master.pid" 2>/dev/null || true)
  if [ -n "$P" ] && kill -0 "$P" 2>/dev/null; then postfix -c "$BASE/postfix" stop >/dev/null 2>&1 || kill -TERM "$P" 2>/dev/null || true; fi
  if [ -n "$D" ] && kill -0 "$D" 2>/dev/null; then kill -TERM "$D" 2>/dev/null || true; fi
  for _ in $(seq 1 1500); do
    if { [ -n "$P" ] && kill -0 "$P" 2>/dev/null; } || { [ -n "$D" ] && kill -0 "$D" 2>/dev/null; }; then sleep 0.02; else break; fi
  done
  # children that outlive their master (seen with Dovecot's auth/log after Postfix held its socket)
  pkill -f "dovecot-postbote-$PORT_BASE/" 2>/dev/null || true
}

status() { if running; then echo "running in $BASE"; else echo "stopped ($BASE)"; exit 1; fi; }

env() {
  printf 'MAILSRV_DIR=%s\nMAILSRV_CERT=%s\nIMAP_PORT=%s\nIMAPS_PORT=%s\nPOP3_PORT=%s\nPOP3S_PORT=%s\nLMTP_PORT=%s\nSUBMISSION_PORT=%s\nSUBMISSIONS_PORT=%s\nINBOUND_PORT=%s\n' \
    "$BASE" "$BASE/ssl/cert.pem" $IMAP $IMAPS $POP3 $POP3S $LMTP $SUBMISSION $SUBMISSIONS $INBOUND
}

adduser() {   # Dovecot re-reads the passwd file on change; Postfix accepts any t-*/u-* address already
  local name=$1 pass=$2
  grep -q "^$name:" "$BASE/passwd" || echo "$name:{PLAIN}$pass::::::" >> "$BASE/passwd"
}

cmd=${1:-}; shift || true
case "$cmd" in
  install|peers|init|start|ready|stop|status|env) "$cmd" ;;
  adduser) adduser "$@" ;;
  *) sed -n '2,15p' "$0"; exit 2 ;;
esac
