#!/usr/bin/env bash
# Compile and lint the Azure deployment templates (infra/main.bicep and infra/modules/*.bicep).
#
# usage: bash infra/build.sh        (from anywhere; needs the .NET SDK and the NuGet feed, nothing else)
#
# The Bicep compiler comes from NuGet (Azure.Bicep.CommandLine.linux-x64): `dotnet restore` of the
# never-built tools project infra/tools/BicepCli.csproj puts it into the NuGet global packages folder, and
# this script runs it from there. No other download, no az CLI. Every diagnostic fails the build: errors,
# and warnings too (infra/bicepconfig.json turns on the linter rules we hold the templates to).
# Idempotent: a second run restores nothing and writes nothing outside infra/tools/obj.
set -euo pipefail

readonly BICEP_PACKAGE=azure.bicep.commandline.linux-x64
readonly BICEP_VERSION=0.49.2   # keep in step with infra/tools/BicepCli.csproj

infra=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "infra/build.sh: the pinned compiler package is for linux-x64, this is $(uname -s)-$(uname -m)" >&2; exit 2 ;;
esac

dotnet restore "$infra/tools/BicepCli.csproj" --verbosity quiet --nologo

# NUGET_PACKAGES, a NuGet.config globalPackagesFolder or ~/.nuget/packages: ask NuGet rather than guess.
packages=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')
packages=${packages%/}
bicep="$packages/$BICEP_PACKAGE/$BICEP_VERSION/tools/bicep"
[ -f "$bicep" ] || { echo "infra/build.sh: restore did not produce $bicep" >&2; exit 1; }
# NuGet extracts without guaranteeing the execute bit for every user
[ -x "$bicep" ] || chmod +x "$bicep"
"$bicep" --version

failed=0
# Runs one bicep command; fails on a non-zero exit and on any diagnostic line (warnings are errors here).
check() {
  local what=$1; shift
  local output status=0
  output=$("$bicep" "$@" 2>&1 >/dev/null) || status=$?
  if [ $status -ne 0 ] || grep -qE '\) : (Error|Warning|Info) ' <<<"$output"; then
    echo "FAIL $what" >&2
    [ -n "$output" ] && echo "$output" >&2
    failed=1
  else
    echo "ok   $what"
  fi
}

cd "$infra"
check "build main.bicep" build main.bicep --stdout
for file in main.bicep modules/*.bicep; do
  check "lint $file" lint "$file"
done

[ $failed -eq 0 ] || { echo "infra/build.sh: Bicep diagnostics above" >&2; exit 1; }
echo "infra/build.sh: main.bicep and its modules compile and lint clean"
