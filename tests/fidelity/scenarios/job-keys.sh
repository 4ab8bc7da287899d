# Ctrl-Z and bash's job notices for jobs a signal ended. Keys are typed into the pseudo-terminal
# (`# @keys SECONDS KEY`, see README): the tty echoes `^Z` and stops the foreground job with
# SIGTSTP. As in jobs.sh, each line is a `bash -c` that turns job control on with `set -m`.
# cat with no file reads the terminal: in the background it stops (SIGTTIN), in the foreground
# Ctrl-Z stops it and Ctrl-C kills it.
# @keys 1.5 ^Z
set -m; ping -c 3 127.0.0.1; jobs; fg
# @keys 0.5 ^Z
set -m; sleep 10; echo "status $?"; jobs; kill %1
# @keys 0.5 ^Z
set -m; sleep 10 && echo not reached; echo "status $?"; bg; jobs; kill %1
# @keys 0.5 ^Z 1 ^Z
set -m; sleep 2; fg; echo "status $?"; jobs; kill -9 %1; sleep 0.5; jobs
# @keys 0.5 ^Z
set -m; sleep 10 | cat; jobs; kill %1
set -m; sleep 100 & sleep 0.5; kill -9 %1; sleep 0.5; jobs
set -m; sleep 100 & sleep 0.5; kill %1; sleep 0.5; jobs
set -m; sleep 100 & sleep 0.5; kill -HUP %1; sleep 0.5; jobs
set -m; sleep 100 & sleep 0.5; kill -INT %1; sleep 0.5; jobs; echo "status $?"
set -m; sleep 100 & sleep 0.5; kill -9 %1; wait %1; echo "status $?"
set -m; sleep 100 & sleep 0.5; kill %1; wait; echo "status $?"
set -m; cat & sleep 1; jobs; kill %1
set -m; echo piped | cat & wait
# @keys 0.5 ^Z
set -m; cat; echo "status $?"; jobs; kill %1
# @keys 0.5 ^C
set -m; cat; echo "status $?"
