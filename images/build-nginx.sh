#!/bin/sh
# Build nginx:latest locally (no registry) from Debian bookworm's nginx package.
# Usage (root, Debian bookworm, after `apt-get update`): images/build-nginx.sh [docker-binary]
# Needs: apt-get install busybox-static docker.io ; a running dockerd; reach to Debian's mirror
# for `apt-get download` (the .deb files are unpacked with dpkg -x, nothing is installed).
#
# What it is: the real nginx 1.22 binary and Debian's shared libraries, with the official image's
# shape: nginx.conf + conf.d/default.conf as in the official image, the upstream welcome page
# (/usr/share/nginx/html/index.html, byte-identical to the official image's), access/error logs to
# /dev/stdout and /dev/stderr, user nginx (uid 101), ENTRYPOINT /docker-entrypoint.sh,
# CMD nginx -g 'daemon off;', EXPOSE 80/tcp (docker import cannot set STOPSIGNAL).
# Like the official image (Debian slim) it has bash and a coreutils-like userland (busybox applets
# here), and NO ping/ip/ifconfig/nslookup/wget: `docker exec web ping x` fails as on the real image.
# Differences from the official image: nginx 1.22.1 instead of 1.25+ (Server: header), no curl,
# no /docker-entrypoint.d scripts.
set -eu
DOCKER=${1:-/usr/bin/docker}
BB=/bin/busybox
[ -x "$BB" ] || { echo "install busybox-static first (apt-get install busybox-static)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/vethlab-nginx.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/rootfs"; mkdir -p "$ROOT" "$WORK/debs"
(cd "$WORK/debs" && apt-get download -q \
  nginx nginx-common libc6 libcrypt1 libpcre2-8-0 libssl3 zlib1g bash libtinfo6 >/dev/null 2>&1) ||
  { echo "apt-get download failed (run apt-get update first)" >&2; exit 1; }
for deb in "$WORK"/debs/*.deb; do dpkg -x "$deb" "$ROOT"; done
# merged /usr like Debian bookworm: /bin /lib /lib64 /sbin are links into /usr
for d in bin lib lib64 sbin; do
  if [ -d "$ROOT/$d" ] && [ ! -L "$ROOT/$d" ]; then
    mkdir -p "$ROOT/usr/$d"; cp -a "$ROOT/$d/." "$ROOT/usr/$d/"; rm -rf "${ROOT:?}/$d"
  fi
  mkdir -p "$ROOT/usr/$d"; ln -s "usr/$d" "$ROOT/$d"
done
rm -rf "$ROOT/usr/share/doc" "$ROOT/usr/share/man" "$ROOT/usr/share/vim" "$ROOT/usr/share/apport" \
  "$ROOT/etc/init.d" "$ROOT/etc/ufw" "$ROOT/etc/logrotate.d" "$ROOT/etc/default" "$ROOT/lib/systemd" \
  "$ROOT/usr/lib/systemd" "$ROOT/etc/nginx/sites-available" "$ROOT/etc/nginx/sites-enabled" \
  "$ROOT/etc/nginx/snippets" "$ROOT/var/www"

# userland: busybox applets a Debian slim image has (coreutils, grep, sed, hostname, ...),
# deliberately without the network tools Debian slim does not ship.
cp "$BB" "$ROOT/usr/bin/busybox"
for applet in sh cat ls echo env hostname id mkdir rm cp mv ln touch chmod chown head tail grep \
  sed sort uniq wc cut tr tee sleep true false test [ printf date uname pwd readlink basename \
  dirname stat df du find xargs awk less more which whoami seq mktemp expr kill nproc; do
  [ -e "$ROOT/usr/bin/$applet" ] || ln "$ROOT/usr/bin/busybox" "$ROOT/usr/bin/$applet"
done

mkdir -p "$ROOT/etc/nginx/conf.d" "$ROOT/var/log/nginx" "$ROOT/var/cache/nginx" "$ROOT/var/lib/nginx" \
  "$ROOT/run" "$ROOT/var/run" "$ROOT/tmp" "$ROOT/root" "$ROOT/home" "$ROOT/docker-entrypoint.d" \
  "$ROOT/proc" "$ROOT/sys" "$ROOT/dev"
chmod 1777 "$ROOT/tmp"; chmod 700 "$ROOT/root"
ln -sf /dev/stdout "$ROOT/var/log/nginx/access.log"
ln -sf /dev/stderr "$ROOT/var/log/nginx/error.log"

cat > "$ROOT/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
nginx:x:101:101:nginx user:/nonexistent:/bin/false
PASSWD
cat > "$ROOT/etc/group" <<'GROUP'
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
mail:x:8:
www-data:x:33:
staff:x:50:
users:x:100:
nogroup:x:65534:
nginx:x:101:
GROUP
printf 'hosts:          files dns\nnetworks:       files\n' > "$ROOT/etc/nsswitch.conf"
printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n' > "$ROOT/etc/os-release"

cat > "$ROOT/etc/nginx/nginx.conf" <<'CONF'

user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
CONF
cat > "$ROOT/etc/nginx/conf.d/default.conf" <<'CONF'
server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
CONF
cat > "$ROOT/usr/share/nginx/html/50x.html" <<'HTML'
<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
HTML
cat > "$ROOT/docker-entrypoint.sh" <<'SH'
#!/bin/sh
# vethlab: the official image's entrypoint runs /docker-entrypoint.d/*.sh first; there are none.
set -e
if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    echo "$0: /docker-entrypoint.d/ is empty, skipping configuration"
    echo "$0: Configuration complete; ready for start up"
fi
exec "$@"
SH
chmod 755 "$ROOT/docker-entrypoint.sh"

tar --numeric-owner --owner=0 --group=0 -C "$ROOT" -c . |
  "$DOCKER" import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV NGINX_VERSION=1.22.1' \
    -c 'ENTRYPOINT ["/docker-entrypoint.sh"]' \
    -c 'EXPOSE 80' \
    -c 'CMD ["nginx", "-g", "daemon off;"]' \
    -m 'vethlab: nginx from Debian bookworm packages' - nginx:latest
"$DOCKER" image ls nginx
