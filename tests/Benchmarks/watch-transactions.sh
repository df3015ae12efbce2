#!/usr/bin/env bash
# Storage transactions a watched connection costs per hour (issue 5: "state how many transactions a healthy tunnel
# costs per hour"). Counts the requests Azurite logs (--debug) while the local runtime idles, then while it watches
# one connection with a short watch interval; the difference per watch round times the rounds per hour at the default
# interval (300 s) is the answer. The engine's DPD, rekeys and health probes cost no storage at all: only transitions
# are written, and a healthy tunnel has none.
# With "queues" the engine is reached through the storage-queue transport (as on Azure) and the gateway agent's
# polling of its command queue counts too.
# Usage: tests/Benchmarks/watch-transactions.sh [seconds per phase, default 60] [inprocess|queues, default inprocess]
set -euo pipefail
cd "$(dirname "$0")/../.."
phase=${1:-60}; transport=${2:-inprocess}; interval=5; port=10400
work=$(mktemp -d /tmp/watch-tx.XXXXXX)
tools/azurite.sh install
tools/azurite/node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --location "$work" --debug "$work/debug.log" \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --blobPort $port --queuePort $((port+1)) --tablePort $((port+2)) > "$work/azurite.out" 2>&1 &
az=$!
dotnet build src/ControlPlane/Ipsec.LocalRuntime -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet src/ControlPlane/Ipsec.LocalRuntime/bin/Debug/net10.0/Ipsec.LocalRuntime.dll --urls http://127.0.0.1:7410 --grpc-port 4410 \
  --taskhub watchtx --AzureWebJobsStorage "$(tools/azurite.sh connection-string $port)" --Watch:IntervalSeconds $interval \
  --RequestQueue:Enabled false --Engine:Transport "$transport" --Engine:IkePort 16500 --Engine:NatPort 16400 > "$work/runtime.log" 2>&1 &
rt=$!
trap 'kill $rt $az 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 120); do curl -sf http://127.0.0.1:7410/ >/dev/null && break; sleep 0.5; done
count() { grep -c "StorageContextMiddleware: RequestMethod=" "$work/debug.log" || true; }
K='x-functions-key: local-alice-key'; API=http://127.0.0.1:7410
sleep 15
c0=$(count); sleep "$phase"; c1=$(count)
gw=$(curl -s -H "$K" -X POST $API/api/vpn-gateways -d '{"name":"gw","publicIp":"127.0.0.1","vpcCidrs":["172.16.0.0/16"]}' | grep -o '"vpnGatewayId":"[^"]*"' | cut -d'"' -f4)
cgw=$(curl -s -H "$K" -X POST $API/api/customer-gateways -d '{"name":"idc","ipAddress":"127.0.0.2"}' | grep -o '"customerGatewayId":"[^"]*"' | cut -d'"' -f4)
curl -s -H "$K" -X POST $API/api/connections -d "{\"name\":\"watched\",\"vpnGatewayId\":\"$gw\",\"customerGatewayId\":\"$cgw\",\"localSubnets\":[\"172.16.1.0/24\"],\"remoteSubnets\":[\"10.1.0.0/24\"]}" >/dev/null
sleep 15
c2=$(count); sleep "$phase"; c3=$(count)
python3 - "$c0" "$c1" "$c2" "$c3" "$phase" "$interval" "$transport" <<'PY'
import sys
c0, c1, c2, c3, phase, interval = map(int, sys.argv[1:7])
idle, watched = c1 - c0, c3 - c2
rounds = phase / interval
per_round = (watched - idle) / rounds
print(f"engine transport: {sys.argv[7]}")
print(f"idle runtime: {idle} requests in {phase} s; with one watched connection: {watched} ({rounds:.0f} watch rounds)")
print(f"marginal cost: {per_round:.1f} storage requests per watch round")
print(f"per connection-hour at the default 300 s interval: {per_round * 3600 / 300:.0f} requests (12 rounds)")
PY
