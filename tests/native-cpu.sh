# native-cpu.sh - sourced by the test runners: unless LOONGBT_CPU is set, set it to this
# machine's x86 vendor model, whose native runs are the oracle (target-i386/cpu-model.h). A
# cross build under qemu cannot see the vendor for itself; tests/Makefile.inc does the same
# for make targets.
if [ -z "${LOONGBT_CPU:-}" ]; then
    case $(sed -n 's/^vendor_id[^:]*: *//p' /proc/cpuinfo 2>/dev/null | head -1) in
        GenuineIntel) LOONGBT_CPU=intel ;;
        AuthenticAMD) LOONGBT_CPU=amd ;;
        *) LOONGBT_CPU=host ;;
    esac
    export LOONGBT_CPU
fi
