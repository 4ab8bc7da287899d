# iptables golden configuration 'publish-all' (the files tests/fidelity/iptables/publish-all.*.golden are written from this recording)
# @fresh-daemon
docker run -d --name web -P nginx
iptables -S
iptables -t nat -S
iptables -L -n
iptables -t nat -L -n
iptables -L -n -v
iptables -t nat -L -n -v --line-numbers
