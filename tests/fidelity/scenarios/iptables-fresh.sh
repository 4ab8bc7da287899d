# iptables golden configuration 'fresh' (the files tests/fidelity/iptables/fresh.*.golden are written from this recording)
# @fresh-daemon
iptables -S
iptables -t nat -S
iptables -L -n
iptables -t nat -L -n
iptables -L -n -v
iptables -t nat -L -n -v --line-numbers
