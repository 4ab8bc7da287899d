#!/bin/sh
# Fallback builders for the course images a sandbox host preloads, used by build.sh only when
# the fidelity recorder's images/build-<name>.sh does not exist (theirs are the reference: the
# ground truth is recorded with them). No registry: Debian packages + `docker import`.
#
#   course-images.sh nginx    nginx:latest  Debian's nginx on top of busybox:latest, serving the
#                             "Welcome to nginx!" page on port 80
#   course-images.sh centos   centos:latest a CentOS-like shell image WITHOUT ifconfig, whose
#                             `yum install -y net-tools` installs Debian's net-tools from a copy
#                             kept in the image (there is no egress to fetch it from)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DOCKER=${DOCKER:-docker}
name=${1:?usage: course-images.sh nginx|centos}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vethlab-course.XXXXXX")
CID=""
trap '[ -n "$CID" ] && $DOCKER rm -f "$CID" >/dev/null 2>&1; rm -rf "$WORK"' EXIT INT TERM

if ! $DOCKER image inspect busybox:latest >/dev/null 2>&1; then "$ROOT/images/build-busybox.sh" "$(command -v $DOCKER)"; fi

# start from busybox's filesystem (one layer, no whiteouts)
mkdir -p "$WORK/rootfs" "$WORK/debs"
CID=$($DOCKER create busybox:latest)
$DOCKER export "$CID" | tar -C "$WORK/rootfs" -xf -
$DOCKER rm "$CID" >/dev/null; CID=""

download() { (cd "$WORK/debs" && apt-get download "$@" >/dev/null 2>&1); }
# copy the shared libraries a binary needs from the build host (same Debian release as the debs)
copy_libs() {
  ldd "$1" | awk '/=>/ {print $3} /^\t\/lib/ {print $1}' | while read -r lib; do
    [ -f "$lib" ] || continue
    mkdir -p "$WORK/rootfs$(dirname "$lib")"
    cp -L "$lib" "$WORK/rootfs$lib"
  done
}

case "$name" in
  nginx)
    download nginx nginx-common
    mkdir -p "$WORK/pkg"
    for deb in "$WORK/debs/"*.deb; do dpkg-deb -x "$deb" "$WORK/pkg"; done
    cp -a "$WORK/pkg/usr/sbin" "$WORK/rootfs/usr/"
    mkdir -p "$WORK/rootfs/usr/share" "$WORK/rootfs/var/www" "$WORK/rootfs/var/log/nginx" \
      "$WORK/rootfs/var/lib/nginx" "$WORK/rootfs/run" "$WORK/rootfs/etc/nginx/modules-enabled"
    cp -a "$WORK/pkg/etc/nginx/." "$WORK/rootfs/etc/nginx/"
    # what nginx-common's postinst would do
    mkdir -p "$WORK/rootfs/etc/nginx/sites-enabled"
    ln -sf /etc/nginx/sites-available/default "$WORK/rootfs/etc/nginx/sites-enabled/default"
    cp -a "$WORK/pkg/usr/share/nginx" "$WORK/rootfs/usr/share/"
    # the welcome page under the name nginx serves by default
    mkdir -p "$WORK/rootfs/var/www/html"
    cp "$WORK/pkg/usr/share/nginx/html/index.html" "$WORK/rootfs/var/www/html/index.html"
    copy_libs "$WORK/rootfs/usr/sbin/nginx"
    # logs to the container's stdout/stderr, like the official image
    ln -sf /dev/stdout "$WORK/rootfs/var/log/nginx/access.log"
    ln -sf /dev/stderr "$WORK/rootfs/var/log/nginx/error.log"
    grep -q '^www-data:' "$WORK/rootfs/etc/passwd" || echo 'www-data:x:33:33:www-data:/var/www:/bin/false' >>"$WORK/rootfs/etc/passwd"
    tar --numeric-owner -C "$WORK/rootfs" -c . | $DOCKER import \
      --change 'EXPOSE 80' \
      --change 'CMD ["nginx", "-g", "daemon off;"]' \
      -m 'vethlab: nginx from Debian on busybox' - nginx:latest >/dev/null
    ;;
  centos)
    download net-tools bash libtinfo6
    mkdir -p "$WORK/pkg" "$WORK/rootfs/var/cache/yum/packages/net-tools"
    for deb in "$WORK/debs/bash_"*.deb "$WORK/debs/libtinfo6_"*.deb; do dpkg-deb -x "$deb" "$WORK/rootfs"; done
    rm -rf "$WORK/rootfs/usr/share/doc" "$WORK/rootfs/usr/share/man" "$WORK/rootfs/usr/share/locale"
    # no ifconfig, netstat, route, arp until net-tools is installed, as on CentOS
    for tool in ifconfig netstat route arp; do
      rm -f "$WORK/rootfs/bin/$tool" "$WORK/rootfs/sbin/$tool" "$WORK/rootfs/usr/bin/$tool" "$WORK/rootfs/usr/sbin/$tool"
    done
    dpkg-deb -x "$WORK/debs/"net-tools_*.deb "$WORK/rootfs/var/cache/yum/packages/net-tools"
    rm -rf "$WORK/rootfs/var/cache/yum/packages/net-tools/usr/share"
    install -m 0755 "$HERE/course/yum" "$WORK/rootfs/usr/bin/yum"
    printf '%s\n' 'CentOS Linux release 7.9.2009 (Core)' >"$WORK/rootfs/etc/centos-release"
    printf '%s\n' 'NAME="CentOS Linux"' 'VERSION="7 (Core)"' 'ID="centos"' 'ID_LIKE="rhel fedora"' \
      'VERSION_ID="7"' 'PRETTY_NAME="CentOS Linux 7 (Core) (Vethlab stand-in)"' >"$WORK/rootfs/etc/os-release"
    printf '%s\n' "PS1='[\\u@\\h \\W]\\\$ '" >"$WORK/rootfs/root/.bashrc"
    sed -i 's#^root:x:0:0:root:/root:/bin/sh#root:x:0:0:root:/root:/bin/bash#' "$WORK/rootfs/etc/passwd"
    tar --numeric-owner -C "$WORK/rootfs" -c . | $DOCKER import \
      --change 'CMD ["/bin/bash"]' \
      -m 'vethlab: CentOS-like shell image without net-tools' - centos:latest >/dev/null
    ;;
  *) echo "unknown course image: $name" >&2; exit 2 ;;
esac
$DOCKER image ls "$name"
