# Sourced by the desktop tests: starts an Xvfb display of their own (so parallel runs and a
# developer's X do not interfere), exports DISPLAY, and adds its pid to the caller's `pids` array
# (which the caller's cleanup kills). Needs the caller's fail().
for n in $(seq 91 140); do
  [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] || { display=":$n"; break; }
done
[ -n "${display:-}" ] || fail "no free X display number"
Xvfb "$display" -screen 0 1400x1100x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
export DISPLAY="$display"
