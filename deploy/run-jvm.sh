#!/bin/sh
# Entrypoint of the JVM images (Dockerfile.jvm, Dockerfile.jetson): starts the Quarkus fast-jar with the heap,
# the AppCDS archive when one was built, and ONNX Runtime's pre-extracted native libraries.
# Arguments are JVM options placed before -jar, so config goes in as -Dkey=value
# (e.g. -Dmixguard.models.dir=/mnt/models from the KServe runtime). Environment:
#   JAVA_HEAP_OPTS    heap flags (the image sets a default; Kubernetes overrides it)
#   JAVA_GC_OPTS      collector flags, default -XX:+UseSerialGC: at a 128 MB heap G1's own structures took 42 MB
#                     of native memory (-XX:NativeMemoryTracking), Serial's about 1 MB; with one or two cores
#                     and a small heap its pauses stay short (bench/results/fashion-mnist.md)
#   MALLOC_ARENA_MAX  glibc malloc arenas, default 2: one per thread otherwise, each holding freed native memory
#   JAVA_OPTS_APPEND  any further JVM flags
#   ORT_NATIVE_PATH   folder holding libonnxruntime.so and libonnxruntime4j_jni.so of the same ORT version
#   APP_DIR           where the fast-jar lives (default /deployments)
set -eu
app=${APP_DIR:-/deployments}
cds=""
if [ -f "$app/app-cds.jsa" ]; then
    cds="-XX:SharedArchiveFile=$app/app-cds.jsa"
fi
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# shellcheck disable=SC2086 # the *_OPTS variables hold several flags
exec java -XX:+ExitOnOutOfMemoryError ${JAVA_HEAP_OPTS:-} ${JAVA_GC_OPTS--XX:+UseSerialGC} $cds \
    -Donnxruntime.native.path="${ORT_NATIVE_PATH:-$app/ort-native}" \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    ${JAVA_OPTS_APPEND:-} "$@" -jar "$app/quarkus-run.jar"
