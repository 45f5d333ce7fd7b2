#!/usr/bin/env bash
# Runs JMH benchmarks and regenerates BENCHMARKS.md.
#
#   obs-benchmarks/run.sh SUITE [JMH_REGEX] [extra JMH options...]
#
# SUITE names the results file (obs-benchmarks/results/SUITE.json); JMH_REGEX selects benchmarks
# (default: SUITE). Extra options go to JMH, e.g. -f 3 -wi 5 -i 10 -t 4.
# BENCHMARKS.md is rebuilt from every results/*.json plus the hand-written results/*.md notes.
set -euo pipefail
cd "$(dirname "$0")/.."
suite=${1:?usage: obs-benchmarks/run.sh SUITE [JMH_REGEX] [JMH options...]}
shift
regex=${1:-$suite}
[ $# -gt 0 ] && shift
# BENCH_AM=0 builds only obs-benchmarks against the obs-* jars already installed in ~/.m2
# (useful while other modules are mid-change); the default builds the modules it needs too.
if [ "${BENCH_AM:-1}" = 0 ]; then
  mvn -B -q -DskipTests -pl obs-benchmarks package
else
  mvn -B -q -DskipTests -pl obs-benchmarks -am package
fi
jar=obs-benchmarks/target/benchmarks.jar
flags="-Dchronicle.analytics.disable=true --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED"
out=obs-benchmarks/results/$suite.json
# shellcheck disable=SC2086
java $flags -jar "$jar" "$regex" -jvmArgsAppend "$flags" -rf json -rff "$out.tmp" "$@"
mv "$out.tmp" "$out"
java -cp "$jar" dev.obskit.benchmarks.BenchmarksReport obs-benchmarks/results BENCHMARKS.md "obs-benchmarks/run.sh $suite $regex $*"
echo "Wrote $out and BENCHMARKS.md"
