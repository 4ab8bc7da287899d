# docker attach a learner tries without typing into it (the recorder types nothing): errors, a
# stopped container, a detached nginx's log stream stopped by Ctrl-C (`timeout -s INT`
# sends what Ctrl-C sends; with the default --sig-proxy the CLI passes it on and nginx exits),
# --no-stdin, --detach-keys, a -dit shell's prompt redrawn when the CLI sizes its terminal; and
# docker logs writing the container's stderr to its own stderr, so a pipe sees only stdout.
# (Not here: attach without --sig-proxy=false to a PID 1 that ignores SIGINT, which never returns.)
docker attach
docker attach nosuch
docker attach --bogus nosuch
docker attach a b
docker attach --detach-keys
docker create --name c1 busybox
docker attach c1
docker run -d --name once busybox echo hi
docker attach once
docker run -d --name web nginx
docker logs web 2>/dev/null | tail -n 1
docker logs web 2>&1 >/dev/null | wc -l
docker logs --tail 1 web 2>&1 >/dev/null | wc -l
docker run -d --name mixed busybox sh -c 'echo out1; sleep 1; echo err1 >&2; sleep 1; echo out2; sleep 300'
sleep 2
sleep 2
docker logs mixed
docker logs mixed 2>/dev/null
docker logs mixed 2>&1 >/dev/null
docker logs mixed | tail -n 1
docker logs --tail 1 mixed 2>/dev/null
docker logs --tail 2 mixed 2>&1 >/dev/null
timeout -s INT 2 docker attach --sig-proxy=false web
docker ps -a --format '{{.Names}} {{.Status}}' --filter name=web
timeout -s INT 2 docker attach --no-stdin --sig-proxy=false web
timeout -s INT 2 docker attach --detach-keys=bogus web
timeout -s INT 2 docker attach --detach-keys=ctrl-x --no-stdin web
docker ps -a --format '{{.Names}} {{.Status}}' --filter name=web
docker ps -a --format '{{.Names}} {{.Status}}' --filter name=web
docker run -dit --name a1 busybox sh
docker ps -a --format '{{.Names}} {{.Status}}' --filter name=a1
sleep 1
timeout -s INT 2 docker attach --no-stdin a1
docker run -dt --name t1 busybox sh -c 'echo tty out; echo tty err >&2; sleep 300'
sleep 1
docker logs t1 2>/dev/null
docker logs t1 | tail -n 1
docker attach web
docker start web
docker logs web 2>/dev/null | tail -n 1
docker rm -f web a1 t1 mixed once c1
docker run -d --name quiet busybox sleep 300
timeout -s INT 2 docker attach --sig-proxy=false quiet
docker ps -a --format '{{.Names}} {{.Status}}' --filter name=quiet
docker rm -f quiet
