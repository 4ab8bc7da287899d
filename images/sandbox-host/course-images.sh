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
#   course-images.sh ubuntu   ubuntu:latest an Ubuntu-like bash image WITHOUT ifconfig and ip, whose
#                             `apt-get update` + `apt-get install -y net-tools iproute2` install
#                             Debian's net-tools and iproute2 from copies kept in the image
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DOCKER=${DOCKER:-docker}
name=${1:?usage: course-images.sh nginx|centos|ubuntu}

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
# into a root directory (default: the image's rootfs)
copy_libs() {
  dest=${2:-$WORK/rootfs}
  ldd "$1" | awk '/=>/ {print $3} /^\t\/lib/ {print $1}' | while read -r lib; do
    [ -f "$lib" ] || continue
    [ -f "$WORK/rootfs$lib" ] && continue
    mkdir -p "$dest$(dirname "$lib")"
    cp -L "$lib" "$dest$lib"
  done
}
# bash as the login shell (busybox has none), without docs
add_bash() {
  for deb in "$WORK/debs/bash_"*.deb "$WORK/debs/libtinfo6_"*.deb; do dpkg-deb -x "$deb" "$WORK/rootfs"; done
  rm -rf "$WORK/rootfs/usr/share/doc" "$WORK/rootfs/usr/share/man" "$WORK/rootfs/usr/share/locale"
  sed -i 's#^root:x:0:0:root:/root:/bin/sh#root:x:0:0:root:/root:/bin/bash#' "$WORK/rootfs/etc/passwd"
}
# remove busybox's networking applets, which the real image does not have
remove_tools() {
  for tool in "$@"; do
    rm -f "$WORK/rootfs/bin/$tool" "$WORK/rootfs/sbin/$tool" "$WORK/rootfs/usr/bin/$tool" "$WORK/rootfs/usr/sbin/$tool"
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
    add_bash
    # no ifconfig, netstat, route, arp until net-tools is installed, as on CentOS
    remove_tools ifconfig netstat route arp
    dpkg-deb -x "$WORK/debs/"net-tools_*.deb "$WORK/rootfs/var/cache/yum/packages/net-tools"
    rm -rf "$WORK/rootfs/var/cache/yum/packages/net-tools/usr/share"
    install -m 0755 "$HERE/course/yum" "$WORK/rootfs/usr/bin/yum"
    printf '%s\n' 'CentOS Linux release 7.9.2009 (Core)' >"$WORK/rootfs/etc/centos-release"
    printf '%s\n' 'NAME="CentOS Linux"' 'VERSION="7 (Core)"' 'ID="centos"' 'ID_LIKE="rhel fedora"' \
      'VERSION_ID="7"' 'PRETTY_NAME="CentOS Linux 7 (Core) (Vethlab stand-in)"' >"$WORK/rootfs/etc/os-release"
    printf '%s\n' "PS1='[\\u@\\h \\W]\\\$ '" >"$WORK/rootfs/root/.bashrc"
    tar --numeric-owner -C "$WORK/rootfs" -c . | $DOCKER import \
      --change 'CMD ["/bin/bash"]' \
      -m 'vethlab: CentOS-like shell image without net-tools' - centos:latest >/dev/null
    ;;
  ubuntu)
    download net-tools iproute2 bash libtinfo6
    add_bash
    # no ifconfig, ip, netstat, route, arp until net-tools and iproute2 are installed, as on Ubuntu
    remove_tools ifconfig ip netstat route arp
    cache="$WORK/rootfs/var/cache/apt/vethlab"
    for pkg in net-tools iproute2; do
      mkdir -p "$cache/$pkg"
      dpkg-deb -x "$WORK/debs/${pkg}_"*.deb "$cache/$pkg"
      rm -rf "$cache/$pkg/usr/share/doc" "$cache/$pkg/usr/share/man" "$cache/$pkg/usr/share/locale" \
        "$cache/$pkg/usr/share/bash-completion"
    done
    # the libraries ip needs come with its package (the image has only libc and libtinfo)
    copy_libs "$cache/iproute2/bin/ip" "$cache/iproute2"
    install -m 0755 "$HERE/course/apt-get" "$WORK/rootfs/usr/bin/apt-get"
    ln -sf apt-get "$WORK/rootfs/usr/bin/apt"
    mkdir -p "$WORK/rootfs/var/lib/apt/lists" "$WORK/rootfs/var/lib/dpkg"
    # what the simulator's ubuntu image says (src/sandbox/sim: os 'ubuntu'), Ubuntu 20.04's file
    printf '%s\n' 'NAME="Ubuntu"' 'VERSION="20.04.3 LTS (Focal Fossa)"' 'ID=ubuntu' 'ID_LIKE=debian' \
      'PRETTY_NAME="Ubuntu 20.04.3 LTS"' 'VERSION_ID="20.04"' 'HOME_URL="https://www.ubuntu.com/"' \
      'SUPPORT_URL="https://help.ubuntu.com/"' 'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"' \
      'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"' \
      'VERSION_CODENAME=focal' 'UBUNTU_CODENAME=focal' >"$WORK/rootfs/etc/os-release"
    printf '%s\n' 'DISTRIB_ID=Ubuntu' 'DISTRIB_RELEASE=20.04' 'DISTRIB_CODENAME=focal' \
      'DISTRIB_DESCRIPTION="Ubuntu 20.04.3 LTS"' >"$WORK/rootfs/etc/lsb-release"
    # Ubuntu's prompt: root@<container id>:/#
    printf '%s\n' "PS1='\\u@\\h:\\w\\\$ '" >"$WORK/rootfs/root/.bashrc"
    tar --numeric-owner -C "$WORK/rootfs" -c . | $DOCKER import \
      --change 'CMD ["bash"]' \
      -m 'vethlab: Ubuntu-like shell image without net-tools and iproute2' - ubuntu:latest >/dev/null
    ;;
  *) echo "unknown course image: $name" >&2; exit 2 ;;
esac
$DOCKER image ls "$name"
