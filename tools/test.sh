#!/usr/bin/env bash
# Sets up and runs every test on a fresh machine: installs what the tests need (Azurite through npm; strongSwan and
# Libreswan from Debian when running as root), starts Azurite on its own ports (so a running local runtime is not
# disturbed), builds the solution, runs all test projects, compiles the Bicep templates, and prints one summary line.
# Usage: tools/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Domain]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (dotnet on PATH)" >&2; exit 1; }

if [ "$(id -u)" = 0 ]; then
  bash .ci/install-ike-peers.sh --libreswan
else
  echo "note: not root, so strongSwan/Libreswan are not installed and the interop tests will skip (CI runs them as root)"
fi

work=$(mktemp -d /tmp/ipsec-tests.XXXXXX)
port=${TEST_AZURITE_PORT:-10100}
az_pid=$(tools/azurite.sh start "$work/azurite" "$port")
cleanup() { kill -TERM "$az_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export IPSEC_TEST_STORAGE="$(tools/azurite.sh connection-string "$port")"
echo "azurite (pid $az_pid) on 127.0.0.1:$port-$((port+2)) for the tests"

dotnet build IpsecFunctions.sln -nologo -v q -clp:ErrorsOnly
status=0
# Category=Benchmark are measurements (tests/Interop.Tests/Benchmarks), run by hand, not tests.
dotnet test IpsecFunctions.sln --no-build -nologo -v q --filter "Category!=Benchmark" --logger "trx;LogFilePrefix=run" --results-directory "$work/results" "$@" || status=$?

bash infra/build.sh || status=$?

# One closing line over every test assembly: "N passed, N failed, N skipped".
python3 - "$work/results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    root = ET.parse(path).getroot()
    # every failed test with the first lines of its message, so a CI log says why without the trx files
    for r in root.iter("{%s}UnitTestResult" % ns["t"]):
        if r.get("outcome") == "Failed":
            msg = r.find("t:Output/t:ErrorInfo/t:Message", ns)
            text = (msg.text or "").strip().splitlines() if msg is not None else []
            print("FAILED", r.get("testName"), "::", " | ".join(text[:4])[:600])
    c = root.find("t:ResultSummary/t:Counters", ns)
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(f"{p} passed, {f} failed, {s} skipped")
PY
exit $status
