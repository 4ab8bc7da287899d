# Learner variants: the lessons' steps tried in the wrong order, then put right.
docker exec box1 ping -c 1 box2
docker network connect mynet box1
docker run -dit --name box1 --network mynet busybox
docker network create mynet
docker run -dit --name box1 --network mynet busybox
docker rm box1
docker run -dit --name box1 --network mynet busybox
docker run -dit --name box2 --network mynet busybox
docker exec box1 ping -c 1 box2
docker stop box2
docker exec box1 ping -c 1 -W 1 box2
docker start box2
docker exec box1 ping -c 1 box2
docker exec box1 ip -4 addr show eth0
docker network disconnect bridge box1
docker network connect bridge box1
docker exec box1 ip -4 route
docker port box1
docker run -d --name web -p 8080:80 nginx
docker port web
docker port web 80/tcp
docker port web 81
wget -q -O - http://127.0.0.1:8080 | head -4
docker stop web
wget -q -T 2 -O - http://127.0.0.1:8080
docker start web
docker network rm mynet
docker rm -f box1 box2 web
docker network rm mynet
docker ps -a
