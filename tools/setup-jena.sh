#!/usr/bin/env bash
# Set up Apache Jena for the tests and for tools/jena.sh; idempotent, and quick when done before.
#
# 1. Installs Debian's libapache-jena-java (and a Java runtime if there is none) with apt-get,
#    when any jar tools/jena.sh needs is missing. Nothing else is fetched.
# 2. Builds .cache/jena/xerces-messages.jar: Debian's jena-core.jar keeps xerces' message
#    bundles under org/apache/jena/ext/xerces/ while its classes live in xerces.*, so they look
#    for them under xerces/; this jar holds the same .properties files under xerces/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORE_JAR=/usr/share/java/jena-core.jar
FIX_JAR="$ROOT/.cache/jena/xerces-messages.jar"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

jena_missing() {  # anything but the fix jar, which this script builds
    local report
    report=$("$ROOT/tools/jena.sh" --classpath 2>&1 >/dev/null) && return 1
    grep '^jena.sh: missing ' <<<"$report" | grep -q -v -F "$FIX_JAR"
}

install_jena() {
    local packages=(libapache-jena-java)
    command -v java >/dev/null || packages+=(default-jre-headless)
    echo "setup-jena: installing ${packages[*]} from Debian" >&2
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}"
}

build_fix_jar() {
    mkdir -p "$(dirname "$FIX_JAR")"
    python3 - "$CORE_JAR" "$FIX_JAR.tmp" <<'EOF'
import sys
import zipfile

source, target = sys.argv[1:]
prefix = "org/apache/jena/ext/xerces/"
with zipfile.ZipFile(source) as jar, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
    names = sorted(n for n in jar.namelist() if n.startswith(prefix) and n.endswith(".properties"))
    if not names:
        sys.exit(f"setup-jena: {source} holds no {prefix}**.properties; is this Debian's Jena 4.5?")
    for name in names:
        info = zipfile.ZipInfo("xerces/" + name[len(prefix):], date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        out.writestr(info, jar.read(name))
EOF
    mv "$FIX_JAR.tmp" "$FIX_JAR"
    echo "setup-jena: built $FIX_JAR" >&2
}

if jena_missing; then
    install_jena
fi
if [ ! -f "$FIX_JAR" ] || [ "$CORE_JAR" -nt "$FIX_JAR" ]; then
    build_fix_jar
fi
"$ROOT/tools/jena.sh" --classpath >/dev/null
