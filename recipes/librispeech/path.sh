# Puts the amd launcher and the shared recipe utilities on PATH (as Kaldi's path.sh does for its binaries).
export AMD_ROOT="${AMD_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export PATH="$AMD_ROOT/recipes/bin:$AMD_ROOT/recipes/utils:$PATH"
export LC_ALL=C
# OpenMP spin-waiting halves ND4J throughput on small machines.
export OMP_WAIT_POLICY=PASSIVE
