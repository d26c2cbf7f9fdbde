# Sourced by .ci/run (bash): a Docker engine and a PostgreSQL image for the PostgreSQL suites, so that they start
# their server through Testcontainers as they do on a developer's machine with Docker.
#
# On the CI machines no image registry is reachable (neither Docker Hub nor mcr.microsoft.com), so this
#   1. uses the Docker engine that answers `docker info`, or installs Debian's docker.io and starts dockerd itself;
#   2. builds local/postgres:15 from Debian packages (.ci/postgres-image: a debootstrapped bookworm imported as
#      local/bookworm:1, then postgresql-15 and an entrypoint that behaves as the official postgres image does),
#      unless that image is already there;
#   3. exports what the tests need: KPIINGEST_TEST_POSTGRES_IMAGE, TESTCONTAINERS_RYUK_DISABLED (the resource
#      reaper's image would come from Docker Hub) and, for an engine older than Testcontainers' default API,
#      DOCKER_API_VERSION.
# Nothing here fails the run: whatever does not work is said in one line, and the suites then fall back to their
# initdb fixture (PostgreSQL) or skip with the reason (SQL Server, whose image cannot be had here).
# A machine that can pull images needs none of this: the tests use the official postgres image by default.
# kpi_ci_docker_down (trap it on EXIT) stops a dockerd only if this script started it.

KPI_CI_POSTGRES_IMAGE=local/postgres:15
KPI_CI_BASE_IMAGE=local/bookworm:1
KPI_CI_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kpi_ci_dockerd_pid=""
kpi_ci_dockerd_log=""

kpi_ci_say() {
    echo "ci: $*"
}

kpi_ci_apt_install() {
    if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != "0" ]; then
        kpi_ci_say "cannot install $* (needs apt-get as root)"
        return 1
    fi
    if [ -z "${kpi_ci_apt_updated:-}" ]; then
        apt-get update -qq >/dev/null 2>&1 || true
        kpi_ci_apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 || { kpi_ci_say "apt-get install $* failed"; return 1; }
}

# A Docker engine that answers: the one already running, or a dockerd started here (stopped by kpi_ci_docker_down).
kpi_ci_docker_up() {
    if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
        kpi_ci_say "using the Docker engine that is already running"
        return 0
    fi
    if ! command -v dockerd >/dev/null 2>&1; then
        kpi_ci_apt_install docker.io || return 1
    fi
    if ! command -v docker >/dev/null 2>&1 || ! command -v dockerd >/dev/null 2>&1; then
        kpi_ci_say "docker or dockerd is missing after installing docker.io"
        return 1
    fi

    kpi_ci_dockerd_log="$(mktemp /tmp/kpi-ci-dockerd.XXXXXX.log)"
    dockerd >"$kpi_ci_dockerd_log" 2>&1 &
    kpi_ci_dockerd_pid=$!
    local waited=0
    until docker info >/dev/null 2>&1; do
        if ! kill -0 "$kpi_ci_dockerd_pid" 2>/dev/null; then
            kpi_ci_say "dockerd exited at start: $(tail -n 3 "$kpi_ci_dockerd_log" | tr '\n' ' ')"
            kpi_ci_dockerd_pid=""
            return 1
        fi
        if [ "$waited" -ge 60 ]; then
            kpi_ci_say "dockerd did not answer within 30 s: $(tail -n 3 "$kpi_ci_dockerd_log" | tr '\n' ' ')"
            return 1
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
    kpi_ci_say "started dockerd (pid $kpi_ci_dockerd_pid, log $kpi_ci_dockerd_log)"
}

# Testcontainers asks for Docker API 1.44 unless told otherwise; an older engine (Debian's 20.10 speaks 1.41) refuses it.
kpi_ci_docker_api_version() {
    local server
    server="$(docker version --format '{{.Server.APIVersion}}' 2>/dev/null)" || return 0
    if [ -z "${DOCKER_API_VERSION:-}" ] && [ -n "$server" ] &&
        [ "$(printf '%s\n%s\n' "$server" 1.44 | sort -V | head -n 1)" != "1.44" ]; then
        export DOCKER_API_VERSION="$server"
        kpi_ci_say "the engine speaks Docker API $server: DOCKER_API_VERSION=$server"
    fi
}

# The Debian mirror apt uses here (deb822 sources first, then sources.list).
kpi_ci_debian_mirror() {
    local mirror
    mirror="$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null)"
    if [ -z "$mirror" ]; then
        mirror="$(awk '$1 == "deb" && $2 !~ /^\[/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null)"
    fi
    echo "${mirror:-http://deb.debian.org/debian}"
}

# local/bookworm:1 from debootstrap: a base image without a registry.
kpi_ci_base_image() {
    if docker image inspect "$KPI_CI_BASE_IMAGE" >/dev/null 2>&1; then
        return 0
    fi
    command -v debootstrap >/dev/null 2>&1 || kpi_ci_apt_install debootstrap || return 1
    local root status=0
    root="$(mktemp -d /tmp/kpi-ci-bookworm.XXXXXX)"
    if debootstrap --variant=minbase bookworm "$root" "$(kpi_ci_debian_mirror)" >"$root.log" 2>&1; then
        tar -C "$root" -c . | docker import - "$KPI_CI_BASE_IMAGE" >/dev/null || status=$?
    else
        status=$?
        kpi_ci_say "debootstrap failed: $(tail -n 3 "$root.log" | tr '\n' ' ')"
    fi
    rm -rf "$root" "$root.log"
    return "$status"
}

kpi_ci_postgres_image() {
    if docker image inspect "$KPI_CI_POSTGRES_IMAGE" >/dev/null 2>&1; then
        kpi_ci_say "$KPI_CI_POSTGRES_IMAGE is already built"
        return 0
    fi
    kpi_ci_base_image || { kpi_ci_say "could not make the base image $KPI_CI_BASE_IMAGE"; return 1; }
    local log
    log="$(mktemp /tmp/kpi-ci-postgres-image.XXXXXX.log)"
    # The classic builder: Debian's 20.10 engine has no buildx, and this Dockerfile needs nothing more.
    if DOCKER_BUILDKIT=0 docker build --build-arg "BASE=$KPI_CI_BASE_IMAGE" -t "$KPI_CI_POSTGRES_IMAGE" \
        "$KPI_CI_DIR/postgres-image" >"$log" 2>&1; then
        kpi_ci_say "built $KPI_CI_POSTGRES_IMAGE"
        rm -f "$log"
    else
        kpi_ci_say "docker build of $KPI_CI_POSTGRES_IMAGE failed: $(tail -n 5 "$log" | tr '\n' ' ')"
        return 1
    fi
}

# The whole preparation; never fails the caller.
kpi_ci_docker_postgres() {
    local started=$SECONDS
    if ! kpi_ci_docker_up; then
        kpi_ci_say "no Docker engine: the PostgreSQL suites use their initdb fixture"
        return 0
    fi
    kpi_ci_docker_api_version
    export TESTCONTAINERS_RYUK_DISABLED=true
    if [ -n "${KPIINGEST_TEST_POSTGRES_IMAGE:-}" ]; then
        kpi_ci_say "KPIINGEST_TEST_POSTGRES_IMAGE=$KPIINGEST_TEST_POSTGRES_IMAGE is set: not building an image"
        return 0
    fi
    if kpi_ci_postgres_image; then
        export KPIINGEST_TEST_POSTGRES_IMAGE="$KPI_CI_POSTGRES_IMAGE"
        kpi_ci_say "the PostgreSQL suites use Testcontainers with $KPI_CI_POSTGRES_IMAGE (ready in $((SECONDS - started)) s)"
    else
        kpi_ci_say "no PostgreSQL image: the PostgreSQL suites fall back to their initdb fixture"
    fi
    return 0
}

# On EXIT: a dockerd started here is stopped, with whatever containers the tests left on it. Never fails.
kpi_ci_docker_down() {
    if [ -z "$kpi_ci_dockerd_pid" ]; then
        return 0
    fi
    local leftovers
    leftovers="$(docker ps -aq --filter label=org.testcontainers=true 2>/dev/null || true)"
    if [ -n "$leftovers" ]; then
        # shellcheck disable=SC2086 # one id per word
        docker rm -f $leftovers >/dev/null 2>&1 || true
    fi
    kill -TERM "$kpi_ci_dockerd_pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$kpi_ci_dockerd_pid" 2>/dev/null && [ "$waited" -lt 40 ]; do
        sleep 0.5
        waited=$((waited + 1))
    done
    kpi_ci_say "stopped the dockerd started for the tests (pid $kpi_ci_dockerd_pid)"
    kpi_ci_dockerd_pid=""
    return 0
}
