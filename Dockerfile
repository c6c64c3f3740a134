# syntax=docker/dockerfile:1
# The three services of lineage-gate, one target each (docker-compose.yml builds them):
#   docker build --target ingest         -t lineage-gate/ingest .
#   docker build --target lineage-stream -t lineage-gate/lineage-stream .
#   docker build --target gate-service   -t lineage-gate/gate-service .
# One build stage serves all three (BuildKit builds it once). Each image holds the module's jar and
# its runtime dependencies in /app/lib and runs as an unprivileged user (uid 10001).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# package builds the modules and what they need (-am, which includes testkit: the test-scoped
# dependencies are resolved too); copy-dependencies, in the same reactor, puts each module's
# runtime classpath in its target/dependency. Spotless runs in CI, not in an image build.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl ingest,lineage-stream,gate-service -am package \
        dependency:copy-dependencies -DincludeScope=runtime \
        -DskipTests -Dspotless.check.skip=true \
 && for module in ingest lineage-stream gate-service; do \
      mkdir -p /out/$module/lib \
      && cp $module/target/dependency/*.jar /out/$module/lib/ \
      && cp $module/target/$module-*.jar /out/$module/lib/; \
    done

FROM eclipse-temurin:17-jre AS runtime
# The volumes of docker-compose.yml mount on these directories: a new named volume takes the
# directory's owner, so the services can write their state and keys.
RUN groupadd --system --gid 10001 lineagegate \
 && useradd --system --uid 10001 --gid lineagegate --home-dir /app --shell /usr/sbin/nologin lineagegate \
 && mkdir -p /app/lib /data/lineage-stream /data/gate-service/state /data/gate-service/keys \
 && chown -R lineagegate:lineagegate /data \
 && chmod 700 /data/gate-service/keys \
 && printf '%s\n' \
      '#!/bin/bash' \
      '# healthcheck PORT: exit 0 when GET /healthz answers 200 (no curl needed).' \
      'exec 3<>"/dev/tcp/127.0.0.1/${1:?port}" || exit 1' \
      'printf "GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3' \
      'read -r -t 2 _ status _ <&3 || exit 1' \
      '[ "$status" = "200" ]' \
      > /app/healthcheck \
 && chmod 755 /app/healthcheck
WORKDIR /app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001

FROM runtime AS ingest
COPY --from=build /out/ingest/lib /app/lib
EXPOSE 8080
ENTRYPOINT ["java", "-cp", "/app/lib/*", "dev.lineagegate.ingest.IngestApp"]

FROM runtime AS lineage-stream
COPY --from=build /out/lineage-stream/lib /app/lib
EXPOSE 8081
VOLUME ["/data/lineage-stream"]
ENTRYPOINT ["java", "-cp", "/app/lib/*", "dev.lineagegate.lineagestream.app.LineageStreamApp"]

FROM runtime AS gate-service
COPY --from=build /out/gate-service/lib /app/lib
EXPOSE 8082
VOLUME ["/data/gate-service/state", "/data/gate-service/keys"]
ENTRYPOINT ["java", "-cp", "/app/lib/*", "dev.lineagegate.gate.app.GateApp"]
