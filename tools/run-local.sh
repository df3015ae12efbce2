#!/usr/bin/env bash
# Sets up and starts the local runtime on a fresh machine: Azurite (pinned, npm) on 127.0.0.1:10000-10002, then the
# control plane (durable workflows on the Durable Task worker over Azure Storage on Azurite, the Functions app's HTTP
# routes and the durable status API) on http://127.0.0.1:7071, with the keys from local.settings.json.
# Usage: tools/run-local.sh [--backend memory] [--urls http://127.0.0.1:7071]     Stop: Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (dotnet on PATH)" >&2; exit 1; }
data=${AZURITE_DATA:-$PWD/.azurite}
dotnet build src/ControlPlane/Ipsec.LocalRuntime/Ipsec.LocalRuntime.csproj -c Release -nologo -v q -clp:ErrorsOnly
az_pid=$(tools/azurite.sh start "$data" 10000)
echo "azurite (pid $az_pid) on 127.0.0.1:10000-10002, data in $data"
app_pid=""
stop() {
  trap - INT TERM EXIT
  # the app first: its shutdown still talks to storage
  [ -n "$app_pid" ] && kill -TERM "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  kill -TERM "$az_pid" 2>/dev/null && wait "$az_pid" 2>/dev/null || true
}
trap stop INT TERM EXIT
args=("$@")
[[ " $* " == *" --urls "* ]] || args+=(--urls http://127.0.0.1:7071)
dotnet src/ControlPlane/Ipsec.LocalRuntime/bin/Release/net10.0/Ipsec.LocalRuntime.dll --settings "$PWD/local.settings.json" "${args[@]}" &
app_pid=$!
echo "local runtime (pid $app_pid) on ${args[*]}; Ctrl-C stops it"
wait "$app_pid" || true
app_pid=""
