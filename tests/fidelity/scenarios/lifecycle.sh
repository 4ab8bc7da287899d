# Container lifecycle commands a learner reaches for: top, stats, logs of TTY containers, pull, restart.
docker run -dit --name box1 busybox
docker top box1 -o pid,comm
docker top nosuch
docker stats --no-stream --format '{{.Name}}'
docker stats --no-stream --format '{{.Name}}' box1
docker stats --no-stream nosuch
docker run -dt --name ttyd busybox sh -c 'echo hello tty; sleep 300'
docker logs ttyd
docker run -d --name plain busybox sh -c 'echo hello plain; echo oops >&2; sleep 300'
docker logs plain
docker logs --tail 1 plain
docker logs nosuch
docker pull redis
docker pull busybox
docker images --format '{{.Repository}}:{{.Tag}}'
docker image ls busybox --format '{{.Repository}}'
docker restart box1
docker pause box1
docker exec box1 true
docker unpause box1
docker kill box1
docker ps -a --filter name=box1 --format '{{.Status}}'
docker kill box1
docker wait box1
docker rm box1
docker rm plain
docker rm -f plain ttyd
docker container ls -a
docker container prune -f
docker system df --format '{{.Type}}'
docker version --format '{{.Server.Version}}'
docker info --format '{{.Driver}} {{.Containers}} {{.ContainersRunning}}'
docker --version
docker -v
docker help | head -3
docker run --help | head -3
docker network create --help | head -5
