#!/usr/bin/env bash
# IKEv2 responder benchmark (issue 3, "Measure"): the SAME lean initiator (Ike.HandshakeBench "initiate") drives
#   (a) strongSwan's charon and (b) our IkeEngine (Ike.HandshakeBench "responder")
# as IKEv2 responder, PSK, aes128-sha256-modp2048, once with a childless IKE_AUTH (IKE SA only, RFC 6023) and once
# with a CHILD SA (ESP aes128-sha256, no PFS) in IKE_AUTH; every handshake is deleted again (INFORMATIONAL Delete).
# Responder pinned to CPU 0, initiator to CPU 1 (taskset). Cookies off on both responders. Each (responder, mode) is
# run RUNS times; the table reports the median. Method and last results: tests/Benchmarks/README.md.
#
# usage: tests/Benchmarks/handshake-bench.sh [--handshakes N] [--warmup N] [--runs N] [--concurrency K]
#                                            [--responders "charon engine"] [--modes "ike child"] [--out DIR]
#                                            [--charon-dh openssl|gmp]
#   --charon-dh: which of charon's plugins does MODP: openssl (default: what Debian's unmodified charon prefers, its
#   compiled-in plugin order puts openssl before gmp) or gmp (the order tests/Interop.Tests' fixture loads).
#   needs root, strongSwan 5.9.x with kernel-libipsec (.ci/install-ike-peers.sh), iproute2, util-linux, dotnet.
# Everything runs in a private network namespace (loopback only), so neither ports nor charon's policy-routing rule
# 220 touch the host or other engineers' tests; the namespace, charon and our responder are removed on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
HANDSHAKES=6000; WARMUP=2000; RUNS=3; CONCURRENCY=16
RESPONDERS="charon engine"; MODES="ike child"
OUT=/tmp/handshake-bench-results
CHARON_LOG_LEVEL=${CHARON_LOG_LEVEL:--1}   # -1: charon logs nothing, as our responder (no logger) logs nothing
CHARON_DH=openssl
while [ $# -gt 0 ]; do
  case "$1" in
    --handshakes) HANDSHAKES=$2; shift 2;;
    --warmup) WARMUP=$2; shift 2;;
    --runs) RUNS=$2; shift 2;;
    --concurrency) CONCURRENCY=$2; shift 2;;
    --responders) RESPONDERS=$2; shift 2;;
    --modes) MODES=$2; shift 2;;
    --charon-dh) CHARON_DH=$2; shift 2;;
    --out) OUT=$2; shift 2;;
    -h|--help) sed -n '2,16p' "$0"; exit 0;;
    *) echo "unknown argument: $1" >&2; exit 64;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "needs root (network namespace, charon)" >&2; exit 1; }
[ "$(nproc --all)" -ge 2 ] || { echo "needs 2 CPUs: responder on CPU 0, initiator on CPU 1" >&2; exit 1; }
CHARON=/usr/lib/ipsec/charon
# The plugins charon needs here, in Debian's compiled-in order (where openssl precedes gmp), plus counters. With gmp
# first, charon's crypto factory hands out gmp's MODP instead (check "charon KE implementations" in the output).
case $CHARON_DH in
  openssl) dh_plugins="openssl gcrypt gmp";;
  gmp) dh_plugins="gmp openssl gcrypt";;
  *) echo "--charon-dh is openssl or gmp" >&2; exit 64;;
esac
CHARON_LOAD="aesni aes sha2 sha1 md5 mgf1 rdrand random nonce x509 revocation constraints pubkey pkcs1 pkcs8 pem $dh_plugins curve25519 chapoly xcbc cmac hmac kdf ctr ccm gcm drbg kernel-libipsec kernel-netlink socket-default vici counters"
CHARON_LOAD_NOTE="plugin order: $CHARON_DH does MODP"
[ -x "$CHARON" ] || { echo "charon missing: run .ci/install-ike-peers.sh" >&2; exit 1; }

# Addresses inside the namespace. Nobody uses port 500, so every IKE message carries the non-ESP marker (RFC 3948
# §2.2), as in the interop tests; the initiator sends everything from one port (it does not float to a NAT-T port).
NS=ikebench-$$
STATE=$(mktemp -d /tmp/handshake-bench.XXXXXX)
INITIATOR=127.0.0.1:35500
SWAN_ADDR=127.0.0.2; SWAN_PORT=25500; SWAN_NATT=24500
ENGINE_ADDR=127.0.0.3; ENGINE_PORT=15500; ENGINE_NATT=14500; ENGINE_STATUS=19000
INITIATOR_ID=initiator.bench.test; RESPONDER_ID=responder.bench.test
PSK="bench-psk-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
INITIATOR_TS=10.30.0.0/24; RESPONDER_TS=10.31.0.0/24
mkdir -p "$OUT"
RESULTS="$OUT/results-$(date -u +%Y%m%dT%H%M%SZ).txt"
charon_pid=""; engine_pid=""

cleanup() {
  set +e
  for pid in $engine_pid $charon_pid; do
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  done
  ip netns del "$NS" 2>/dev/null
  rm -rf "$STATE"
}
trap cleanup EXIT

note() { echo "$*" | tee -a "$RESULTS"; }

# ---- build (Release), once ----
dotnet build "$here/Ike.HandshakeBench/Ike.HandshakeBench.csproj" -c Release -o "$STATE/bin" -nologo -v q >"$STATE/build.log" 2>&1 \
  || { cat "$STATE/build.log" >&2; exit 1; }
BENCH=("$(command -v dotnet)" "$STATE/bin/Ike.HandshakeBench.dll")

# ---- the namespace: loopback only; addresses with scope global so kernel-libipsec may use them ----
ip netns add "$NS"
ip -n "$NS" link set lo up
for a in $SWAN_ADDR $ENGINE_ADDR 10.31.0.1; do ip -n "$NS" addr add "$a/32" dev lo scope global; done
in_ns() { ip netns exec "$NS" "$@"; }

note "# handshake-bench $(date -u +%FT%TZ) handshakes=$HANDSHAKES warmup=$WARMUP runs=$RUNS concurrency=$CONCURRENCY"
note "# host: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r), dotnet $(dotnet --version)"

# swanctl takes its options after the command
swan() { STRONGSWAN_CONF="$STATE/swan/strongswan.conf" swanctl "$@" --uri "unix://$STATE/swan/charon.vici"; }

start_charon() {
  mkdir -p "$STATE/swan/run"
  (cd "$STATE/swan" && mkdir -p x509 x509ca x509ocsp x509aa x509ac x509crl pubkey private rsa ecdsa bliss pkcs8 pkcs12)
  cat >"$STATE/swan/strongswan.conf" <<EOF
charon {
  port = $SWAN_PORT
  port_nat_t = $SWAN_NATT
  install_routes = no
  install_virtual_ip = no
  # cookies off (RFC 7296 §2.6): all load comes from one address
  dos_protection = no
  # charon drops IKE_SA_INITs beyond 5 half-open SAs per peer address by default: the initiator keeps more in flight
  block_threshold = 1000000
  init_limit_half_open = 0
  # $CHARON_LOAD_NOTE
  load = $CHARON_LOAD
  plugins {
    socket-default { fwmark = 42 }
    kernel-netlink { fwmark = !42 }
    kernel-libipsec { allow_peer_ts = yes }
    vici { socket = unix://$STATE/swan/charon.vici }
  }
  syslog { daemon { default = -1 } auth { default = -1 } }
  filelog {
    bench {
      path = $STATE/swan/charon.log
      time_format = %H:%M:%S
      default = $CHARON_LOG_LEVEL
    }
  }
}
swanctl { socket = unix://$STATE/swan/charon.vici }
EOF
  cat >"$STATE/swan/swanctl.conf" <<EOF
connections {
  bench {
    version = 2
    local_addrs = $SWAN_ADDR
    remote_addrs = ${INITIATOR%:*}
    proposals = aes128-sha256-modp2048
    local { auth = psk
            id = $RESPONDER_ID }
    remote { auth = psk
             id = $INITIATOR_ID }
    children {
      bench-child {
        esp_proposals = aes128-sha256
        local_ts = $RESPONDER_TS
        remote_ts = $INITIATOR_TS
        mode = tunnel
        start_action = none
      }
    }
  }
}
secrets {
  ike-bench { id-local = $RESPONDER_ID
              id-remote = $INITIATOR_ID
              secret = "$PSK" }
}
EOF
  # a private /run (charon's pid file path is compiled in), pinned to CPU 0 with every thread it starts
  STRONGSWAN_CONF="$STATE/swan/strongswan.conf" setsid ip netns exec "$NS" taskset -c 0 unshare --mount --propagation private -- \
    sh -c 'mount --bind "$1" /run && exec "$2"' sh "$STATE/swan/run" "$CHARON" >"$STATE/swan/charon.stdout" 2>&1 </dev/null &
  for _ in $(seq 1 100); do [ -S "$STATE/swan/charon.vici" ] && [ -s "$STATE/swan/run/charon.pid" ] && break; sleep 0.1; done
  charon_pid=$(cat "$STATE/swan/run/charon.pid")
  swan --load-all --noprompt --file "$STATE/swan/swanctl.conf" >"$STATE/swan/load.log" 2>&1 \
    || { cat "$STATE/swan/load.log" >&2; exit 1; }
  note "# charon pid $charon_pid, affinity $(taskset -pc "$charon_pid" | sed 's/.*: //'), strongSwan $(dpkg-query -W -f='${Version}' strongswan-charon 2>/dev/null)"
  note "# charon KE implementations in preference order: $(swan --list-algs | awk '/^ke:|^dh:/{f=1;next} /^[a-z]/{f=0} f' | tr -s ' \n' ' ' | grep -o 'MODP_2048\[[a-z]*\]' | tr '\n' ' ')"
  # ike-auth-out-resp counts IKE_AUTH responses sent; the initiator checks each one verified (and had SAr2)
  count_cmd="STRONGSWAN_CONF=$STATE/swan/strongswan.conf swanctl --counters --uri unix://$STATE/swan/charon.vici | awk '\$1==\"ike-auth-out-resp\"{print \$3}'"
}

start_engine() {
  setsid ip netns exec "$NS" taskset -c 0 "${BENCH[@]}" responder \
    --ike "$ENGINE_ADDR:$ENGINE_PORT" --natt "$ENGINE_ADDR:$ENGINE_NATT" --peer "$INITIATOR" --status "$ENGINE_ADDR:$ENGINE_STATUS" \
    --psk "$PSK" --local-id "$RESPONDER_ID" --remote-id "$INITIATOR_ID" --local-ts "$RESPONDER_TS" --remote-ts "$INITIATOR_TS" \
    >"$STATE/engine.stdout" 2>&1 </dev/null &
  for _ in $(seq 1 200); do grep -q "responder ready" "$STATE/engine.stdout" 2>/dev/null && break; sleep 0.1; done
  grep -q "responder ready" "$STATE/engine.stdout" || { cat "$STATE/engine.stdout" >&2; exit 1; }
  engine_pid=$(sed -n 's/.*responder ready pid=\([0-9]*\).*/\1/p' "$STATE/engine.stdout")
  note "# engine responder: $(grep 'responder ready' "$STATE/engine.stdout"), affinity $(taskset -pc "$engine_pid" | sed 's/.*: //')"
  count_cmd="exec 3<>/dev/tcp/$ENGINE_ADDR/$ENGINE_STATUS && sed -n 's/.*ike_established=\\([0-9]*\\).*/\\1/p' <&3"
}

run_initiator() {  # label remote pid mode
  note "# load before $1/$4: $(cut -d' ' -f1-3 /proc/loadavg)"
  in_ns taskset -c 1 "${BENCH[@]}" initiate --label "$1" --mode "$4" --local "$INITIATOR" --remote "$2" \
    --psk "$PSK" --local-id "$INITIATOR_ID" --local-ts "$INITIATOR_TS" --remote-ts "$RESPONDER_TS" \
    --responder-pid "$3" --responder-core 0 --count-cmd "$count_cmd" \
    --handshakes "$HANDSHAKES" --warmup "$WARMUP" --concurrency "$CONCURRENCY" | tee -a "$RESULTS" || true
}

# Both responders run side by side (different addresses and ports; the idle one costs nothing) and the runs are
# interleaved — run 1 of charon, run 1 of ours, run 2 of charon, ... — so that load from other processes on this
# shared machine drifts over both alike instead of favouring whichever went first.
declare -A remote_of pid_of
for responder in $RESPONDERS; do
  case $responder in
    charon) start_charon; remote_of[charon]="$SWAN_ADDR:$SWAN_PORT"; pid_of[charon]=$charon_pid; count_of_charon=$count_cmd;;
    engine) start_engine; remote_of[engine]="$ENGINE_ADDR:$ENGINE_PORT"; pid_of[engine]=$engine_pid; count_of_engine=$count_cmd;;
    *) echo "unknown responder $responder" >&2; exit 64;;
  esac
done
for mode in $MODES; do
  for _ in $(seq 1 "$RUNS"); do
    for responder in $RESPONDERS; do
      count_var="count_of_$responder"; count_cmd=${!count_var}
      run_initiator "$responder" "${remote_of[$responder]}" "${pid_of[$responder]}" "$mode"
    done
  done
done

# ---- medians and the ratio ----
echo
echo "raw results: $RESULTS"
awk -v runs="$RUNS" '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  /^RESULT/ {
    delete kv
    for (i = 2; i <= NF; i++) { split($i, p, "="); kv[p[1]] = p[2] }
    k = kv["responder"] "/" kv["mode"]
    if (!(k in seen)) { seen[k] = 1; order[++n] = k }
    rate[k] = rate[k] " " kv["rate"]; cpu[k] = cpu[k] " " kv["cpu_ms_per_hs"]
    share[k] = share[k] " " kv["responder_core_share_pct"]; busy[k] = busy[k] " " kv["core_busy_pct"]
    ini[k] = ini[k] " " kv["initiator_cpu_ms_per_hs"]; cap[k] = cap[k] " " kv["capacity_per_core"]
    ishare[k] = ishare[k] " " kv["initiator_core_share_pct"]; fail[k] += kv["failures"]; cnt[k]++
  }
  END {
    printf "| responder / mode | runs | handshakes/s | responder CPU ms/handshake | handshakes/s per responder core (1000/CPU ms) | responder share of CPU 0 | CPU 0 busy | initiator CPU ms/handshake | initiator share of CPU 1 | failures |\n"
    printf "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    for (i = 1; i <= n; i++) { k = order[i]
      mr[k] = median(rate[k]); mc[k] = median(cpu[k])
      printf "| %s | %d | %.0f | %.3f | %.0f | %.0f%% | %.0f%% | %.3f | %.0f%% | %d |\n", k, cnt[k], mr[k], mc[k], median(cap[k]), median(share[k]), median(busy[k]), median(ini[k]), median(ishare[k]), fail[k] }
    printf "\n(medians of the runs; the last column sums failures over them)\n"
    split("ike child", modes, " ")
    for (m = 1; m <= 2; m++) { e = "engine/" modes[m]; c = "charon/" modes[m]
      if ((e in mr) && (c in mr))
        printf "\nratio engine/charon, %s: handshakes/s %.2fx, CPU per handshake %.2fx\n", modes[m], mr[e] / mr[c], mc[e] / mc[c] }
  }' "$RESULTS" | tee -a "$RESULTS.table"
