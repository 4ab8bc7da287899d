# iptables golden configuration 'ephemeral' (the files tests/fidelity/iptables/ephemeral.*.golden are written from this recording)
# @fresh-daemon
docker run -d --name web -p 80 nginx
iptables -S
iptables -t nat -S
iptables -L -n
iptables -t nat -L -n
iptables -L -n -v
iptables -t nat -L -n -v --line-numbers
