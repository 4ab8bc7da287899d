# ~/.profile of a Vethlab sandbox host
[ -n "$BASH" ] && [ -f ~/.bashrc ] && . ~/.bashrc
