# iptables golden configuration 'publish' (the files tests/fidelity/iptables/publish.*.golden are written from this recording)
# @fresh-daemon
docker run -d --name web -p 1234:80 nginx
iptables -S
iptables -t nat -S
iptables -L -n
iptables -t nat -L -n
iptables -L -n -v
iptables -t nat -L -n -v --line-numbers
