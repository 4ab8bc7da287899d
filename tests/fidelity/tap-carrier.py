"""Hold the recording host's eth0 (a tap device) open so it has carrier, discarding its frames.

Run inside the recording host's network namespace by engine.sh. A tap keeps eth0 an ordinary
Ethernet device (not a veth, so `ip link show type veth` lists only Docker's veths), and whatever
the host sends out of eth0 ends here: read and dropped.
"""
import fcntl
import os
import struct
import sys

TUNSETIFF = 0x400454CA
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000

fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", sys.argv[1].encode(), IFF_TAP | IFF_NO_PI))
with open(sys.argv[2], "w") as f:
    f.write(str(os.getpid()))
while True:
    os.read(fd, 65536)
