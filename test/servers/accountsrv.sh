#!/bin/bash
# Real servers for account setup tests (issue 17), on loopback only, beside mailsrv.sh's Dovecot/Postfix:
#   discovery: dnsmasq (SRV, MX and A records of *.test domains) and an HTTPS + HTTP server with autoconfig XML;
#   oauth:     an OAuth 2 / OpenID Connect server (oidc-provider from npm), a second Dovecot whose only passdb
#              is 'oauth2' (tokens checked at that server's RFC 7662 introspection endpoint) for IMAP and POP3,
#              and a second Postfix whose submission port authenticates through that Dovecot.
# Debian 12, as root (install needs apt; dnsmasq-base gives the binary without a service).
#
#   accountsrv.sh install | init GROUP | start GROUP | stop GROUP | status GROUP | env      GROUP = discovery | oauth
#
# Ports derive from MAILSRV_PORT_BASE (default 10000), in a range mailsrv.sh leaves free (BASE+2xx):
#   +201 OIDC (http)  +202 autoconfig HTTPS  +203 autoconfig HTTP  +253 DNS (udp/tcp)
#   +211 IMAP (STARTTLS)  +212 IMAPS  +213 POP3 (STLS)  +214 POP3S  +215 LMTP  +216 submission (STARTTLS)
# The oauth test user is olivia / olivia-pw at the OIDC server's login page, mailbox olivia@oauth.test.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PORT_BASE=${MAILSRV_PORT_BASE:-10000}
BASE=${ACCOUNTSRV_DIR:-/tmp/postbote-accountsrv-$PORT_BASE}
OIDC=$((PORT_BASE + 201)); AC_HTTPS=$((PORT_BASE + 202)); AC_HTTP=$((PORT_BASE + 203)); DNS=$((PORT_BASE + 253))
OIMAP=$((PORT_BASE + 211)); OIMAPS=$((PORT_BASE + 212)); OPOP3=$((PORT_BASE + 213)); OPOP3S=$((PORT_BASE + 214))
OLMTP=$((PORT_BASE + 215)); OSUBMISSION=$((PORT_BASE + 216))
# the ordinary test servers of mailsrv.sh, which SRV records and guesses point at
MIMAPS=$((PORT_BASE + 993)); MPOP3S=$((PORT_BASE + 995)); MSUBMISSION=$((PORT_BASE + 587))
ACCESS_TTL=${OIDC_ACCESS_TOKEN_TTL:-8}

install() {
  if command -v dnsmasq >/dev/null && command -v dovecot >/dev/null && command -v postfix >/dev/null; then return 0; fi
  if [ "$(id -u)" != 0 ]; then echo "accountsrv: dnsmasq/dovecot/postfix missing and not root; install dnsmasq-base (and run mailsrv.sh install)" >&2; exit 1; fi
  bash "$HERE/mailsrv.sh" install
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends dnsmasq-base >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends dnsmasq-base >/dev/null; }
}

cert() {   # one self-signed certificate for every test name, trusted by the tests as their CA
  mkdir -p "$BASE/ssl"
  [ -s "$BASE/ssl/key.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:autoconf.test,DNS:*.autoconf.test,DNS:httponly.test,DNS:*.httponly.test,DNS:srv.test,DNS:*.srv.test,DNS:guess.test,DNS:*.guess.test" \
    -keyout "$BASE/ssl/key.pem" -out "$BASE/ssl/cert.pem" 2>/dev/null
  chmod 644 "$BASE/ssl/cert.pem"; chmod 600 "$BASE/ssl/key.pem"
}

init_discovery() {
  mkdir -p "$BASE"/{run,log}; chmod 755 "$BASE"; cert
  cat > "$BASE/dnsmasq.conf" <<CONF
port=$DNS
listen-address=127.0.0.1
bind-interfaces
no-resolv
no-hosts
no-poll
# answer for *.test from here only; nothing is forwarded anywhere
local=/test/
pid-file=$BASE/run/dnsmasq.pid
log-facility=$BASE/log/dnsmasq.log
user=root
# autoconf.test: autoconfig XML over HTTPS (and a different one over HTTP, which must lose)
host-record=autoconf.test,127.0.0.1
host-record=autoconfig.autoconf.test,127.0.0.1
# ... and SRV records too, which must lose against the provider's own file
srv-host=_imaps._tcp.autoconf.test,mail.srv.test,$MIMAPS,0,1
srv-host=_submission._tcp.autoconf.test,mail.srv.test,$MSUBMISSION,0,1
# httponly.test: autoconfig only over plain HTTP
host-record=httponly.test,127.0.0.1
host-record=autoconfig.httponly.test,127.0.0.1
# srv.test: RFC 6186 records to the mailsrv.sh servers; _imap (STARTTLS) says "not offered" (target .)
host-record=mail.srv.test,127.0.0.1
srv-host=_imaps._tcp.srv.test,mail.srv.test,$MIMAPS,0,1
srv-host=_imap._tcp.srv.test
srv-host=_pop3s._tcp.srv.test,mail.srv.test,$MPOP3S,10,1
srv-host=_submission._tcp.srv.test,mail.srv.test,$MSUBMISSION,0,1
srv-host=_submission._tcp.srv.test,backup.srv.test,$MSUBMISSION,20,1
# mxgoogle.test: a custom domain whose mail is at Google; mxunknown.test: MX at a host nobody knows
mx-host=mxgoogle.test,alt1.aspmx.l.google.com,20
mx-host=mxgoogle.test,aspmx.l.google.com,10
mx-host=mxunknown.test,mx.nowhere.test,10
# guess.test: only names, no records: imap., pop3. and smtp. answer (pop3 at a closed port in the test)
host-record=imap.guess.test,127.0.0.1
host-record=pop3.guess.test,127.0.0.1
host-record=smtp.guess.test,127.0.0.1
CONF
}

init_oauth() {
  mkdir -p "$BASE"/{run,log,state,mail,postfix,postfix-spool,postfix-data}; chmod 755 "$BASE"; cert
  chown mail:mail "$BASE/mail"; chown postfix:postfix "$BASE/postfix-data"
  cat > "$BASE/dovecot-oauth2.conf.ext" <<CONF
# RFC 7662 introspection at the test OIDC server; Dovecot authenticates as the confidential client 'dovecot'
introspection_mode = post
introspection_url = http://dovecot:dovecot-secret@127.0.0.1:$OIDC/token/introspection
force_introspection = yes
username_attribute = sub
active_attribute = active
active_value = true
CONF
  cat > "$BASE/dovecot.conf" <<CONF
instance_name = postbote-oauth-$PORT_BASE
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
# only bearer tokens: a password gets nowhere on this instance
auth_mechanisms = xoauth2 oauthbearer
auth_username_format = %Ln
auth_cache_size = 0
# tests try refused tokens on purpose: no 2 s penalty each
auth_failure_delay = 0
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $BASE/dovecot-oauth2.conf.ext
}
userdb {
  driver = static
  args = uid=mail gid=mail home=$BASE/mail/%n allow_all_users=yes
}
first_valid_uid = 8
last_valid_uid = 8
mail_location = maildir:~/Maildir
mail_fsync = never
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \Sent
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    port = $OIMAP
  }
  inet_listener imaps {
    port = $OIMAPS
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = $OPOP3
  }
  inet_listener pop3s {
    port = $OPOP3S
    ssl = yes
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $OLMTP
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
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
CONF
  cat > "$BASE/postfix/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $BASE/postfix-spool
data_directory = $BASE/postfix-data
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
maillog_file = $BASE/log/postfix.log
maillog_file_prefixes = $BASE
myhostname = mail.oauth.test
mydomain = oauth.test
myorigin = \$mydomain
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
local_recipient_maps =
biff = no
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
virtual_mailbox_domains = oauth.test
virtual_mailbox_maps = inline:{ olivia@oauth.test=ok }
virtual_transport = lmtp:inet:127.0.0.1:$OLMTP
virtual_alias_domains =
smtpd_tls_cert_file = $BASE/ssl/cert.pem
smtpd_tls_key_file = $BASE/ssl/key.pem
smtpd_tls_security_level = may
smtpd_sasl_type = dovecot
smtpd_sasl_path = $BASE/run/dovecot/auth-postfix
smtpd_sasl_auth_enable = no
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions = reject_unlisted_recipient
CONF
  cat > "$BASE/postfix/master.cf" <<CONF
127.0.0.1:$OSUBMISSION inet n  -       n       -       -       smtpd
  -o syslog_name=postfix-oauth/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
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
CONF
  script -qec "postfix -c $BASE/postfix check" /dev/null
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
waitport() { for _ in $(seq 1 1000); do port_open "$1" && return 0; sleep 0.01; done; echo "accountsrv: port $1 not up" >&2; return 1; }
alive() { [ -f "$1" ] || return 1; local p; p=$(tr -d ' ' < "$1" 2>/dev/null || true); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
# a Node server in the background; it must not hold our stdout (a caller reading it would wait forever)
node_bg() { local name=$1; shift; nohup node "$@" </dev/null >>"$BASE/log/$name.log" 2>&1 & echo $! > "$BASE/run/$name.pid"; }

start_discovery() {
  [ -s "$BASE/dnsmasq.conf" ] || init_discovery
  alive "$BASE/run/dnsmasq.pid" || dnsmasq --conf-file="$BASE/dnsmasq.conf"
  alive "$BASE/run/autoconfig.pid" || node_bg autoconfig "$HERE/autoconfig-server.mjs" --dir "$BASE" --https "$AC_HTTPS" --http "$AC_HTTP" --imaps "$MIMAPS" --submission "$MSUBMISSION"
  waitport "$DNS"; waitport "$AC_HTTPS"; waitport "$AC_HTTP"
}

start_oauth() {
  [ -s "$BASE/dovecot.conf" ] || init_oauth
  alive "$BASE/run/oidc.pid" || OIDC_ACCESS_TOKEN_TTL=$ACCESS_TTL node_bg oidc "$HERE/oidc-server.mjs" --port "$OIDC"
  waitport "$OIDC"
  alive "$BASE/run/dovecot/master.pid" || dovecot -c "$BASE/dovecot.conf" </dev/null >/dev/null 2>>"$BASE/log/start.log"
  alive "$BASE/postfix-spool/pid/master.pid" || script -qec "postfix -c $BASE/postfix start" /dev/null </dev/null >>"$BASE/log/start.log" 2>&1
  for p in $OIMAP $OIMAPS $OPOP3 $OPOP3S $OLMTP $OSUBMISSION; do waitport "$p"; done
}

stop_pidfile() {   # SIGTERM, then wait (bounded) for the process to go
  local p; p=$(tr -d ' ' < "$1" 2>/dev/null || true)
  [ -n "$p" ] && kill -0 "$p" 2>/dev/null || return 0
  kill -TERM "$p" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.02; done
  kill -KILL "$p" 2>/dev/null || true
}

stop_discovery() { stop_pidfile "$BASE/run/autoconfig.pid"; stop_pidfile "$BASE/run/dnsmasq.pid"; }

stop_oauth() {   # Postfix first (it holds Dovecot's auth socket), then Dovecot, then the OIDC server
  if alive "$BASE/postfix-spool/pid/master.pid"; then postfix -c "$BASE/postfix" stop >/dev/null 2>&1 || true; fi
  stop_pidfile "$BASE/postfix-spool/pid/master.pid"
  stop_pidfile "$BASE/run/dovecot/master.pid"
  stop_pidfile "$BASE/run/oidc.pid"
}

status_discovery() { alive "$BASE/run/dnsmasq.pid" && alive "$BASE/run/autoconfig.pid"; }
status_oauth() { alive "$BASE/run/oidc.pid" && alive "$BASE/run/dovecot/master.pid" && alive "$BASE/postfix-spool/pid/master.pid"; }

env() {
  printf 'ACCOUNTSRV_DIR=%s\nACCOUNTSRV_CERT=%s\nOIDC_PORT=%s\nAUTOCONFIG_HTTPS_PORT=%s\nAUTOCONFIG_HTTP_PORT=%s\nDNS_PORT=%s\nOAUTH_IMAP_PORT=%s\nOAUTH_IMAPS_PORT=%s\nOAUTH_POP3_PORT=%s\nOAUTH_POP3S_PORT=%s\nOAUTH_SUBMISSION_PORT=%s\n' \
    "$BASE" "$BASE/ssl/cert.pem" $OIDC $AC_HTTPS $AC_HTTP $DNS $OIMAP $OIMAPS $OPOP3 $OPOP3S $OSUBMISSION
}

cmd=${1:-}; group=${2:-}
case "$cmd:$group" in
  install:*) install ;;
  env:*) env ;;
  init:discovery|init:oauth|start:discovery|start:oauth|stop:discovery|stop:oauth|status:discovery|status:oauth) "${cmd}_${group}" ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
