# syntax=docker/dockerfile:1
# runbot's image: built with the Maven Wrapper on a JDK 17, run on a JRE 17 as a non-root user.
#   docker build -t ghcr.io/acme/runbot:0.1.0 .

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY commands commands
COPY provisioner provisioner
COPY bot bot
# The provisioner ships the preview chart from templates/ inside its jar.
COPY templates templates
# Maven's repository is a build cache, kept between builds and out of the image.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package \
    && cp bot/target/runbot.jar /runbot.jar

FROM eclipse-temurin:17-jre
# A numeric user, so Kubernetes can tell it is not root (runAsNonRoot) without reading /etc/passwd.
ARG UID=10001
RUN groupadd --system --gid ${UID} runbot \
    && useradd --system --uid ${UID} --gid ${UID} --home-dir /var/lib/runbot --no-create-home runbot \
    && mkdir -p /var/lib/runbot \
    && chown ${UID}:${UID} /var/lib/runbot
WORKDIR /app
COPY --from=build /runbot.jar /app/runbot.jar
# H2 (one replica), the API token, the built-in chart copy, dry-run renders. The chart mounts an
# emptyDir here; the root filesystem stays read-only, and helm-java's native library unpacks to /tmp.
ENV RUNBOT_DATA_DIR=/var/lib/runbot \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/var/lib/runbot"]
USER ${UID}:${UID}
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/runbot.jar"]
