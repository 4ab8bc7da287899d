# ~/.bashrc of a Vethlab sandbox host
[ -z "$PS1" ] && return
HISTCONTROL=ignoreboth
HISTSIZE=1000
shopt -s histappend checkwinsize
PS1='\u@\h:\w\$ '
alias ls='ls --color=auto'
alias grep='grep --color=auto'
[ -f /usr/share/bash-completion/bash_completion ] && . /usr/share/bash-completion/bash_completion
