# Shared by the image test scripts: one line per check, a count at the end, exit 1 on any failure.
# Sourced, not run.
passed=0
failed=0

pass() { echo "ok    $1"; passed=$((passed + 1)); }
fail_check() { echo "FAIL  $1${2:+: $2}"; failed=$((failed + 1)); }

# check NAME COMMAND...: passes when COMMAND exits 0.
check() {
  local name=$1
  shift
  local output
  if output=$("$@" 2>&1); then pass "$name"; else fail_check "$name" "$(echo "$output" | tail -n 3)"; fi
}

# check_output NAME REGEX COMMAND...: passes when COMMAND exits 0 and its output matches REGEX.
check_output() {
  local name=$1 regex=$2
  shift 2
  local output
  if output=$("$@" 2>&1) && grep -qE "$regex" <<<"$output"; then pass "$name"; else fail_check "$name" "$output"; fi
}

# check_user ROOT NAME: a system user with no password, no shell and its own group.
check_user() {
  local root=$1 user=$2
  local entry shadow
  entry=$(grep "^$user:" "$root/etc/passwd" || true)
  shadow=$(grep "^$user:" "$root/etc/shadow" | cut -d: -f2 || true)
  if [ -z "$entry" ]; then fail_check "user $user exists"; return; fi
  pass "user $user exists"
  [ "$(echo "$entry" | cut -d: -f7)" = /usr/sbin/nologin ] && pass "user $user has no shell" ||
    fail_check "user $user has no shell" "$entry"
  [ "$(echo "$entry" | cut -d: -f3)" -lt 1000 ] && pass "user $user is a system user" ||
    fail_check "user $user is a system user" "$entry"
  case "$shadow" in
    '!'* | '*'*) pass "user $user has no password" ;;
    *) fail_check "user $user has no password" "shadow field '${shadow:0:3}...'" ;;
  esac
  grep -q "^$user:" "$root/etc/group" && pass "group $user exists" || fail_check "group $user exists"
}

# check_owner_mode ROOT PATH USER:GROUP MODE
check_owner_mode() {
  local root=$1 path=$2 owner=$3 mode=$4
  local uid gid actual
  uid=$(awk -F: -v u="${owner%%:*}" '$1 == u { print $3 }' "$root/etc/passwd")
  gid=$(awk -F: -v g="${owner##*:}" '$1 == g { print $3 }' "$root/etc/group")
  actual=$(stat -c '%u:%g %a' "$root$path" 2>&1 || true)
  [ "$actual" = "$uid:$gid $mode" ] && pass "$path is $owner, mode $mode" ||
    fail_check "$path is $owner, mode $mode" "found $actual"
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
