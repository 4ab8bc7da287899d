# An image that is not present locally: the engine tries the registry. The recording engine has no
# registry (HTTP(S)_PROXY points at a closed loopback port), so the error's tail is this
# environment's; the first line is what every learner sees.
docker run --rm nosuchimage
docker images
