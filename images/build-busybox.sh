#!/bin/sh
# Build busybox:latest locally (no registry) from Debian's busybox-static.
# Usage (root, Debian bookworm): images/build-busybox.sh [docker-binary]
# Needs: apt-get install busybox-static docker.io ; a running dockerd.
#
# Layout follows the official busybox image (glibc flavour): every applet under /bin,
# /etc/passwd and /etc/group with the same users, /root /home /tmp /var/www /var/spool/mail.
# The official image links the applets as hard links of /bin/busybox; so do we.
# glibc's NSS modules and libc are copied into /lib so that name look-ups through getaddrinfo
# (ping NAME, wget http://NAME) read /etc/hosts and /etc/resolv.conf like the official image.
set -eu
DOCKER=${1:-/usr/bin/docker}
BB=/bin/busybox
[ -x "$BB" ] || { echo "install busybox-static first (apt-get install busybox-static)" >&2; exit 1; }
file_of() { readlink -f "$1"; }

ROOT=$(mktemp -d /tmp/vethlab-busybox.XXXXXX)
trap 'rm -rf "$ROOT"' EXIT
mkdir -p "$ROOT/bin" "$ROOT/etc" "$ROOT/root" "$ROOT/home" "$ROOT/tmp" "$ROOT/var/www" \
  "$ROOT/var/spool/mail" "$ROOT/usr/sbin" "$ROOT/dev" "$ROOT/proc" "$ROOT/sys" "$ROOT/lib"
chmod 1777 "$ROOT/tmp"; chmod 700 "$ROOT/root"
cp "$BB" "$ROOT/bin/busybox"
for applet in $("$BB" --list); do
  [ "$applet" = busybox ] && continue
  ln "$ROOT/bin/busybox" "$ROOT/bin/$applet"
done

cat > "$ROOT/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
PASSWD
cat > "$ROOT/etc/group" <<'GROUP'
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nogroup:x:65534:
GROUP
printf 'root:*::0:::::\n' > "$ROOT/etc/shadow"; chmod 600 "$ROOT/etc/shadow"
printf 'hosts:          files dns\nnetworks:       files\n' > "$ROOT/etc/nsswitch.conf"
touch "$ROOT/etc/localtime"

# glibc NSS for the static busybox's getaddrinfo (same glibc as the build host's busybox-static)
LIBDIR=/lib/x86_64-linux-gnu
mkdir -p "$ROOT$LIBDIR" "$ROOT/lib64"
for lib in libc.so.6 libnss_files.so.2 libnss_dns.so.2 libresolv.so.2; do
  [ -e "$LIBDIR/$lib" ] && cp "$(file_of "$LIBDIR/$lib")" "$ROOT$LIBDIR/$lib"
done
cp "$(file_of /lib64/ld-linux-x86-64.so.2)" "$ROOT/lib64/ld-linux-x86-64.so.2"

tar --numeric-owner --owner=0 --group=0 -C "$ROOT" -c . |
  "$DOCKER" import -c 'CMD ["sh"]' -m 'vethlab: busybox from Debian busybox-static' - busybox:latest
"$DOCKER" image ls busybox
