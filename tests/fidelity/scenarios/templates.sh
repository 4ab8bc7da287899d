# Go templates on nested structs, maps and slices; inspect's JSON layout.
docker network create --subnet 172.28.0.0/16 --gateway 172.28.0.1 --label team=net tnet
docker run -dit --name t1 --network tnet --expose 80 -p 8080:80 --link-local-ip 169.254.1.1 busybox
docker run -dit --name t2 --link t1 busybox
docker inspect -f '{{.IPAM.Config}}' tnet
docker network inspect -f '{{.IPAM.Config}}' tnet
docker network inspect -f '{{.IPAM}}' tnet
docker network inspect -f '{{json .IPAM}}' tnet
docker network inspect -f '{{.Labels}}' tnet
docker network inspect -f '{{index .Labels "team"}}' tnet
docker network inspect -f '{{.Containers}}' tnet
docker network inspect -f '{{len .Containers}}' tnet
docker network inspect -f '{{.Name}}' tnet bridge
docker network inspect --format '{{json .}}' tnet | head -c 120
docker inspect -f '{{json .Config.ExposedPorts}}' t1
docker inspect -f '{{.Config.ExposedPorts}}' t1
docker inspect -f '{{json .HostConfig.Links}}' t2
docker inspect -f '{{.HostConfig.Links}}' t2
docker inspect -f '{{json .HostConfig.Links}}' t1
docker inspect -f '{{.NetworkSettings.Ports}}' t1
docker inspect -f '{{range $p, $conf := .NetworkSettings.Ports}}{{$p}} -> {{(index $conf 0).HostPort}}{{end}}' t1
docker inspect -f '{{.NetworkSettings.Networks}}' t1
docker inspect -f '{{range $name, $n := .NetworkSettings.Networks}}{{$name}}={{$n.IPAddress}} {{end}}' t1
docker inspect -f '{{json .NetworkSettings.Networks.tnet}}' t1
docker inspect -f '{{.NetworkSettings.Networks.tnet.IPAMConfig}}' t1
docker inspect -f '{{.State}}' t1
docker inspect -f '{{.State.Status}} {{.State.Running}} {{.State.Pid | printf "%T"}}' t1
docker inspect -f '{{.Config.Cmd}} {{json .Config.Cmd}}' t1
docker inspect -f '{{.Config.Env}}' t1
docker inspect -f '{{.HostConfig.NetworkMode}} {{.HostConfig.RestartPolicy}}' t1
docker inspect -f '{{.HostConfig.NetworkMode}}' t2
docker inspect -f '{{.NetworkSettings.IPAddress}}' t1
docker inspect -f '{{.Name}} {{.Path}} {{.Args}}' t1
docker inspect -f '{{upper .Name}} {{lower "ABC"}} {{title "hello"}} {{split "a,b" ","}} {{join (split "a,b" ",") "+"}}' t1
docker inspect -f '{{.Nope}}' t1
docker inspect -f '{{.NetworkSettings.Networks.nosuch.IPAddress}}' t1
docker inspect -f '{{index .NetworkSettings.Networks "tnet"}}' t1
docker inspect -f '{{if .State.Running}}up{{else}}down{{end}}' t1
docker inspect -f '{{.State.Running' t1
docker inspect --type network tnet -f '{{.Driver}}'
docker inspect --type container tnet
docker inspect --type volume t1
docker inspect t1 tnet -f '{{.Name}}'
docker ps --format '{{json .Names}}'
docker ps --format 'table {{.Names}}\t{{.Networks}}'
docker ps --format '{{.Label "x"}}|{{.Mounts}}|{{.Size}}' --filter name=t1
docker network ls --format 'table {{.Name}}\t{{.Driver}}\t{{.IPv6}}'
docker rm -f t1 t2
docker network rm tnet
