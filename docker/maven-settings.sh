#!/bin/sh
# Run in the images' build stage (docker/Dockerfile, docker/Dockerfile.cuda): writes Maven's
# settings file, ~/.m2/settings.xml of the build stage only, from build arguments:
#   MAVEN_MIRROR_URL, MAVEN_MIRROR_OF   one <mirror> (e.g. the host's ~/.m2/settings.xml mirror)
#   https_proxy, http_proxy, no_proxy   Docker's predefined proxy arguments (also upper case):
#                                       <proxy> entries, host and port only
# Writes nothing when none is given (Maven then goes straight to Maven Central). Refuses anything
# with user:password@ in it: credentials would end up in a layer of the build stage.
set -eu

mirror="${MAVEN_MIRROR_URL:-}"
mirror_of="${MAVEN_MIRROR_OF:-*}"
https_p="${https_proxy:-${HTTPS_PROXY:-}}"
http_p="${http_proxy:-${HTTP_PROXY:-}}"
no_p="${no_proxy:-${NO_PROXY:-}}"

if [ -z "$mirror" ] && [ -z "$https_p" ] && [ -z "$http_p" ]; then
  exit 0
fi
for v in "$mirror" "$https_p" "$http_p"; do
  case "$v" in
    *://*@* | *@*)
      echo "maven-settings: credentials in a build argument are refused (they would stay in a layer)" >&2
      exit 1
      ;;
  esac
done

# xml_escape STRING
xml_escape() { printf '%s' "$1" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'; }

# proxy_entry ID PROTOCOL URL: a <proxy> for repositories reached over PROTOCOL through URL.
proxy_entry() {
  hostport="${3#*://}"
  hostport="${hostport%%/*}"
  host="${hostport%:*}"
  port="${hostport##*:}"
  if [ "$port" = "$hostport" ]; then
    case "$3" in https://*) port=443 ;; *) port=80 ;; esac
  fi
  non_proxy="$(printf '%s' "$no_p" | tr -d ' ' | sed 's/^\.//; s/,\./,*./g; s/,/|/g')"
  cat << XML
    <proxy>
      <id>$1</id>
      <active>true</active>
      <protocol>$2</protocol>
      <host>$(xml_escape "$host")</host>
      <port>$port</port>
      <nonProxyHosts>$(xml_escape "$non_proxy")</nonProxyHosts>
    </proxy>
XML
}

mkdir -p "$HOME/.m2"
{
  echo '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">'
  if [ -n "$mirror" ]; then
    echo '  <mirrors>'
    echo '    <mirror>'
    echo '      <id>build-mirror</id>'
    echo "      <mirrorOf>$(xml_escape "$mirror_of")</mirrorOf>"
    echo "      <url>$(xml_escape "$mirror")</url>"
    echo '    </mirror>'
    echo '  </mirrors>'
  fi
  if [ -n "$https_p" ] || [ -n "$http_p" ]; then
    echo '  <proxies>'
    [ -n "$https_p" ] && proxy_entry build-https https "$https_p"
    [ -n "$http_p" ] && proxy_entry build-http http "$http_p"
    echo '  </proxies>'
  fi
  echo '</settings>'
} > "$HOME/.m2/settings.xml"
echo "maven-settings: wrote $HOME/.m2/settings.xml" \
  "(${mirror:+mirror $mirror }${https_p:+https proxy }${http_p:+http proxy})" >&2
