# Kept for packaging/python/test.sh, which sources it for `start_moto VENV DIR [record]` and the exit
# trap (stop moto, remove $work); everything is in tests/lib.sh now, which new scripts source instead.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
