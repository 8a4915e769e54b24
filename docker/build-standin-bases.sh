#!/usr/bin/env bash
# Stand-in base images for machines that cannot reach the public Docker registry.
#
# docker/Dockerfile and docker/Dockerfile.cuda start FROM public images (build arguments
# BUILD_IMAGE, RUNTIME_IMAGE, CUDA_IMAGE). Where `docker pull` cannot reach a registry, this script
# builds local images to point those arguments at, from the machine's own Debian apt source:
#
#   ll-standin/debian:SUITE   debootstrap --variant=minbase SUITE from the host's apt mirror,
#                             imported with `docker import` (stands in for CUDA_IMAGE: the
#                             CUDA Dockerfile installs Java itself)
#   ll-standin/maven:jdk17    + openjdk-17-jdk-headless and Debian's Maven     (for BUILD_IMAGE)
#   ll-standin/jre:17         + openjdk-17-jre-headless and fontconfig         (for RUNTIME_IMAGE)
#
# All three trust exactly the certificate authorities the host trusts: the host's system CA bundle
# (/etc/ssl/certs/ca-certificates.crt), its local CAs (/usr/local/share/ca-certificates) and Java's
# cacerts (/etc/ssl/certs/java/cacerts) are copied in, so apt and Maven inside a build reach their
# mirrors through the same TLS-intercepting proxy, if any, as on the host. The host's apt settings
# that say how to fetch (Acquire::* lines of /etc/apt/apt.conf.d, minus anything with credentials)
# are copied too. Nothing else of the host goes in: no ~/.m2, no keys, no tokens.
#
# Usage: docker/build-standin-bases.sh [--force] [--rebuild]
#   --force    build even when the public registry is reachable
#   --rebuild  build even when images of the same inputs (suite, mirror, CAs, apt settings) exist
# Env:   STANDIN_SUITE   Debian suite (default: the host's VERSION_CODENAME)
#        STANDIN_MIRROR  Debian mirror (default: the host's apt source for that suite)
#        DOCKER          docker client (default: /usr/bin/docker when present, else docker)
# Prints the build arguments to use on its last line ("--build-arg BUILD_IMAGE=... ...").
# Needs root (debootstrap) and a running Docker daemon; installs debootstrap with apt if missing.
set -euo pipefail

force=0
rebuild=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --rebuild) rebuild=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

# Debian's docker 20.10 client: a newer client elsewhere on the PATH may demand buildx.
DOCKER="${DOCKER:-$(if [ -x /usr/bin/docker ]; then echo /usr/bin/docker; else echo docker; fi)}"
export DOCKER_BUILDKIT=0 # the classic builder: nothing to fetch, no frontend image

log() { echo "standin: $*" >&2; }
[ "$(id -u)" -eq 0 ] || { log "needs root (debootstrap)"; exit 1; }
"$DOCKER" info > /dev/null 2>&1 || { log "no Docker daemon answers ($DOCKER info failed)"; exit 1; }

registry_reachable() {
  # Docker Hub's API answers 401 without a token; any HTTP answer means it is reachable.
  curl -s -o /dev/null -m 10 https://registry-1.docker.io/v2/
}
if [ "$force" = 0 ] && registry_reachable; then
  log "the public registry is reachable: use the Dockerfiles' default bases (--force builds anyway)"
  exit 0
fi

# ---- inputs from the host ------------------------------------------------------------------------
# shellcheck disable=SC1091
suite="${STANDIN_SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME:-}")}"
[ -n "$suite" ] || { log "cannot tell the Debian suite; set STANDIN_SUITE"; exit 1; }

# "URI SUITE" for every enabled Debian entry of the host's apt sources, one-line and deb822 style.
apt_entries() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    # deb [options] URI SUITE COMPONENTS...
    sed -E 's/#.*//; s/\[[^]]*\]//' "$f" | awk '$1 == "deb" { print $2, $3 }'
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # Paragraphs of "Field: value"; an entry with several URIs or suites gives every pair.
    awk 'function flush(   i, j, n, m, u, s) {
           if (types ~ /(^| )deb( |$)/ && enabled != "no") {
             n = split(uris, u, " "); m = split(suites, s, " ")
             for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print u[i], s[j]
           }
           types = ""; uris = ""; suites = ""; enabled = ""
         }
         /^[[:space:]]*#/ { next }
         /^[[:space:]]*$/ { flush(); next }
         tolower($1) == "types:" { $1 = ""; types = $0 }
         tolower($1) == "uris:" { $1 = ""; uris = $0 }
         tolower($1) == "suites:" { $1 = ""; suites = $0 }
         tolower($1) == "enabled:" { enabled = tolower($2) }
         END { flush() }' "$f"
  done
}
entries="$(apt_entries)"
mirror="${STANDIN_MIRROR:-$(awk -v s="$suite" '$2 == s { print $1; exit }' <<< "$entries")}"
[ -n "$mirror" ] || { log "no apt source for $suite in /etc/apt/sources.list*; set STANDIN_MIRROR"; exit 1; }
mirror="${mirror%/}"
updates="$(awk -v s="$suite-updates" -v m="$mirror" '$2 == s && ($1 == m || $1 == m "/") { print s; exit }' <<< "$entries")"
security="$(awk -v s="$suite-security" '$2 == s { print $1; exit }' <<< "$entries")"
security="${security%/}"

ca_bundle=/etc/ssl/certs/ca-certificates.crt
java_cacerts=/etc/ssl/certs/java/cacerts
[ -s "$ca_bundle" ] || { log "no host CA bundle at $ca_bundle"; exit 1; }
[ -s "$java_cacerts" ] || { log "no host Java cacerts at $java_cacerts"; exit 1; }

work="$(mktemp -d -t standin-XXXXXX)"
trap 'rm -rf "$work"' EXIT
ctx="$work/context"
mkdir -p "$ctx/local-ca" "$ctx/apt.conf.d"

cp "$ca_bundle" "$ctx/ca-certificates.crt"
cp "$java_cacerts" "$ctx/java-cacerts"
for crt in /usr/local/share/ca-certificates/*.crt /usr/local/share/ca-certificates/*/*.crt; do
  [ -f "$crt" ] && cp "$crt" "$ctx/local-ca/"
done
# How the host's apt fetches (proxies, validity checks of a frozen mirror): Acquire:: lines only,
# none with user:password@ in them.
for conf in /etc/apt/apt.conf.d/*; do
  [ -f "$conf" ] || continue
  if grep -q 'Acquire::' "$conf"; then
    if grep -Eq '://[^/"@ ]+:[^/"@ ]*@' "$conf"; then
      log "skipping $conf: it holds credentials (pass a proxy without them, or none)"
      continue
    fi
    grep -E '^[[:space:]]*Acquire::' "$conf" > "$ctx/apt.conf.d/$(basename "$conf")" || true
  fi
done

{
  echo "Types: deb"
  echo "URIs: $mirror"
  echo "Suites: $suite${updates:+ $updates}"
  echo "Components: main"
  echo "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
  if [ -n "$security" ]; then
    echo
    echo "Types: deb"
    echo "URIs: $security"
    echo "Suites: $suite-security"
    echo "Components: main"
    echo "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
  fi
} > "$ctx/debian.sources"

# One fingerprint of every input: images built from the same inputs are reused.
inputs="$( (echo "$suite $mirror $security $updates v2"; cat "$ctx/debian.sources"
            find "$ctx" -type f ! -name debian.sources -print0 | sort -z | xargs -0 sha256sum \
              | sed "s#$ctx/##") | sha256sum | cut -c1-16)"

base="ll-standin/debian:$suite"
maven="ll-standin/maven:jdk17"
jre="ll-standin/jre:17"
build_args="--build-arg BUILD_IMAGE=$maven --build-arg RUNTIME_IMAGE=$jre --build-arg CUDA_IMAGE=$base --build-arg INSTALL_CUDNN=0"

label_of() { "$DOCKER" image inspect -f '{{ index .Config.Labels "ll.standin.inputs" }}' "$1" 2>/dev/null || true; }
if [ "$rebuild" = 0 ] && [ "$(label_of "$base")" = "$inputs" ] && [ "$(label_of "$maven")" = "$inputs" ] \
  && [ "$(label_of "$jre")" = "$inputs" ]; then
  log "$base, $maven and $jre are up to date (inputs $inputs)"
  echo "$build_args"
  exit 0
fi

# ---- 1. minimal Debian ---------------------------------------------------------------------------
if ! command -v debootstrap > /dev/null; then
  log "installing debootstrap"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap > /dev/null
fi
rootfs="$work/rootfs"
t0=$SECONDS
log "debootstrap --variant=minbase $suite from $mirror"
debootstrap --variant=minbase --include=ca-certificates "$suite" "$rootfs" "$mirror" \
  > "$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }

# apt: the host's sources and fetch settings; images stay small like the official ones.
rm -f "$rootfs/etc/apt/sources.list"
cp "$ctx/debian.sources" "$rootfs/etc/apt/sources.list.d/debian.sources"
cp "$ctx"/apt.conf.d/* "$rootfs/etc/apt/apt.conf.d/" 2> /dev/null || true
cat > "$rootfs/etc/apt/apt.conf.d/90standin-slim" << 'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
EOF
# The host's certificate authorities: its local CAs (kept by any later update-ca-certificates)
# and, byte for byte, its bundle.
cp "$ctx"/local-ca/*.crt "$rootfs/usr/local/share/ca-certificates/" 2> /dev/null || true
chroot "$rootfs" update-ca-certificates > /dev/null 2>&1 || true
cp "$ctx/ca-certificates.crt" "$rootfs/etc/ssl/certs/ca-certificates.crt"
# As in Debian's -slim images: no docs, man pages or translations, now or from later packages
# (copyright files stay); apt throws downloaded packages away after installing them. Every path
# below is inside "$rootfs", which is checked first: never the host's own /usr/share.
[ -d "$rootfs/usr/share/doc" ] && [ "$rootfs" != / ] || { log "bad rootfs '$rootfs'"; exit 1; }
printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
  'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' \
  'path-exclude /usr/share/locale/*' 'path-include /usr/share/locale/locale.alias' \
  'path-exclude /usr/share/lintian/*' > "$rootfs/etc/dpkg/dpkg.cfg.d/standin-slim"
find "$rootfs/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
find "$rootfs/usr/share/man" "$rootfs/usr/share/info" "$rootfs/usr/share/lintian" -mindepth 1 \
  -maxdepth 1 -exec rm -rf {} + 2> /dev/null || true
find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
# OpenJDK's update-alternatives links its man pages there and fails when the folder is missing.
mkdir -p "$rootfs/usr/share/man/man1"
clean='"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true";'
printf '%s\n' "DPkg::Post-Invoke { $clean };" "APT::Update::Post-Invoke { $clean };" \
  'Dir::Cache::pkgcache "";' 'Dir::Cache::srcpkgcache "";' \
  > "$rootfs/etc/apt/apt.conf.d/docker-clean"
# debootstrap's leftovers: package cache and lists.
chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/log/*.log \
  "$rootfs"/var/log/apt/* "$rootfs"/tmp/*
# No devices or mounts in an image (docker provides /dev, /proc, /sys).
rm -rf "${rootfs:?}"/dev/* "${rootfs:?}"/proc/* "${rootfs:?}"/sys/*

tar --numeric-owner -C "$rootfs" -c . | "$DOCKER" import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change "LABEL ll.standin.inputs=$inputs" \
  --change 'CMD ["bash"]' \
  - "$base" > /dev/null
rm -rf "$rootfs"
log "$base imported ($((SECONDS - t0)) s)"

# ---- 2. JDK 17 + Maven and JRE 17 layers ---------------------------------------------------------
# Java's cacerts is copied after the install: ca-certificates-java writes its own at install time.
cat > "$ctx/Dockerfile.maven" << EOF
FROM $base
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y openjdk-17-jdk-headless maven \\
 && apt-get clean && rm -rf /var/lib/apt/lists/*
COPY java-cacerts /etc/ssl/certs/java/cacerts
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 MAVEN_HOME=/usr/share/maven
LABEL ll.standin.inputs=$inputs
EOF
# fontconfig (with its DejaVu fonts) as in the eclipse-temurin images: the figures need a font.
cat > "$ctx/Dockerfile.jre" << EOF
FROM $base
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y openjdk-17-jre-headless fontconfig \\
 && apt-get clean && rm -rf /var/lib/apt/lists/*
COPY java-cacerts /etc/ssl/certs/java/cacerts
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
LABEL ll.standin.inputs=$inputs
EOF
for image in maven jre; do
  t0=$SECONDS
  tag="$maven"
  [ "$image" = jre ] && tag="$jre"
  "$DOCKER" build --network host -q -f "$ctx/Dockerfile.$image" -t "$tag" "$ctx" > /dev/null
  log "$tag built ($((SECONDS - t0)) s)"
done

"$DOCKER" image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^ll-standin/' | sed 's/^/standin: /' >&2
echo "$build_args"
