# Sourced by ./jtrace and examples/run: find_java prints the path of a java of version 25 or later
# (JAVA_HOME first, then /usr/lib/jvm, then the one on PATH), or fails.
java_major() {
  "$1" -XshowSettings:properties -version </dev/null 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}
find_java() {
  local j v
  for j in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java "$(command -v java 2>/dev/null)"; do
    [ -x "$j" ] || continue
    v=$(java_major "$j")
    [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null && { echo "$j"; return 0; }
  done
  return 1
}
