#!/usr/bin/env bash
# Run an Apache Jena command-line class from Debian's libapache-jena-java (installed by
# tools/setup-jena.sh), which ships the jars but no launchers:
#
#   tools/jena.sh riotcmd.riot --validate FILE...
#   tools/jena.sh riotcmd.riot --syntax=jsonld10 --count FILE.jsonld
#   tools/jena.sh tdb2.tdbloader --loc DIR FILE.nq
#   tools/jena.sh tdb2.tdbquery --loc DIR --set tdb:unionDefaultGraph=true --query FILE.rq --results=json
#   tools/jena.sh --classpath        print the class path (fails, saying why, when a jar is missing)
#
# The class path puts first a small jar made by tools/setup-jena.sh that holds xerces' message
# bundles where the classes in Debian's jena-core.jar look for them (without it every command
# dies in XSDDatatype.<clinit> with "internal error"), then the Jena modules and the libraries
# they depend on. The only SLF4J binding is slf4j-simple, so Jena's warnings reach stderr
# (slf4j-nop and Maven's bindings would swallow them or conflict).
#
# JSON-LD: Jena 4.5 reads .jsonld with Titanium (JSON-LD 1.1), which needs a Jakarta JSON-P
# implementation that Debian does not package; read JSON-LD with --syntax=jsonld10 (jsonld-java).
#
# Environment: JENA_LOG_LEVEL (default info; warn shows only warnings and errors),
# JVM_ARGS (default: quick start-up, as the files geokg writes are small).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JARS=/usr/share/java
FIX_JAR="$ROOT/.cache/jena/xerces-messages.jar"
JENA_MODULES=(jena-base jena-core jena-iri jena-arq jena-cmds jena-rdfconnection
              jena-dboe-base jena-dboe-transaction jena-dboe-index jena-dboe-trans-data jena-dboe-storage
              jena-tdb jena-tdb2 jena-shacl jena-shex)
LIBRARIES=(slf4j-api slf4j-simple jcl-over-slf4j commons-cli commons-codec commons-compress commons-csv
           commons-io commons-lang3 dexx.collection gson guava httpclient httpclient-cache httpcore
           jackson-annotations jackson-core jackson-databind jsonld-java protobuf thrift
           titanium-json-ld jakarta.json-api)

classpath() {
    local cp=$FIX_JAR missing=() name
    [ -f "$FIX_JAR" ] || missing+=("$FIX_JAR")
    for name in "${JENA_MODULES[@]}" "${LIBRARIES[@]}"; do
        if [ -f "$JARS/$name.jar" ]; then cp+=":$JARS/$name.jar"; else missing+=("$JARS/$name.jar"); fi
    done
    command -v java >/dev/null || missing+=("java (a Java runtime)")
    if [ ${#missing[@]} -gt 0 ]; then
        printf 'jena.sh: missing %s\n' "${missing[@]}" >&2
        echo "jena.sh: Apache Jena is not set up: run tools/setup-jena.sh (installs Debian's libapache-jena-java and builds the fix jar)" >&2
        return 1
    fi
    printf '%s\n' "$cp"
}

if [ $# -eq 0 ]; then
    echo "usage: tools/jena.sh CLASS [ARGS...]   (e.g. riotcmd.riot, tdb2.tdbloader, tdb2.tdbquery, shacl.shacl)" >&2
    echo "       tools/jena.sh --classpath" >&2
    exit 2
fi
CP=$(classpath)
if [ "$1" = "--classpath" ]; then
    printf '%s\n' "$CP"
    exit 0
fi
# shellcheck disable=SC2086  # JVM_ARGS is a list of options
exec java ${JVM_ARGS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} \
    -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 \
    -Dorg.slf4j.simpleLogger.defaultLogLevel="${JENA_LOG_LEVEL:-info}" \
    -cp "$CP" "$@"
