# Sourced by ./jtrace (and by the tests, so that they run jtrace exactly as users do).
# exec_jtrace JAVA CLASSPATH ARGV0 ARGS...: replaces this shell by the jtrace JVM, handing it what
# its caller gave this shell, which the traced program must inherit unchanged. Only builtins run
# here before the exec: a command substitution would itself open a pipe and fork.
exec_jtrace() {
  local java=$1 cp=$2 name=$3 f n line flags fds="" ign=0 blk=0
  shift 3
  # The descriptors the program will inherit: every open descriptor of this shell that is not
  # close-on-exec (bash's own, such as the script's, are).
  local listed=(/proc/$$/fd/*)
  for f in "${listed[@]}"; do
    n=${f##*/}
    # The listing's own descriptor, closed by now (with one of 0-2 closed, it took that number).
    [[ -e $f ]] || continue
    # Started with stderr closed, bash keeps the script it runs open as fd 2 without close-on-exec:
    # that one is bash's, not the caller's.
    [[ $f -ef ${BASH_SOURCE[-1]} || $f -ef ${BASH_SOURCE[0]} ]] && continue
    local info=()
    mapfile -t info < "/proc/$$/fdinfo/$n" 2>/dev/null || continue
    for line in "${info[@]}"; do
      case $line in
        flags:*) flags=${line#flags:}; flags=${flags//[[:space:]]/}
                 (( (8#$flags & 8#2000000) == 0 )) && fds="$fds${fds:+,}$n" ;;
      esac
    done
  done
  # The signals ignored and blocked by the caller: the JVM takes over several signals (SIGPIPE,
  # SIGQUIT, SIGCHLD...) and its threads' masks, so it cannot tell afterwards what it was given.
  local status=()
  mapfile -t status < /proc/$$/status
  for line in "${status[@]}"; do
    case $line in
      SigIgn:*) ign=${line#SigIgn:}; ign=${ign//[[:space:]]/} ;;
      SigBlk:*) blk=${line#SigBlk:}; blk=${blk//[[:space:]]/} ;;
    esac
  done
  # bash rebuilds the environment it passes on (another order, no "_"): hand the program the one
  # this shell was given, as strace hands on its own.
  local environ=()
  mapfile -d '' -t environ < /proc/$$/environ
  # The signals that end strace are blocked from the first instant, in every thread of the JVM
  # (-Xrs keeps it from unblocking them), and wait for jtrace to read them from a signalfd: a
  # signal during start-up is then acted on as strace would, not by the JVM's own handlers.
  exec env --block-signal=HUP,INT,QUIT,PIPE,TERM "$java" -Xrs -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr --enable-native-access=ALL-UNNAMED \
    -Djtrace.argv0="$name" -Djtrace.fds="$fds" -Djtrace.sigign="$ign" -Djtrace.sigblk="$blk" \
    -Djtrace.environ=<(printf '%s\0' "${environ[@]}") \
    -cp "$cp" io.jtrace.cli.Main "$@"
}
