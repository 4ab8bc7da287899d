# bash job control on the host (`cat &` is left out: the model's cat never reads the terminal). The recorder runs each line with `bash -c`, whose job control is
# off, so each line turns it on with `set -m` (a learner's interactive bash has it on; the
# simulator's shell accepts `set -m`); each line cleans up its jobs.
set -m; sh & sleep 1; jobs; kill -9 %1
set -m; sleep 30 & sleep 0.5; kill -STOP %1; sleep 0.5; jobs; bg; jobs; kill %1
set -m; sleep 30 & sleep 0.5; kill -TSTP %1; sleep 0.5; jobs; bg %1; bg %1; kill %1
set -m; ping -c 3 127.0.0.1 & sleep 0.5; kill -TSTP %1; sleep 2; jobs; fg
set -m; sleep 2 & sleep 0.5; kill -STOP %1; sleep 0.5; fg %1
set -m; sleep 30 & sleep 0.5; kill -STOP %1; sleep 0.5; kill %1; sleep 0.5; jobs
set -m; fg
set -m; bg
set -m; fg %3
set -m; sleep 1 & jobs; wait; jobs
