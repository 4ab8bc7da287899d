# iptables golden configuration 'usernet' (the files tests/fidelity/iptables/usernet.*.golden are written from this recording)
# @fresh-daemon
docker network create bridge2
docker run -dit --name box1 --network bridge2 busybox
iptables -S
iptables -t nat -S
iptables -L -n
iptables -t nat -L -n
iptables -L -n -v
iptables -t nat -L -n -v --line-numbers
