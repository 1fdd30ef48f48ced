# Sourced by recipes/steps/*.sh: run_logged CMD... appends CMD to exp/commands.log (the exact commands behind the
# results, which the report copies) and runs it.
run_logged() { echo "$*" >> exp/commands.log; "$@"; }
