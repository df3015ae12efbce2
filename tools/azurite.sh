#!/usr/bin/env bash
# Starts the pinned Azurite (tools/azurite, npm) on loopback and waits until it listens.
# Usage: tools/azurite.sh start <data-dir> <first-port>   (blob=port, queue=port+1, table=port+2; prints the pid)
#        tools/azurite.sh connection-string <first-port>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

install() {
  [ -x "$here/azurite/node_modules/.bin/azurite" ] && return 0
  command -v npm >/dev/null || { echo "npm is required (Node.js 20+): apt-get install nodejs npm" >&2; exit 1; }
  (cd "$here/azurite" && npm ci --no-audit --no-fund --loglevel=error >&2)
}

connection_string() {
  local p=$1
  # The well-known Azurite development account and key (public, documented by Azurite; not a secret).
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$p/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$((p+1))/devstoreaccount1;TableEndpoint=http://127.0.0.1:$((p+2))/devstoreaccount1;"
}

case "${1:-}" in
  install) install ;;
  connection-string) connection_string "${2:?first port}" ;;
  start)
    data=${2:?data dir}; port=${3:?first port}
    install
    mkdir -p "$data"
    # --skipApiVersionCheck: Azure.Storage.Queues 12.28.1 sends a service version newer than Azurite 3.37.0 knows.
    "$here/azurite/node_modules/.bin/azurite" --silent --disableTelemetry --skipApiVersionCheck --location "$data" \
      --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
      --blobPort "$port" --queuePort $((port+1)) --tablePort $((port+2)) > "$data/azurite.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 150); do
      if (exec 3<>/dev/tcp/127.0.0.1/$((port+2))) 2>/dev/null; then echo "$pid"; exit 0; fi
      kill -0 "$pid" 2>/dev/null || { cat "$data/azurite.log" >&2; echo "azurite exited" >&2; exit 1; }
      sleep 0.1
    done
    echo "azurite did not listen on 127.0.0.1:$((port+2)) within 15 s" >&2; kill "$pid"; exit 1 ;;
  *) echo "usage: $0 install | start <data-dir> <first-port> | connection-string <first-port>" >&2; exit 2 ;;
esac
