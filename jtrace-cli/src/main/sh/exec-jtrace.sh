# Sourced by ./jtrace (and by the tests, so that they run jtrace exactly as users do).
# exec_jtrace JAVA CLASSPATH ARGV0 ARGS...: replaces this shell by the jtrace JVM, handing it what
# its caller gave this shell, which the traced program must inherit unchanged. Only builtins run
# here before the exec: a command substitution would itself open a pipe and fork.
# The JVM's flags, for a run and for the run that trains its AOT cache: the two must agree (./jtrace
# trains again when this file changes). No perf data: its file is named after the pid, which as the
# init of a new pid namespace is 1, taken by the host's init, and the JVM would warn of it.
jtrace_jvm_flags=(-Xrs -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xlog:disable -Xlog:all=warning:stderr
  --enable-native-access=ALL-UNNAMED)

# jtrace_aot_train JAVA CLASSPATH CACHE: records an AOT cache (JDK 25's ahead-of-time class loading
# and linking) from a short trace that loads what most traces use: start-up then takes about half
# the time. The cache is written aside and moved in place, so that no run reads half of one.
jtrace_aot_train() {
  "$1" "${jtrace_jvm_flags[@]}" -XX:AOTCacheOutput="$3.tmp" -cp "$2" io.jtrace.cli.Main -f -v -yy -o /dev/null \
    /bin/sh -c 'cat /etc/hostname; ls / ' </dev/null >/dev/null 2>&1 && mv -f "$3.tmp" "$3"
  rm -f "$3.tmp" "$3.tmp.config"
}

exec_jtrace() {
  local java=$1 cp=$2 name=$3 f n line flags fds="" ign=0 blk=0
  shift 3
  # The descriptors the program will inherit: every open descriptor of this shell that is not
  # close-on-exec (bash's own, such as the script's, are).
  local listed=(/proc/self/fd/*)
  for f in "${listed[@]}"; do
    n=${f##*/}
    # The listing's own descriptor, closed by now (with one of 0-2 closed, it took that number).
    [[ -e $f ]] || continue
    # Started with stderr closed, bash keeps the script it runs open as fd 2 without close-on-exec:
    # that one is bash's, not the caller's.
    [[ $f -ef ${BASH_SOURCE[-1]} || $f -ef ${BASH_SOURCE[0]} ]] && continue
    local info=()
    mapfile -t info < "/proc/self/fdinfo/$n" 2>/dev/null || continue
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
  mapfile -t status < /proc/self/status
  for line in "${status[@]}"; do
    case $line in
      SigIgn:*) ign=${line#SigIgn:}; ign=${ign//[[:space:]]/} ;;
      SigBlk:*) blk=${line#SigBlk:}; blk=${blk//[[:space:]]/} ;;
    esac
  done
  # bash rebuilds the environment it passes on (another order, no "_"): hand the program the one
  # this shell was given, as strace hands on its own.
  local environ=()
  mapfile -d '' -t environ < /proc/self/environ
  # The signals that end strace are blocked from the first instant, in every thread of the JVM
  # (-Xrs keeps it from unblocking them), and wait for jtrace to read them from a signalfd: a
  # signal during start-up is then acted on as strace would, not by the JVM's own handlers.
  # With a cache (./jtrace trains one after each build and passes it in jtrace_aot_cache), the
  # JDK's classes and jtrace's come from it; without, the JDK's from its own archive.
  local share=(-Xshare:auto)
  [[ -n ${jtrace_aot_cache-} && -f $jtrace_aot_cache ]] && share=(-XX:AOTCache="$jtrace_aot_cache")
  local jvm=(env --block-signal=HUP,INT,QUIT,PIPE,TERM "$java" "${jtrace_jvm_flags[@]}" "${share[@]}"
    -Djtrace.argv0="$name" -Djtrace.fds="$fds" -Djtrace.sigign="$ign" -Djtrace.sigblk="$blk")
  local daemonize=0
  daemonize_level "$@"
  if (( daemonize == 0 )); then
    # The environment comes through a pipe from a child of this shell, which the JVM inherits: its
    # pid goes along, so that jtrace as the init of a pid namespace, which reaps every child it is
    # handed, knows this one for its own and does not report it.
    local envfd
    exec {envfd}< <(printf '%s\0' "${environ[@]}")
    exec "${jvm[@]}" -Djtrace.environ=/dev/fd/$envfd -Djtrace.helper=$! -cp "$cp" io.jtrace.cli.Main "$@"
  fi
  # -D: this process, the one jtrace's caller started, becomes the program; jtrace runs apart, a
  # grandchild reparented at once (-DD: in a process group of its own, -DDD: a session), and takes
  # this shell over while it waits on a FIFO, as it takes over its own trampoline otherwise. If
  # jtrace fails before that, it writes a line to the FIFO and this shell exits 1; if it never
  # comes, the wait ends after a minute.
  local gate="${TMPDIR:-/tmp}/jtrace-gate.$$.$RANDOM"
  mkfifo -m 600 "$gate" || exit 1
  # An asynchronous command ignores SIGINT and SIGQUIT, and bash ignores SIGQUIT itself: the
  # caller's dispositions, all of them, are the ones a synchronous child of bash starts with.
  local caller_ign
  caller_ign=$(grep '^SigIgn:' /proc/self/status)
  caller_ign=${caller_ign#SigIgn:}
  jvm+=(-Djtrace.sigign.all="${caller_ign//[[:space:]]/}")
  case $daemonize in
    1) ( "${jvm[@]}" -Djtrace.daemonized="$$:$gate" -Djtrace.environ=<(printf '%s\0' "${environ[@]}") \
           -cp "$cp" io.jtrace.cli.Main "$@" </dev/null & ) ;;
    2) ( set -m; "${jvm[@]}" -Djtrace.daemonized="$$:$gate" -Djtrace.environ=<(printf '%s\0' "${environ[@]}") \
           -cp "$cp" io.jtrace.cli.Main "$@" </dev/null & ) ;;
    *) ( setsid "${jvm[@]}" -Djtrace.daemonized="$$:$gate" -Djtrace.environ=<(printf '%s\0' "${environ[@]}") \
           -cp "$cp" io.jtrace.cli.Main "$@" </dev/null & ) ;;
  esac
  if ! read -r -t 60 -u 9 _ 9<>"$gate"; then
    echo "$name: the tracer did not take this process over" >&2
  fi
  rm -f "$gate"
  exit 1
}

# daemonize_level ARGS...: sets the caller's daemonize to how many -D (or which --daemonize=) the
# command line asks for, reading it as getopt would up to the first non-option; 0 for none. jtrace
# checks the line itself later. (A function setting a variable: a command substitution would fork.)
daemonize_level() {
  local arg level=0 i c
  while (( $# > 0 )); do
    arg=$1
    shift
    case $arg in
      --) break ;;
      --dae*=*|--daemoni*=*)
        case ${arg#*=} in
          pgroup|pgrp) level=2 ;; session) level=3 ;; *) level=1 ;;
        esac ;;
      --dae*) [[ daemonize == "${arg#--}"* || daemonised == "${arg#--}"* || daemonized == "${arg#--}"* ]] && level=1 ;;
      --*=*) ;;
      --*)
        # A long option taking an argument in the next word.
        local name=${arg#--} opt
        for opt in columns detach-on env interruptible output summary-syscall-overhead attach trace-path \
                   string-limit summary-sort-by user summary-columns const-print-style trace abbrev verbose \
                   raw signals status read write fault inject kvm decode-pids; do
          if [[ $opt == "$name"* ]]; then
            shift
            break
          fi
        done ;;
      -?*)
        for (( i = 1; i < ${#arg}; i++ )); do
          c=${arg:i:1}
          if [[ $c == D ]]; then
            level=$(( level + 1 ))
          elif [[ abeEIoOpPsSuUX == *"$c"* ]]; then
            (( i == ${#arg} - 1 )) && shift
            break
          fi
        done ;;
      *) break ;;
    esac
  done
  daemonize=$level
}
