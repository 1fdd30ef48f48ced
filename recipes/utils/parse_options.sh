#!/usr/bin/env bash
# Parses --name value / --name=value options into the shell variables of the same name (dashes become
# underscores), as Kaldi's utils/parse_options.sh does. Source it after defining the defaults:
#   stage=0; nj=4; . utils/parse_options.sh
# A variable must already be defined to be settable; an unknown option is an error. --config FILE sources FILE.
while true; do
  [ -z "${1:-}" ] && break
  case "$1" in
    --help|-h)
      if [ -z "${help_message:-}" ]; then echo "No help found." >&2; else printf '%s\n' "$help_message" >&2; fi
      exit 0 ;;
    --*=*)
      name=$(echo "${1%%=*}" | sed 's/^--//; s/-/_/g'); value="${1#*=}"; shift 1 ;;
    --*)
      name=$(echo "$1" | sed 's/^--//; s/-/_/g')
      if [ $# -lt 2 ]; then echo "$0: option $1 needs a value" >&2; exit 1; fi
      value="$2"; shift 2 ;;
    *) break ;;
  esac
  if [ "$name" = config ]; then
    [ -f "$value" ] || { echo "$0: config file $value not found" >&2; exit 1; }
    . "$value"; continue
  fi
  if ! eval "[ -n \"\${$name+x}\" ]"; then
    echo "$0: invalid option --$(echo "$name" | sed 's/_/-/g')" >&2
    [ -n "${help_message:-}" ] && printf '%s\n' "$help_message" >&2
    exit 1
  fi
  old_value=$(eval echo "\$$name")
  if [ "$old_value" = true ] || [ "$old_value" = false ]; then
    if [ "$value" != true ] && [ "$value" != false ]; then
      echo "$0: expected --$name=true|false, got '$value'" >&2; exit 1
    fi
  fi
  eval "$name=\"\$value\""
done
true
